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
traceback are skipped. Reviews are ranked by the exception types, frame
functions and files, and words of the final message that they share with
it; each hit says which.`

func runSimilar(ctx context.Context, args []string, std stdio) int {
	fs := newFlagSet("similar", "[--repo DIR] [--json] [--limit N] [FILE|-]", similarUsage, std.errOut)
	repoDir := fs.String("repo", ".", "the review `repository`")
	asJSON := fs.Bool("json", false, "print the hits as a JSON array")
	limit := fs.Int("limit", 10, "show at most `N` hits")
	rest, code := parseFlags(fs, args)
	if code >= 0 {
		return code
	}
	if len(rest) > 1 {
		fmt.Fprintf(std.errOut, "fupan similar: one FILE at most, have %d\n", len(rest))
		return exitUsage
	}
	if *limit < 1 {
		fmt.Fprintf(std.errOut, "fupan similar: --limit must be at least 1\n")
		return exitUsage
	}
	var data []byte
	var err error
	if len(rest) == 0 || rest[0] == "-" {
		data, err = io.ReadAll(std.in)
	} else {
		data, err = os.ReadFile(rest[0])
	}
	if err != nil {
		fmt.Fprintf(std.errOut, "fupan similar: %v\n", err)
		return exitUsage
	}
	tb, err := search.ParseLog(string(data))
	if err != nil {
		fmt.Fprintf(std.errOut, "fupan similar: %v\n", err)
		return exitUsage
	}
	ix, code := openIndex(ctx, *repoDir, isSet(fs, "repo"), "similar", std.errOut)
	if ix == nil {
		return code
	}
	defer ix.Close()
	hits, err := ix.Similar(ctx, tb, *limit)
	if err != nil {
		fmt.Fprintf(std.errOut, "fupan similar: %v\n", err)
		return exitFindings
	}
	return printHits(std, "similar", hits, *asJSON)
}
