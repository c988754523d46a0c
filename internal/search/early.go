package search

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"

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

// useKey returns the index opened early when its manifest's content key
// is key, that of the n files scanned, and otherwise closes it and
// returns nil.
func (e early) useKey(key string, n int) *Index {
	if e.ix == nil {
		return nil
	}
	if e.m.key == "" || e.m.key != key {
		e.discard()
		return nil
	}
	e.ix.Update.Unchanged = n
	return e.ix
}

// discard closes the index opened early, if any, and lets go of the lock.
func (e early) discard() {
	if e.ix != nil {
		e.ix.Close()
	}
}

// openScanned scans the review files of fsys for Open, with the stat
// cache of opt, while the index in opt.Dir is opened early, and returns
// that index when it is up to date with them; else the files, scanned,
// for Open to update the index (or build one in memory). A fresh stamp
// (stamp.go) whose stat key is the files' tells it without reading the
// stat cache or hashing anything; a run that finds the index up to date
// the long way writes one. With opt.Listing scanned, the files are its,
// as scanned: neither listed nor stat'ed again.
func openScanned(fsys fs.FS, opt *Options) (*Index, []review.State, error) {
	var opened <-chan early
	if opt.Dir != "" {
		opened = openEarly(opt.Dir) // while the files are scanned
	}
	stampName := opt.stampFile()
	var st freshStamp
	stamped := false
	if stampName != "" {
		st, stamped = readStamp(stampName)
	}
	// Stat'ed by the caller (opt.Listing): the stat cache is not read.
	scanned := opt.Listing.Scanned()
	cache := &review.StatCache{}
	var read chan error
	readCache := func() {
		var err error
		cache, err = review.ReadStatCache(opt.StatCache)
		read <- err
	}
	if opt.StatCache != "" && scanned == nil {
		read = make(chan error, 1)
		if !stamped {
			go readCache() // while the files are listed
		}
	}
	l := opt.Listing
	if scanned == nil {
		var err error
		if l, err = review.List(fsys); err != nil {
			if opened != nil {
				(<-opened).discard()
			}
			return nil, nil, err
		}
	}
	var e early
	received := opened == nil
	receive := func() early {
		if !received {
			e, received = <-opened, true
		}
		return e
	}
	statKey := ""
	if stamped {
		if statKey = l.StatKey(); statKey == st.stat {
			if ix := receive().useKey(st.content, st.n); ix != nil {
				return ix, nil, nil
			}
			e = early{} // useKey let it go: the index lacks what the files hold
		}
		if read != nil {
			go readCache()
		}
	}
	var files []review.State
	if scanned != nil {
		files = distinct(slices.Clone(scanned)) // shared: not changed in place
	} else {
		if read != nil {
			if err := <-read; err != nil {
				opt.note("%v: reading every review file this time", err)
			}
		}
		files = distinct(l.Scan(cache))
		if opt.StatCache != "" {
			if err := cache.Write(opt.StatCache); err != nil {
				opt.note("cannot write %s (%v): every review file will be read again next time", opt.StatCache, err)
			}
		}
	}
	m := receive().m
	ix := e.use(files)
	if ix != nil && stampName != "" {
		if statKey == "" {
			statKey = l.StatKey()
		}
		if next := (freshStamp{statKey, m.key, len(files)}); statKey != "" && next != st {
			if err := writeStamp(stampName, next); err != nil {
				opt.note("cannot write %s (%v): the next run reads the stat cache", stampName, err)
			}
		}
	}
	return ix, files, nil
}
