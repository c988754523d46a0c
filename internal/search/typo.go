package search

import (
	"fmt"
	"slices"
	"strings"
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
		d := osa(t, v, best+1)
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

// osa returns the optimal string alignment distance of a and b (bytes),
// or any number ≥ limit when it is at least limit.
func osa(a, b string, limit int) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			low = min(low, d)
		}
		if low >= limit {
			return limit
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
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
