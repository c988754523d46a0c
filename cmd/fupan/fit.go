package main

import (
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/term"
	"golang.org/x/text/width"

	"github.com/fupan/fupan/internal/search"
)

// Fitting search output to the terminal: a line is cut to the width of
// the terminal, in cells (a CJK character takes two), and a fragment is
// cut around its first match, with "…" where text was left out. Output
// that is not a terminal keeps its lines whole, unless COLUMNS is set.

// widthOf returns the width of the terminal f writes to, COLUMNS when
// set, or 0 (no limit).
func widthOf(w any) int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return max(n, 20)
	}
	if f, ok := w.(*os.File); ok {
		if n, _, err := term.GetSize(int(f.Fd())); err == nil && n > 0 {
			return max(n, 20)
		}
	}
	return 0
}

// cellsOf is the number of terminal cells of a rune.
func cellsOf(r rune) int {
	switch {
	case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Me, r), r == 0x200B:
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// cells is the number of terminal cells of s.
func cells(s string) int {
	n := 0
	for _, r := range s {
		n += cellsOf(r)
	}
	return n
}

// cutCells returns s cut to n cells, with "…" at the end when cut; s when n ≤ 0.
func cutCells(s string, n int) string {
	if n <= 0 || cells(s) <= n {
		return s
	}
	used := 0
	for i, r := range s {
		if used+cellsOf(r) > n-1 {
			return s[:i] + "…"
		}
		used += cellsOf(r)
	}
	return s
}

// fit cuts a fragment to n cells around its first highlight, keeping its
// highlights that still fit (and the part of one cut short).
func fit(f search.Fragment, n int) search.Fragment {
	f.Text = strings.ReplaceAll(f.Text, "\n", " ") // one line; bytes kept
	if n < 10 || cells(f.Text) <= n {
		return f
	}
	start := 0
	if len(f.Highlights) > 0 {
		// Begin a fifth of the line before the first match.
		start = f.Highlights[0][0]
		for back := 0; start > 0 && back < n/5; {
			r, size := utf8.DecodeLastRuneInString(f.Text[:start])
			start -= size
			back += cellsOf(r)
		}
	}
	lead := ""
	room := n
	if start > 0 {
		lead, room = "…", n-1
	}
	end, used := start, 0
	for end < len(f.Text) {
		r, size := utf8.DecodeRuneInString(f.Text[end:])
		if used+cellsOf(r) > room-1 {
			break
		}
		used += cellsOf(r)
		end += size
	}
	tail := ""
	if end < len(f.Text) {
		tail = "…"
	}
	var hl [][2]int
	for _, h := range f.Highlights {
		a, b := max(h[0], start), min(h[1], end)
		if a < b {
			hl = append(hl, [2]int{a - start + len(lead), b - start + len(lead)})
		}
	}
	return search.Fragment{Field: f.Field, Text: lead + f.Text[start:end] + tail, Highlights: hl}
}
