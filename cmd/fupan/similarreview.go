package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/fupan/fupan/internal/recurrence"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/terminal"
)

// similarReview lists the prior incidents whose failure the review
// (an id, or the path of its file) repeats: 'fupan similar --review'.
func similarReview(std stdio, repoDir string, explicit bool, which string, limit int, asJSON bool) error {
	repo, err := openRepo(repoDir, explicit, std.errOut)
	if err != nil {
		return err
	}
	p, err := review.Lookup(repo.fsys, which)
	if err != nil {
		return fmt.Errorf("--review %w", err)
	}
	r, err := review.Load(repo.fsys, review.Options{CacheDir: reviewCacheDir(repo, "similar", std.errOut)})
	if err != nil {
		return err
	}
	var rv *review.Review
	for _, x := range r.Reviews {
		if x.Path == p {
			rv = x
			break
		}
	}
	if rv == nil {
		return fmt.Errorf("--review %s: the review cannot be read: run fupan check %s", p, p)
	}
	ms := recurrence.New(r.Reviews).SeenBefore(rv, limit)
	priors := recurrence.Priors(ms)
	if asJSON {
		return writeJSON(std.out, priors)
	}
	return writePriors(std.out, priors, colorFor(std.out))
}

// writePriors writes the prior incidents as text (writeResults), each
// with what it shares and its actions not done.
func writePriors(w io.Writer, priors []recurrence.Prior, c colors) error {
	return writeResults(w, len(priors), "No prior incident like this.", func(b *strings.Builder, i int) {
		p := priors[i]
		writeHead(b, c, 0, resultHead{title: p.Title, facts: []string{terminal.Text(p.Date), terminal.Name(p.Path)}, shares: p.Reasons})
		for _, a := range p.Outstanding {
			who := a.Owner
			if a.Due != "" {
				who += ", due " + a.Due
			}
			fmt.Fprintf(b, "  %s %s (%s)\n", c.yellow(a.Status+":"), terminal.Text(a.Do), terminal.Text(who))
		}
	})
}
