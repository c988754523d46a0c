package search

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/gofrs/flock"

	"github.com/fupan/fupan/internal/progress"
	"github.com/fupan/fupan/internal/review"
)

// lockPoll is how often a process waiting for the lock tries again.
const lockPoll = 20 * time.Millisecond

// errStale is an index that is whole but must be updated, which a reader
// leaves to a writer.
var errStale = errors.New("the index must be updated")

// openDisk opens the index kept in opt.Dir and brings it up to date.
//
// Processes share the folder through an OS file lock on opt.Dir+".lock"
// (flock: a process that dies lets go of it): readers hold it shared,
// writers exclusive, each until Close. A run first takes it shared, as
// most runs find the index up to date and only read it; when it must be
// written, the run lets go, takes it exclusive and looks again, as another
// process may have written it meanwhile. Either wait comes with a note.
func openDisk(ctx context.Context, fsys fs.FS, files []review.State, opt *Options) (*Index, error) {
	dir := opt.Dir
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, err
	}
	lk := flock.New(dir+".lock", flock.SetPermissions(0o644))
	var ix *Index
	defer func() {
		if ix == nil {
			lk.Close()
		}
	}()
	if err := lock(ctx, lk.TryRLock, lk.TryRLockContext, opt); err != nil {
		return nil, fmt.Errorf("lock %s: %w", lk.Path(), err)
	}
	ix, err := openExisting(fsys, dir, files, false, nil) // read-only: never indexes
	var rerr *readError
	if errors.As(err, &rerr) {
		return nil, err
	}
	if err == nil {
		ix.lock = lk
		return ix, nil
	}
	if err := lk.Unlock(); err != nil {
		return nil, fmt.Errorf("unlock %s: %w", lk.Path(), err)
	}
	if err := lock(ctx, lk.TryLock, lk.TryLockContext, opt); err != nil {
		return nil, fmt.Errorf("lock %s: %w", lk.Path(), err)
	}
	opt.indexing() // most likely: another process may have done it meanwhile
	ix, err = openExisting(fsys, dir, files, true, opt.Progress)
	var (
		verr *versionError
		derr *damageError
	)
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrNotExist):
		ix, err = rebuild(fsys, dir, files, Update{Rebuilt: NoIndex}, opt.Progress)
	case errors.As(err, &verr):
		opt.note("the search index in %s is %v: rebuilding it", opt.name(), err)
		ix, err = rebuild(fsys, dir, files, Update{Rebuilt: OtherVersion, Why: err.Error()}, opt.Progress)
	case errors.As(err, &derr):
		opt.note("the search index in %s is %v: rebuilding it", opt.name(), err)
		ix, err = rebuild(fsys, dir, files, Update{Rebuilt: Damaged, Why: err.Error()}, opt.Progress)
	}
	if err != nil {
		return nil, err
	}
	ix.lock = lk
	return ix, nil
}

// lock takes a lock with try, or says that it waits and waits for it with
// wait, which tries again every lockPoll until ctx is done.
func lock(ctx context.Context, try func() (bool, error), wait func(context.Context, time.Duration) (bool, error), opt *Options) error {
	ok, err := try()
	if err != nil || ok {
		return err
	}
	opt.note("waiting for another fupan process to finish updating %s…", opt.name())
	_, err = wait(ctx, lockPoll)
	return err
}

// openExisting opens the index in dir as its manifest says it is, and
// updates it when write is set. It returns fs.ErrNotExist when there is no
// index, a *versionError or a *damageError when it must be rebuilt,
// errStale when it must be updated and write is not set, a *readError
// when a review file cannot be read, and another error when it cannot be
// written.
func openExisting(fsys fs.FS, dir string, files []review.State, write bool, p progress.Reporter) (*Index, error) {
	m, err := readManifest(filepath.Join(dir, manifestFile))
	if errors.Is(err, fs.ErrNotExist) {
		if _, serr := os.Lstat(dir); serr == nil {
			// A folder without a manifest: an update cut short.
			return nil, damaged("no manifest")
		}
	}
	if err != nil {
		return nil, err
	}
	if err := m.checkFiles(filepath.Join(dir, bleveDir)); err != nil {
		return nil, err
	}
	if m.unchanged(files) {
		// What most runs find, told without the review lines.
		return openUnchanged(dir, m, len(files))
	}
	if err := m.load(); err != nil {
		return nil, err
	}
	changed, err := diff(fsys, files, m, true)
	if err != nil {
		return nil, err
	}
	if !changed.dirty() {
		return openUnchanged(dir, m, len(files))
	}
	if !write {
		return nil, errStale
	}
	return update(fsys, dir, files, m, changed, p)
}

// openUnchanged opens read-only the index in dir, which holds the n
// review files as they are.
func openUnchanged(dir string, m *manifest, n int) (*Index, error) {
	ix, err := openReadOnly(dir, m)
	if err != nil {
		return nil, err
	}
	ix.Update.Unchanged = n
	return ix, nil
}

// openReadOnly opens the index in dir read-only, which opens faster and
// starts no merger, and checks that it holds the documents of m.
func openReadOnly(dir string, m *manifest) (*Index, error) {
	return openChecked(dir, m, map[string]any{"read_only": true})
}

// openChecked opens the index in dir with bleve's runtime config (nil:
// for writing) and checks that it holds the documents of m.
func openChecked(dir string, m *manifest, config map[string]any) (*Index, error) {
	var ix *Index
	err := guard(func() error {
		bi, err := bleve.OpenUsing(filepath.Join(dir, bleveDir), config)
		if err != nil {
			return openError(err)
		}
		ix = &Index{bi: bi, disk: true}
		ix.setManifest(m)
		return ix.checkDocs(m)
	})
	if err != nil {
		if ix != nil {
			ix.bi.Close()
		}
		return nil, err
	}
	return ix, nil
}

