package analysis

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzTokens(f *testing.F) {
	for _, tc := range tokenCases {
		f.Add(tc.text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		boundaries := runeBoundaries(text)
		prev := 1
		for _, tok := range Tokens(text) {
			if tok.Start < 0 || tok.Start >= tok.End || tok.End > len(text) {
				t.Fatalf("%+v: span out of bounds of %d bytes", tok, len(text))
			}
			if !boundaries[tok.Start] || !boundaries[tok.End] {
				t.Fatalf("%+v: span not on rune boundaries", tok)
			}
			if tok.Term != strings.ToLower(text[tok.Start:tok.End]) {
				t.Fatalf("%+v: term is not the span %q lower-cased", tok, text[tok.Start:tok.End])
			}
			if tok.Term != strings.ToLower(tok.Term) {
				t.Fatalf("%+v: term not lower-case", tok)
			}
			if !utf8.ValidString(tok.Term) || len(tok.Term) > MaxTermBytes {
				t.Fatalf("%+v: invalid or too long term", tok)
			}
			if tok.Position < prev {
				t.Fatalf("%+v: position before %d", tok, prev)
			}
			prev = tok.Position
		}
	})
}

// runeBoundaries returns the offsets at which a rune begins when s is
// decoded (an invalid byte is a rune of its own), and len(s).
func runeBoundaries(s string) map[int]bool {
	m := map[int]bool{len(s): true}
	for i := range s {
		m[i] = true
	}
	return m
}
