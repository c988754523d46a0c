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
its last 1 MiB are read. Reviews that raised one of its exceptions come
first, marked "exception raised"; within each group, reviews are ranked by
the exception types, frame functions and files, and words of the final
message that they share with it, and each hit says which ("shares:").

With --review ID (or the path of a review file), list instead the earlier
incidents whose failure that review repeats, most alike first: the same
exception, dependency, failing function, a similar traceback, the same
service (a shared service or a common exception alone is not enough), with
the actions of each that are still open or wontfix.

The text shows the order, not the score: a score of one group can be
higher than one of the group above. --json gives each hit's score (and
"raised"; for --review, the weight of what it shares).`

func runSimilar(ctx context.Context, args []string, std stdio) error {
	fs := newFlagSet("similar", "[--repo DIR] [--json] [--limit N] [--review ID|FILE] [FILE|-]", similarUsage, std)
	rf := addRepoFlag(fs)
	hf := addHitFlags(fs)
	which := fs.String("review", "", "list the prior incidents like the review `ID` (or FILE) instead")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *which != "" {
		if len(rest) > 0 {
			return fmt.Errorf("--review takes no FILE of traceback")
		}
		if err := hf.check(); err != nil {
			return err
		}
		return similarReview(std, *rf.dir, isSet(fs, "repo"), *which, *hf.limit, *hf.asJSON)
	}
	if len(rest) > 1 {
		return fmt.Errorf("one FILE at most, have %d", len(rest))
	}
	if err := hf.check(); err != nil {
		return err
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
	ix, err := openIndex(ctx, rf, "similar", std.errOut)
	if err != nil {
		return err
	}
	defer ix.Close()
	hits, err := ix.Similar(ctx, tb, *hf.limit)
	if err != nil {
		return failed(err)
	}
	if len(hits) == 0 && !*hf.asJSON {
		_, err := fmt.Fprintln(std.out, "No prior incident like this.")
		return err
	}
	return printHits(std, hits, *hf.asJSON)
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
