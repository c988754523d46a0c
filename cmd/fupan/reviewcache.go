package main

import (
	"fmt"
	"io"
	"path/filepath"
)

// reviewCacheDir returns the folder where a command on repo keeps what
// review.Load read, for the next command (review.Options.CacheDir): the
// repository's .fupan, which ignores itself in git. It is "" (no cache)
// for the embedded examples, and when .fupan cannot be made, with a note
// on w: the cache only saves work. A command opts in with
//
//	review.Load(repo.fsys, review.Options{CacheDir: reviewCacheDir(repo, "check", w)})
//
// or the same Options to a review.Snapshot's Load.
func reviewCacheDir(repo *repository, cmd string, w io.Writer) string {
	if repo.embedded {
		return ""
	}
	note := func(s string) { fmt.Fprintf(w, "fupan %s: %s\n", cmd, s) }
	if err := makeStateDir(repo.dir, note); err != nil {
		note(fmt.Sprintf("cannot keep parsed reviews in %s (%v): every review is parsed", filepath.Join(repo.name, stateDir), err))
		return ""
	}
	return filepath.Join(repo.dir, stateDir)
}