// openError is err of bleve opening an index: a *damageError, unless the
// index is only out of reach (a read-only folder), which a rebuild would
// not mend.
func openError(err error) error {
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		return err
	}
	return damaged("%v", err)
}

// update applies the changes c to the index in dir, in place. The manifest
// is removed first, before bleve opens the index for writing (which may
// write even when nothing is indexed), so that an update cut short, or
// one that cannot be made, is seen as damage.
func update(fsys fs.FS, dir string, files []review.State, m *manifest, c *changes, p progress.Reporter) (*Index, error) {
	if err := os.Remove(filepath.Join(dir, manifestFile)); err != nil {
		return nil, err
	}
	ix, err := openChecked(dir, m, nil)
	if err != nil {
		return nil, err
	}
	if err := ix.write(fsys, files, m, c, p, dir); err != nil {
		return nil, err
	}
	return reopen(ix, dir, m)
}

// rebuild builds the index of files into a new folder beside dir, which
// then takes the place of dir; why says why.
func rebuild(fsys fs.FS, dir string, files []review.State, why Update, p progress.Reporter) (*Index, error) {
	parent, base := filepath.Split(dir)
	// What a process that was stopped while rebuilding left behind.
	if old, err := filepath.Glob(filepath.Join(parent, base+".tmp-*")); err == nil {
		for _, o := range old {
			os.RemoveAll(o)
		}
	}
	tmp, err := os.MkdirTemp(parent, base+".tmp-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp) // nothing is there after the swap
	// (Not unsafe_batch: Close does not wait for the persister, and
	// segments not yet written would be lost.)
	bi, err := bleve.NewUsing(filepath.Join(tmp, bleveDir), newMapping(), bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, buildConfig())
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	ix := &Index{bi: bi, disk: true, Update: why}
	m := newManifest()
	if err := ix.write(fsys, files, m, nil, p, tmp); err != nil {
		return nil, err
	}
	if err := swap(tmp, dir); err != nil {
		return nil, err
	}
	return reopen(ix, dir, m)
}

// write applies c (everything when nil) to ix, open for writing in dir,
// reporting to p, and persists it: ix is closed either way.
func (ix *Index) write(fsys fs.FS, files []review.State, m *manifest, c *changes, p progress.Reporter, dir string) error {
	if err := ix.apply(fsys, files, m, c, p); err != nil {
		ix.bi.Close()
		return err
	}
	return ix.persist(dir, m)
}

// reopen opens read-only the index persisted in dir, as Open returns it:
// with the Update of ix, which wrote it.
func reopen(ix *Index, dir string, m *manifest) (*Index, error) {
	nix, err := openReadOnly(dir, m)
	if err != nil {
		return nil, err
	}
	nix.Update = ix.Update
	return nix, nil
}

// persist closes the index written in dir, whatever happens, and writes
// its manifest: m, with the files of the index as closed.
func (ix *Index) persist(dir string, m *manifest) error {
	// A batch waits until scorch has written the snapshot that holds it,
	// and with it what a merge made before.
	if err := ix.bi.SetInternal([]byte(manifestFile), []byte(manifestHeader)); err != nil {
		ix.bi.Close()
		return fmt.Errorf("write index: %w", err)
	}
	if err := ix.bi.Close(); err != nil {
		return fmt.Errorf("close index: %w", err)
	}
	name := filepath.Join(dir, bleveDir)
	removeReplaced(name)
	files, err := indexFiles(name)
	if err != nil {
		return err
	}
	m.files = files
	if err := m.write(filepath.Join(dir, manifestFile)); err != nil {
		return fmt.Errorf("write index manifest: %w", err)
	}
	return nil
}

// removeReplaced removes the segment files of the closed index name that
// its newest snapshot does not refer to. Scorch removes the segments that
// a merge replaced in the background, and keeps those of the snapshot
// before the newest: a rebuild of 10,000 reviews left 100 MB of them, for
// good, since the index is only read until the next change. (Nothing is
// removed when the segments cannot be told.)
func removeReplaced(name string) {
	live := map[string]bool{}
	err := guard(func() error {
		bi, err := bleve.OpenUsing(name, map[string]any{"read_only": true})
		if err != nil {
			return err
		}
		defer bi.Close()
		adv, err := bi.Advanced()
		if err != nil {
			return err
		}
		r, err := adv.Reader()
		if err != nil {
			return err
		}
		defer r.Close()
		snap, ok := r.(*scorch.IndexSnapshot)
		if !ok {
			return errors.New("not a scorch index")
		}
		for _, seg := range snap.Segments() {
			p, ok := seg.Segment().(interface{ Path() string })
			if !ok {
				return errors.New("a segment not on disk")
			}
			live[filepath.Base(p.Path())] = true
		}
		return nil
	})
	if err != nil || len(live) == 0 {
		return
	}
	segs, _ := filepath.Glob(filepath.Join(name, "store", "*.zap"))
	for _, s := range segs {
		if !live[filepath.Base(s)] {
			os.Remove(s)
		}
	}
}

// swap puts the folder tmp in the place of dir, whatever is there.
func swap(tmp, dir string) error {
	old := tmp + ".old"
	if _, err := os.Lstat(dir); err == nil {
		if err := os.Rename(dir, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.Rename(old, dir) // best effort: the rename error is the one to report
		return err
	}
	os.RemoveAll(old)
	return nil
}

// guard runs f, which opens or reads an index on disk, and returns a
// *damageError for a panic of the storage layer, such as bbolt's
// assertions on a damaged file, or a fault reading a file mapped in
// memory that is shorter than it says.
func guard(f func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = damaged("the storage layer failed: %v", r)
		}
	}()
	return f()
}
