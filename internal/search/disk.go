package search

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/blevesearch/bleve/v2"
)

// openDisk opens the index kept in opt.Dir and brings it up to date.
func openDisk(fsys fs.FS, files []file, opt *Options) (*Index, error) {
	dir := opt.Dir
	ix, err := openExisting(fsys, dir, files)
	var (
		verr *versionError
		derr *damageError
	)
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrNotExist):
		ix, err = rebuild(fsys, dir, files, "no index yet")
	case errors.As(err, &verr), errors.As(err, &derr):
		opt.note("the search index in %s is %v: rebuilding it", opt.name(), err)
		ix, err = rebuild(fsys, dir, files, err.Error())
	}
	if err != nil {
		return nil, err
	}
	return ix, nil
}

// openExisting opens the index in dir as its manifest says it is, and
// updates it. It returns fs.ErrNotExist when there is no index, a
// *versionError or a *damageError when it must be rebuilt, and another
// error when a review file cannot be read or the index cannot be written.
func openExisting(fsys fs.FS, dir string, files []file) (*Index, error) {
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
	changed, err := diff(fsys, files, m)
	if err != nil {
		return nil, err
	}
	if !changed.dirty() {
		ix, err := openReadOnly(dir, m)
		if err != nil {
			return nil, err
		}
		ix.Update.Unchanged = len(files)
		return ix, nil
	}
	return update(fsys, dir, files, m, changed)
}

// openReadOnly opens the index in dir read-only, which opens faster and
// starts no merger, and checks that it holds the documents of m.
func openReadOnly(dir string, m *manifest) (*Index, error) {
	var ix *Index
	err := guard(func() error {
		bi, err := bleve.OpenUsing(filepath.Join(dir, bleveDir), map[string]any{"read_only": true})
		if err != nil {
			return damaged("%v", err)
		}
		ix = &Index{bi: bi, disk: true}
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

// update applies the changes c to the index in dir, in place. The manifest
// is removed first, so that an update cut short is seen as damage.
func update(fsys fs.FS, dir string, files []file, m *manifest, c *changes) (*Index, error) {
	var ix *Index
	err := guard(func() error {
		bi, err := bleve.Open(filepath.Join(dir, bleveDir))
		if err != nil {
			return damaged("%v", err)
		}
		ix = &Index{bi: bi, disk: true}
		return ix.checkDocs(m)
	})
	if err != nil {
		if ix != nil {
			ix.bi.Close()
		}
		return nil, err
	}
	if err := os.Remove(filepath.Join(dir, manifestFile)); err != nil {
		ix.bi.Close()
		return nil, err
	}
	if err := ix.apply(fsys, files, m, c); err != nil {
		ix.bi.Close()
		return nil, err
	}
	if err := ix.persist(dir, m); err != nil {
		return nil, err
	}
	nix, err := openReadOnly(dir, m)
	if err != nil {
		return nil, err
	}
	nix.Update = ix.Update
	return nix, nil
}

// rebuild builds the index of files in dir, whatever is there.
func rebuild(fsys fs.FS, dir string, files []file, why string) (*Index, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("remove old index: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create index folder: %w", err)
	}
	// (Not unsafe_batch: Close does not wait for the persister, and
	// segments not yet written would be lost.)
	bi, err := bleve.New(filepath.Join(dir, bleveDir), newMapping())
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	ix := &Index{bi: bi, disk: true, Update: Update{Rebuilt: why}}
	m := newManifest()
	if err := ix.apply(fsys, files, m, nil); err != nil {
		bi.Close()
		return nil, err
	}
	if err := ix.persist(dir, m); err != nil {
		return nil, err
	}
	nix, err := openReadOnly(dir, m)
	if err != nil {
		return nil, err
	}
	nix.Update = ix.Update
	return nix, nil
}

// persist closes the index written in dir and writes its manifest: m,
// with the files of the index as closed.
func (ix *Index) persist(dir string, m *manifest) error {
	if err := ix.bi.Close(); err != nil {
		return fmt.Errorf("close index: %w", err)
	}
	// The segments that a merge replaced are removed by scorch in the
	// background, and some are left at Close; it removes those that no
	// snapshot refers to when it opens the index for writing.
	name := filepath.Join(dir, bleveDir)
	bi, err := bleve.Open(name)
	if err != nil {
		return fmt.Errorf("open index: %w", err)
	}
	if err := bi.Close(); err != nil {
		return fmt.Errorf("close index: %w", err)
	}
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
