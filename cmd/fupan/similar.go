package main

import (
	"context"
	"errors"
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
it; each hit says which.`

func runSimilar(ctx context.Context, args []string, std stdio) error {
	fs := newFlagSet("similar", "[--repo DIR] [--json] [--limit N] [FILE|-]", similarUsage, std)
	repoDir := fs.String("repo", ".", "the review `repository`")
	asJSON := fs.Bool("json", false, "print the hits as a JSON array")
	limit := fs.Int("limit", 10, "show at most `N` hits")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		return fmt.Errorf("one FILE at most, have %d", len(rest))
	}
	if *limit < 1 {
		return errors.New("--limit must be at least 1")
	}
	in := std.in
	if len(rest) == 1 && rest[0] != "-" {
		f, err := os.Open(rest[0])
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	text, size, err := readLog(in)
	if err != nil {
		return err
	}
	if note := search.LongLogNote(size); note != "" {
		fmt.Fprintf(std.errOut, "fupan similar: %s\n", note)
	}
	tb, err := search.ParseLog(text)
	if err != nil {
		return err
	}
	ix, err := openIndex(ctx, *repoDir, isSet(fs, "repo"), "similar", std.errOut)
	if err != nil {
		return err
	}
	defer ix.Close()
	hits, err := ix.Similar(ctx, tb, *limit)
	if err != nil {
		return failed(err)
	}
	return printHits(std, hits, *asJSON)
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
