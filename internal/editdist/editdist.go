// Package editdist measures how far apart two strings are, as edits: the
// one routine behind fupan's "did you mean" suggestions (review.Suggest,
// by character) and the search's tolerance of typos (by byte, with the
// swap of two adjacent letters as one edit).
package editdist

import "math"

// Levenshtein returns the Levenshtein distance between a and b, by rune:
// the fewest insertions, deletions and substitutions of one character
// that turn a into b.
func Levenshtein(a, b string) int {
	return distance([]rune(a), []rune(b), false, math.MaxInt)
}

// OSA returns the optimal string alignment distance between a and b, by
// byte: Levenshtein's, where the swap of two adjacent bytes is one edit
// too. Once the distance is at least limit it stops and returns a number
// that is at least limit.
func OSA(a, b string, limit int) int {
	return distance([]byte(a), []byte(b), true, limit)
}

// distance is the dynamic programme of both, row by row: swaps counts the
// transposition of two adjacent elements as one edit; it returns early,
// with limit, when no cell of a row is below limit (the rows never
// decrease from there).
func distance[E comparable](a, b []E, swaps bool, limit int) int {
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
			if swaps && i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
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
