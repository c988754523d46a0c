package search

import (
	"fmt"
	"slices"
	"strings"

	"github.com/fupan/fupan/internal/editdist"
)

// Typos: a term of a query that the index does not hold, nor a dotted
// suffix of it, nor (when it has parts) all of its parts, matches the
// terms of the vocabulary nearest to it: within an edit distance (optimal
// string alignment: an insertion, a deletion, a substitution or a swap of
// two adjacent letters) of 1 for a term of 5 to 7 bytes, of 2 for 8 or
// more, the nearest ones only, at most [maxNear] in byte order.
//
// The vocabulary is what typos are looked up in: the terms of the text
// fields that are words or identifiers without joiners ([InVocabulary]).
// The browser loads it, as one file, only when a query needs it.

// maxNear is the most terms a typo is read as.
const maxNear = 8

// InVocabulary tells whether a term is one of the vocabulary: an ASCII
// letter, then ASCII letters, digits and underscores, 4 to 64 bytes.
func InVocabulary(t string) bool {
	if len(t) < 4 || len(t) > 64 || t[0] < 'a' || t[0] > 'z' {
		return false
	}
	for i := 1; i < len(t); i++ {
		c := t[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// maxTypos is the edit distance a term may be read at, 0 for none.
func maxTypos(t string) int {
	switch {
	case !InVocabulary(t) || len(t) < 5:
		return 0
	case len(t) < 8:
		return 1
	}
	return 2
}

// nearest returns the terms of vocab (sorted) at the smallest distance
// from t, at most max, none when none is within max.
func nearest(t string, vocab []string, max int) []string {
	var out []string
	best := max + 1
	for _, v := range vocab {
		if v == t || abs(len(v)-len(t)) > max {
			continue
		}
		d := editdist.OSA(t, v, best+1)
		switch {
		case d < best:
			best, out = d, []string{v}
		case d == best && len(out) < maxNear:
			out = append(out, v)
		}
	}
	if best > max {
		return nil
	}
	slices.Sort(out)
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// ReadAs says how the plan read its typos, "" when it has none:
// "showing results for readtimeout (no review holds readtimout)". The
// browser's search.js (readAs) says it in the same words.
func (p Plan) ReadAs() string {
	if len(p.Typos) == 0 {
		return ""
	}
	var as, from []string
	for _, t := range p.Typos {
		as = append(as, strings.Join(t.As, " or "))
		from = append(from, t.Term)
	}
	return fmt.Sprintf("showing results for %s (no review holds %s)", strings.Join(as, ", "), strings.Join(from, ", "))
}
