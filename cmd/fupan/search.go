package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/internal/terminal"
)

const searchUsage = `
Search the reviews. Reviews that hold every word come first; among them,
and among the rest, reviews that raised what a word names (it is in their
exceptions or traceback chain) come before those that only mention it.
Then words are ranked by BM25, a match in the exceptions, the failing
function, the dependency or the title above one in the body. The last
word also matches as a prefix (ConnectTim finds ConnectTimeout). Code
identifiers are words:
requests.exceptions.ConnectTimeout, settings.CACHE_TIMEOUT, redis-py==4.6.0.

Reviews that match more of the words come first, whatever their score;
of those that hold them all, the ones that hold them in a row, as typed.
An identifier the reviews do not hold whole is found by its dotted
suffix (java.net.ConnectException finds ConnectException), else by its
parts (exceptions.ReadTimeout, celery@5.3.6 and "celery 5.3.6" find
celery==5.3.6). A word no review holds is read as the nearest word
(ReadTimout → readtimeout), and the search says so. A Chinese run
matches when about two thirds of its character pairs do.

Query syntax:
  word…                 plain words and identifiers
  "a phrase"            words in this order
  a OR b                either word (or phrase)
  -word                 leave out the reviews that hold it
  service:NAME          filters, repeatable (same key: either one):
  severity:SEV1           service, severity, status, exception, tag,
  exception:KeyError      since:YYYY-MM-DD, until:YYYY-MM-DD
  since:2025-01           (or YYYY-MM, YYYY; a date that exists)
  incident_id:INC-123   a custom field of fupan.yaml (fields:): its value
A filter value that no review has is named, with the nearest one.

With --json, each hit's fragments give the matched spans [start, end) of
their text in three units: "highlights" in UTF-8 bytes (Go, Rust),
"highlights_utf16" in UTF-16 code units (JavaScript's slice) and
"highlights_codepoints" in code points (Python's str slicing).

A query is at most 1,000 bytes and 64 terms (a term is a word, a part of
a "phrase", or two CJK characters): search for the most distinctive words.

The index is kept under .fupan/ in the repository (git-ignored) and
updated when reviews change.`

func runSearch(ctx context.Context, args []string, std stdio) error {
	fs := newFlagSet("search", "[--repo DIR] [--json] [--limit N] QUERY…", searchUsage, std)
	rf := addRepoFlag(fs)
	hf := addHitFlags(fs)
	flags, words := splitQueryArgs(fs, args)
	rest, err := parseFlags(fs, flags)
	if err != nil {
		return err
	}
	words = append(rest, words...)
	if len(words) == 0 {
		fs.Usage()
		return silent(exitUsage)
	}
	if err := hf.check(); err != nil {
		return err
	}
	q := strings.Join(words, " ")
	if _, err := search.Parse(q); err != nil {
		return err
	}
	ix, err := openIndex(ctx, rf, "search", std.errOut)
	if err != nil {
		return err
	}
	defer ix.Close()
	res, err := ix.Query(ctx, q, *hf.limit)
	if errors.Is(err, search.ErrEmptyQuery) {
		return err
	}
	if err != nil {
		return failed(err)
	}
	notes := res.Notes
	if s := res.Plan.ReadAs(); s != "" {
		notes = append([]string{s}, notes...)
	}
	w := std.out
	if *hf.asJSON {
		w = std.errOut // the JSON stays an array of hits
	}
	for _, n := range notes {
		fmt.Fprintln(w, terminal.Text(n))
	}
	return printHits(std, res.Hits, *hf.asJSON)
}

// openIndex opens the search index of the repository: on disk under
// .fupan/search, or in memory for the embedded examples.
func openIndex(ctx context.Context, rf repoFlag, cmd string, errOut io.Writer) (*search.Index, error) {
	repo, err := rf.open(errOut)
	if err != nil {
		return nil, err
	}
	return repoIndex(ctx, repo, cmd, errOut)
}

// repoIndex opens the search index of repo and brings it up to date, with
// its notes (a rebuild, a wait, an index in memory) on errOut.
func repoIndex(ctx context.Context, repo *repository, cmd string, errOut io.Writer) (*search.Index, error) {
	return search.Open(ctx, repo.fsys, searchOptions(repo, cmd, errOut))
}

// printHits prints hits as text or JSON.
func printHits(std stdio, hits []search.Hit, asJSON bool) error {
	if asJSON {
		if hits == nil {
			hits = []search.Hit{}
		}
		return writeJSON(std.out, hits)
	}
	return writeHitsIn(std.out, hits, colorFor(std.out), widthOf(std.out))
}

// writeHits writes the hits as text, lines as long as they are.
func writeHits(w io.Writer, hits []search.Hit, c colors) error {
	return writeHitsIn(w, hits, c, 0)
}

// writeHitsIn writes the hits as text (writeResults), each line cut to
// width cells (0: no limit).
func writeHitsIn(w io.Writer, hits []search.Hit, c colors, width int) error {
	return writeResults(w, len(hits), "No review matches.", func(b *strings.Builder, i int) {
		h := hits[i]
		facts := append([]string{terminal.Text(h.Date), terminal.Text(h.Severity), terminal.Name(h.Path)}, hitTiers(h)...)
		writeHead(b, c, width, resultHead{title: h.Title, facts: facts, shares: h.Reasons})
		for _, f := range h.Fragments {
			label := terminal.Text(f.Field) + ":"
			if width > 0 {
				f = fit(f, width-3-cells(label))
			}
			fmt.Fprintf(b, "  %s %s\n", c.dim(label), highlight(f, c))
		}
	})
}

// highlight paints the matched spans of a fragment; without colours it
// leaves the text as it is. Either way the text is shown by terminal.Text.
func highlight(f search.Fragment, c colors) string {
	if !c.on {
		return terminal.Text(f.Text)
	}
	var b strings.Builder
	at := 0
	for _, h := range f.Highlights {
		b.WriteString(terminal.Text(f.Text[at:h[0]]))
		b.WriteString(c.paint("1;31", terminal.Text(f.Text[h[0]:h[1]])))
		at = h[1]
	}
	b.WriteString(terminal.Text(f.Text[at:]))
	return b.String()
}
