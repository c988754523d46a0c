package search

import (
	"os"
	"path/filepath"

	"github.com/gofrs/flock"

	"github.com/fupan/fupan/internal/review"
)

// An index up to date is opened while the review files are scanned (on
// the other core): openEarly takes the lock shared, reads the manifest and
// opens the index read-only, as openDisk would if nothing changed; the
// scan then tells whether the index is used (the manifest's content key
// is the files') or closed, and Open goes the ordinary way. Holding the
// lock shared from before the manifest is read, the index cannot change
// under it.

// An early is an index opened before the files were scanned, or why not.
type early struct {
	ix *Index
	m  *manifest
}

// openEarly opens the index in dir in the background, when it can without
// waiting for the lock, and sends what it opened (ix nil when it could
// not).
func openEarly(dir string) <-chan early {
	out := make(chan early, 1)
	go func() {
		var e early
		defer func() { out <- e }()
		if _, err := os.Lstat(dir); err != nil {
			return // no index yet: openDisk makes it
		}
		lk := flock.New(dir+".lock", flock.SetPermissions(0o644))
		if ok, err := lk.TryRLock(); err != nil || !ok {
			lk.Close()
			return // a writer is at work: openDisk waits for it, with a note
		}
		m, err := readManifest(filepath.Join(dir, manifestFile))
		if err == nil && m.key != "" {
			err = m.checkFiles(filepath.Join(dir, bleveDir))
		}
		var ix *Index
		if err == nil && m.key != "" {
			ix, err = openReadOnly(dir, m)
		}
		if err != nil || ix == nil {
			lk.Close()
			return // openDisk finds it again, and says it
		}
		ix.lock = lk
		e = early{ix, m}
	}()
	return out
}

// use returns the index opened early when it is up to date with files,
// and otherwise closes it (letting go of the lock) and returns nil.
func (e early) use(files []review.State) *Index {
	if e.ix == nil {
		return nil
	}
	if !e.m.unchanged(files) {
		e.discard()
		return nil
	}
	e.ix.Update.Unchanged = len(files)
	return e.ix
}

// discard closes the index opened early, if any, and lets go of the lock.
func (e early) discard() {
	if e.ix != nil {
		e.ix.Close()
	}
}
