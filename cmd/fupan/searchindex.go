package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/fupan/fupan/internal/progress"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/internal/webindex"
)

// stateDir is the folder of a repository where fupan keeps what it can
// rebuild (the search index, the history cache); it ignores itself in git.
const stateDir = ".fupan"

// searchOptions says where repo keeps its search index, .fupan/search,
// and prints search.Open's notes as cmd's on w. The embedded examples, and
// a repository whose .fupan cannot be made, have an index in memory (the
// latter with a note).
func searchOptions(repo *repository, cmd string, w io.Writer) search.Options {
	opt := search.Options{Note: func(s string) { fmt.Fprintf(w, "fupan %s: %s\n", cmd, s) }, Progress: progressFor(cmd, w), Indexing: collectAsUsual}
	if repo.embedded {
		return opt
	}
	opt.Name = filepath.Join(repo.name, stateDir, "search")
	if err := makeStateDir(repo.dir, opt.Note); err != nil {
		opt.Note(fmt.Sprintf("cannot use the search index in %s (%v): using one in memory this time", opt.Name, err))
		return opt
	}
	opt.Dir = filepath.Join(repo.dir, stateDir, "search")
	opt.StatCache = statCacheFile(repo)
	return opt
}

// statCacheFile is the stat cache every command of repo shares
// (review.StatCache): the hash of each review file by its size and time.
func statCacheFile(repo *repository) string {
	return filepath.Join(repo.dir, stateDir, "stat")
}

// progressFor returns the reporter of cmd's long work (indexing, rendering)
// on w: a progress bar on a terminal, and one summary line per phase. serve
// and mcp, which run for long and log their own lines, have none.
func progressFor(cmd string, w io.Writer) progress.Reporter {
	if cmd == "serve" || cmd == "mcp" {
		return nil
	}
	return progress.For(w, "fupan "+cmd)
}

// makeStateDir makes the state folder of the repository repo, whose
// .gitignore ignores it whole: it is written when missing, and again when
// it has no line "*" (emptied, cut short, garbage: git would show the
// index), with a note.
func makeStateDir(repo string, note func(string)) error {
	dir := filepath.Join(repo, stateDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	ignore := filepath.Join(dir, ".gitignore")
	data, err := os.ReadFile(ignore)
	ignoresAll := func(line string) bool { return strings.TrimSpace(line) == "*" }
	if err == nil && slices.ContainsFunc(strings.Split(string(data), "\n"), ignoresAll) {
		return nil
	}
	if err == nil {
		note(filepath.Join(stateDir, ".gitignore") + " did not ignore the folder: rewrote it")
	}
	return os.WriteFile(ignore, []byte("# fupan's index and caches: rebuilt when missing.\n*\n"), 0o644)
}

// siteSearch exports the search index of the reviews in src for the site's
// search page: the index 'fupan search' keeps in the repository's .fupan
// folder when src is its work tree (so only changed reviews are indexed
// again), else one built in memory (the examples, a --ref tree). It
// returns the files under webindex.Dir, by site path. An export that
// lacks a review is never returned: when the index from the folder lacks
// one, an index in memory is exported instead, with a note on w.
func siteSearch(ctx context.Context, repo *repository, src fs.FS, onDisk bool, reviews []*review.Review, cmd string, w io.Writer) (map[string][]byte, webindex.Stats, error) {
	o, err := buildSearch(ctx, repo, src, onDisk, reviews, cmd, w)
	if err != nil {
		return nil, webindex.Stats{}, err
	}
	files, err := o.All()
	return files, o.Stats, err
}

// buildSearch is siteSearch, but gives the files of the shards the export
// kept from the last one by their hashes only (webindex.Output.Same): a
// build links them from the last site.
func buildSearch(ctx context.Context, repo *repository, src fs.FS, onDisk bool, reviews []*review.Review, cmd string, w io.Writer) (*webindex.Output, error) {
	j := newSearchJob(ctx, repo, src, onDisk, cmd, w)
	defer j.close()
	return j.export(reviews)
}

// A searchJob is the search index of a build, and its export.
type searchJob struct {
	ctx     context.Context
	src     fs.FS
	opt     search.Options
	open    func() (*search.Index, error) // once
	started bool
	taken   bool
}

func newSearchJob(ctx context.Context, repo *repository, src fs.FS, onDisk bool, cmd string, w io.Writer) *searchJob {
	opt := search.Options{Progress: progressFor(cmd, w)}
	if onDisk {
		opt = searchOptions(repo, cmd, w)
	}
	j := &searchJob{ctx: ctx, src: src, opt: opt}
	j.open = sync.OnceValues(func() (*search.Index, error) { return search.Open(ctx, src, j.opt) })
	return j
}

// start opens (brings up to date) the index in the background, beside
// the build's loading of the reviews: both only read them. Its phases
// are summed up in lines on w, as a bar would draw over the loading's.
func (j *searchJob) start(w io.Writer) {
	j.opt.Progress = progress.Summary(w, "fupan build")
	j.started = true
	go j.open()
}

// wait waits for the opening of the index when it was started, so that
// the lines it writes come before what follows.
func (j *searchJob) wait() {
	if j.started {
		j.open()
	}
}

// close closes the index when it was opened and the export did not take
// it, once the opening is done.
func (j *searchJob) close() {
	if j.started && !j.taken {
		if ix, err := j.open(); err == nil {
			ix.Close()
		}
	}
}

// export exports the index for the reviews. An export that lacks a
// review is never returned: when the index from the folder lacks one, an
// index in memory is exported instead, with a note.
func (j *searchJob) export(reviews []*review.Review) (*webindex.Output, error) {
	j.taken = true
	o, err := exportSearch(j.open, j.opt, reviews)
	var lack *lackError
	if errors.As(err, &lack) && j.opt.Dir != "" {
		j.opt.Note(fmt.Sprintf("the search index in %s %v: using one in memory this time", j.opt.Name, lack))
		mem := search.Options{Progress: j.opt.Progress}
		return exportSearch(func() (*search.Index, error) { return search.Open(j.ctx, j.src, mem) }, mem, reviews)
	}
	return o, err
}

// A lackError is an export of the search index that lacks reviews.
type lackError struct{ have, want int }

func (e *lackError) Error() string {
	return fmt.Sprintf("holds %d of the %d reviews", e.have, e.want)
}

// exportSearch exports the search index that open opens with opt.
func exportSearch(open func() (*search.Index, error), opt search.Options, reviews []*review.Review) (*webindex.Output, error) {
	ix, err := open()
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	ph := progress.Start(opt.Progress, "search export", "file", 0)
	cache := ""
	if opt.Dir != "" {
		// Beside the index it is made from (see webindex.WriteCached).
		cache = filepath.Join(filepath.Dir(opt.Dir), "search-export")
	}
	o, err := webindex.ExportCached(ix, reviews, cache)
	if o != nil {
		ph.Add(o.Stats.Files)
	}
	ph.Done()
	if ce, ok := errors.AsType[*webindex.CacheError](err); ok {
		if opt.Note != nil {
			opt.Note(fmt.Sprintf("cannot keep the search export for the next build (%v): it exports every term again", ce))
		}
		err = nil
	}
	if err == nil && o.Stats.Docs != len(reviews) {
		err = &lackError{o.Stats.Docs, len(reviews)}
	}
	return o, err
}
