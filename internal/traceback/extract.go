package traceback

import (
	"reflect"
	"sort"
	"strings"
)

// Extract returns the traceback in a log as text, without the log lines
// before it (as Find skips them) or after it: the shortest run of lines
// from Find's start that Parse reads as it reads the rest of the log.
// What a review keeps of a pasted log ('fupan new --traceback').
func Extract(log string) (text string, tb *Traceback, err error) {
	start, tb, err := Find(log)
	if err != nil {
		return "", nil, err
	}
	rest := log[start:]
	// Parse may read log lines just before a Python traceback's first
	// line as part of it (Find's start): start at the header instead, if
	// that changes nothing.
	if tb.Language == Python {
		if i := headerLine(rest); i > 0 {
			if got, err := Parse(rest[i:]); err == nil && same(got, tb) {
				rest = rest[i:]
			}
		}
	}
	ends := lineEnds(rest)
	// Parse ignores what follows a traceback, so every prefix from the
	// shortest that gives the same result on gives it: search for it.
	n := sort.Search(len(ends), func(i int) bool {
		got, err := Parse(rest[:ends[i]])
		return err == nil && same(got, tb)
	})
	if n == len(ends) {
		return strings.TrimRight(rest, "\n"), tb, nil
	}
	return strings.TrimRight(rest[:ends[n]], "\n"), tb, nil
}

// lineEnds returns the offset just past each line of s (past its "\n").
func lineEnds(s string) []int {
	var ends []int
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			ends = append(ends, len(s))
			break
		}
		i += j + 1
		ends = append(ends, i)
	}
	return ends
}

// same reports whether a and b are the same traceback, wherever each
// starts in its text (Exception.Line aside).
func same(a, b *Traceback) bool {
	if a.Language != b.Language || len(a.Chain) != len(b.Chain) {
		return false
	}
	for i := range a.Chain {
		x, y := a.Chain[i], b.Chain[i]
		if x.Type != y.Type || x.Message != y.Message || !reflect.DeepEqual(x.Frames, y.Frames) {
			return false
		}
	}
	return true
}

// headerLine returns the offset in s of the first line that starts a
// Python traceback, "Traceback (…", or -1.
func headerLine(s string) int {
	for off := 0; off < len(s); {
		line, _, _ := strings.Cut(s[off:], "\n")
		if strings.HasPrefix(strings.TrimSpace(line), "Traceback (") {
			return off
		}
		off += len(line) + 1
	}
	return -1
}
