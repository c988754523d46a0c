package gittree

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// Tree returns the tree of commit c at the folder r was opened at, as a
// read-only fs.FS read from the object store: nothing is checked out.
// Symlinks are reported with fs.ModeSymlink and read with fs.ReadLink;
// submodules are left out.
func (r *Repo) Tree(c *object.Commit) (fs.FS, error) {
	t, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("tree of commit %s: %w", c.Hash, err)
	}
	if r.Prefix != "" {
		if t, err = t.Tree(r.Prefix); err != nil {
			return nil, fmt.Errorf("%s in commit %s: %w", r.Prefix, c.Hash.String()[:7], err)
		}
	}
	return &treeFS{tree: t, store: r.Git.Storer, when: c.Committer.When}, nil
}

// treeFS is a git tree as an fs.FS, safe for use by several goroutines
// at once (check and the search index read reviews in parallel): go-git's
// trees build their maps of entries on first use, and its object store
// reads packs through shared state, so mu holds every read of either.
type treeFS struct {
	tree  *object.Tree
	store storer.EncodedObjectStorer
	when  time.Time // the commit time, as every file's ModTime
	mu    sync.Mutex
}

func (t *treeFS) Open(name string) (fs.File, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return &treeDir{info: info{name: ".", mode: fs.ModeDir | 0o555, when: t.when}, fsys: t, tree: t.tree}, nil
	}
	e, err := t.tree.FindEntry(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	switch {
	case e.Mode == filemode.Dir:
		sub, err := t.tree.Tree(name)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return &treeDir{info: info{name: path.Base(name), mode: fs.ModeDir | 0o555, when: t.when}, fsys: t, tree: sub}, nil
	case e.Mode.IsFile():
		data, err := t.blob(e.Hash)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		mode := fs.FileMode(0o444)
		if e.Mode == filemode.Symlink {
			mode |= fs.ModeSymlink
		}
		return &treeFile{info: info{name: path.Base(name), size: int64(len(data)), mode: mode, when: t.when}, Reader: bytes.NewReader(data)}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist} // a submodule
}

// ReadLink returns a symlink's target.
func (t *treeFS) ReadLink(name string) (string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e, err := t.tree.FindEntry(name)
	if err != nil || e.Mode != filemode.Symlink {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	data, err := t.blob(e.Hash)
	return string(data), err
}

// Lstat describes name without following a symlink.
func (t *treeFS) Lstat(name string) (fs.FileInfo, error) {
	f, err := t.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Stat()
}

// blob reads the blob h; the caller holds t.mu.
func (t *treeFS) blob(h plumbing.Hash) ([]byte, error) {
	f, err := object.GetBlob(t.store, h)
	if err != nil {
		return nil, err
	}
	r, err := f.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

type info struct {
	name string
	size int64
	mode fs.FileMode
	when time.Time
}

func (i info) Name() string               { return i.name }
func (i info) Size() int64                { return i.size }
func (i info) Mode() fs.FileMode          { return i.mode }
func (i info) ModTime() time.Time         { return i.when }
func (i info) IsDir() bool                { return i.mode.IsDir() }
func (i info) Sys() any                   { return nil }
func (i info) Type() fs.FileMode          { return i.mode.Type() }
func (i info) Info() (fs.FileInfo, error) { return i, nil }

type treeFile struct {
	info
	*bytes.Reader
}

func (f *treeFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *treeFile) Close() error               { return nil }

type treeDir struct {
	info
	fsys *treeFS
	tree *object.Tree
	read int
}

func (d *treeDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *treeDir) Close() error               { return nil }
func (d *treeDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a directory")}
}

// ReadDir lists the entries in name order (git sorts tree entries).
func (d *treeDir) ReadDir(n int) ([]fs.DirEntry, error) {
	var out []fs.DirEntry
	for ; d.read < len(d.tree.Entries) && (n <= 0 || len(out) < n); d.read++ {
		e := d.tree.Entries[d.read]
		i := info{name: e.Name, when: d.fsys.when}
		switch {
		case e.Mode == filemode.Dir:
			i.mode = fs.ModeDir | 0o555
		case e.Mode == filemode.Symlink:
			i.mode = fs.ModeSymlink | 0o444
		case e.Mode.IsFile():
			i.mode = 0o444
		default:
			continue // a submodule
		}
		out = append(out, dirEntry{info: i, fsys: d.fsys, hash: e.Hash})
	}
	if n > 0 && len(out) == 0 {
		return nil, io.EOF
	}
	return out, nil
}

// A dirEntry is an entry of a folder listing. Its Info reads a file's size
// from the object store, and only when asked: a listing reads no blob.
type dirEntry struct {
	info
	fsys *treeFS
	hash plumbing.Hash
}

func (e dirEntry) Info() (fs.FileInfo, error) {
	if e.IsDir() {
		return e.info, nil
	}
	e.fsys.mu.Lock()
	o, err := e.fsys.store.EncodedObject(plumbing.BlobObject, e.hash)
	e.fsys.mu.Unlock()
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: e.name, Err: err}
	}
	i := e.info
	i.size = o.Size()
	return i, nil
}
