package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/internal/terminal"
)

// The text of a list of results, one layout for 'fupan search', 'fupan
// similar' and 'fupan similar --review': each result is its title in
// bold, a dimmed line of facts (date, severity, path, where it ranks),
// what it shares with what was asked, then lines of its own (matched
// fragments, actions not done); a blank line between two. What comes from
// a review is shown by terminal.Text (a path by terminal.Name), never
// acted on.
//
// No score is shown: the lists are ranked in tiers before the score (the
// words matched, the exception raised), so scores read down a list can
// rise. A hit shows the tiers it is in instead (hitTiers); --json keeps
// the score.

// A resultHead is the first lines of a result.
type resultHead struct {
	title  string
	facts  []string // shown as text, two spaces apart; the caller shows paths by terminal.Name
	shares []string
}

// writeResults writes n results, or the line none when there are none.
// each writes result i, starting with writeHead.
func writeResults(w io.Writer, n int, none string, each func(b *strings.Builder, i int)) error {
	if n == 0 {
		_, err := fmt.Fprintln(w, none)
		return err
	}
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte('\n')
		}
		each(&b, i)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeHead writes the head of a result, each line cut to width cells
// (0: as long as it is).
func writeHead(b *strings.Builder, c colors, width int, h resultHead) {
	fmt.Fprintf(b, "%s\n", c.bold(cutCells(terminal.Text(h.title), width)))
	fmt.Fprintf(b, "  %s\n", c.dim(cutCells(strings.Join(h.facts, "  "), width-2)))
	if len(h.shares) > 0 {
		fmt.Fprintf(b, "  shares: %s\n", cutCells(terminal.Text(strings.Join(h.shares, ", ")), width-len("  shares: ")))
	}
}

// hitTiers names the tiers of the ranking a hit is in, which order the
// hits before their score: "all words" (it matches every word of a
// search) and "exception raised" (it raised an exception that a word, or the
// traceback, names).
func hitTiers(h search.Hit) []string {
	var t []string
	if h.AllWords {
		t = append(t, "all words")
	}
	if h.Raised {
		t = append(t, "exception raised")
	}
	return t
}
