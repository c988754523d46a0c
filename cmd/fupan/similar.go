package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/fupan/fupan/internal/search"
)

const similarUsage = `
Find prior incidents like a traceback (Python, Java or Go), read from FILE
or, with no FILE or with -, from standard input. Log lines before the
traceback are skipped; of a log over 1 MiB, only the lines that start in
its last 1 MiB are read. Reviews are ranked by the exception types, frame
functions and files, and words of the final message that they share with
it; each hit says which.

With --review ID (or the path of a review file), list instead the earlier
incidents whose failure that review repeats: the same exception, dependency,
failing function, a similar traceback, the same service (a shared service or
a common exception alone is not enough), with the actions of each that are
still open or wontfix.`

func runSimilar(ctx context.Context, args []string, std stdio) int {
	fs := newFlagSet("similar", "[--repo DIR] [--json] [--limit N] [--review ID|FILE] [FILE|-]", similarUsage, std.errOut)
	repoDir := fs.String("repo", ".", "the review `repository`")
	asJSON := fs.Bool("json", false, "print the hits as a JSON array")
	limit := fs.Int("limit", 10, "show at most `N` hits")
	which := fs.String("review", "", "list the prior incidents like the review `ID` (or FILE) instead")
	rest, code := parseFlags(fs, args)
	if code >= 0 {
		return code
	}
	if *which != "" {
		if len(rest) > 0 {
			fmt.Fprintf(std.errOut, "fupan similar: --review takes no FILE of traceback\n")
			return exitUsage
		}
		if *limit < 1 {
			fmt.Fprintf(std.errOut, "fupan similar: --limit must be at least 1\n")
			return exitUsage
		}
		return similarReview(std, *repoDir, isSet(fs, "repo"), *which, *limit, *asJSON)
	}
	if len(rest) > 1 {
		fmt.Fprintf(std.errOut, "fupan similar: one FILE at most, have %d\n", len(rest))
		return exitUsage
	}
	if *limit < 1 {
		fmt.Fprintf(std.errOut, "fupan similar: --limit must be at least 1\n")
		return exitUsage
	}
	in := std.in
	if len(rest) == 1 && rest[0] != "-" {
		f, err := os.Open(rest[0])
		if err != nil {
			fmt.Fprintf(std.errOut, "fupan similar: %v\n", err)
			return exitUsage
		}
		defer f.Close()
		in = f
	}
	text, size, err := readLog(in)
	if err != nil {
		linef(std.errOut, "fupan similar: %v", err)
		return exitUsage
	}
	if note := search.LongLogNote(size); note != "" {
		fmt.Fprintf(std.errOut, "fupan similar: %s\n", note)
	}
	tb, err := search.ParseLog(text)
	if err != nil {
		linef(std.errOut, "fupan similar: %v", err)
		return exitUsage
	}
	ix, code := openIndex(ctx, *repoDir, isSet(fs, "repo"), "similar", std.errOut)
	if ix == nil {
		return code
	}
	defer ix.Close()
	hits, err := ix.Similar(ctx, tb, *limit)
	if err != nil {
		linef(std.errOut, "fupan similar: %v", err)
		return exitFindings
	}
	return printHits(std, "similar", hits, *asJSON)
}

// readLog reads r to its end and returns the part of it that
// search.ParseLog reads (search.CutLog) and the size of the whole, holding
// no more than about twice search.MaxLog bytes of it at a time.
func readLog(r io.Reader) (string, int64, error) {
	const keep = search.MaxLog + 1 // CutLog looks at no more
	buf := make([]byte, 0, 2*keep)
	var size int64
	for {
		if len(buf) == cap(buf) {
			buf = buf[:copy(buf, buf[len(buf)-keep:])]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		size += int64(n)
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", size, err
		}
	}
	if len(buf) > keep {
		buf = buf[len(buf)-keep:]
	}
	return search.CutLog(string(buf)), size, nil
}
