package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"
)

// A sink is a site being written: a new folder beside the site's, which
// its close swaps in (see Files.WriteDirFrom). Files go into it as they
// are made, so that a build that streams its pages to disk (WriteSite)
// holds no more of the site in memory than the pages being rendered.
// The first error is kept, and close returns it.
type sink struct {
	root     *os.Root // the new folder
	tmp, dir string   // the new folder, and the site's (resolved)
	prev     *Manifest

	mu     sync.Mutex
	made   map[string]bool  // the folders made, by slash path
	stamps map[string]Stamp // the files written, by slash path
	err    error
}

// openSink starts a new site at dir (see CheckOut for where it may be);
// prev is the manifest of the site there, nil for none.
func openSink(dir, repo string, prev *Manifest) (k *sink, err error) {
	if err := CheckOut(dir, repo); err != nil {
		return nil, err
	}
	// Resolved, so that the folder is named by its parent and base even
	// as "." or through a symlink.
	dir, err = resolve(dir)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Split(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	if err := removeLeftovers(parent, base); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, tempPattern(base))
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	// Through os.Root, so that a write fails, rather than makes the folder
	// again, if another build removed tmp as a leftover.
	root, err := os.OpenRoot(tmp)
	if err != nil {
		return nil, err
	}
	if err := root.WriteFile(Marker, []byte(markerText), 0o644); err != nil {
		root.Close()
		return nil, fmt.Errorf("write site: %w", err)
	}
	if prev != nil && !marked(dir) {
		prev = nil // not the site prev describes
	}
	return &sink{root: root, tmp: tmp, dir: dir, prev: prev, made: map[string]bool{}, stamps: map[string]Stamp{}}, nil
}

// put writes the file name of content data into the new site (see
// writeFile); a file put twice has the second content.
func (k *sink) put(name string, data []byte) {
	k.add(name, func() (Stamp, error) { return writeFile(k.root, k.tmp, k.dir, name, data, k.prev) })
}

// keep carries the file name over from the last site, as it is there
// (see linkFile).
func (k *sink) keep(name string) {
	if k.prev == nil {
		k.fail(fmt.Errorf("%s: %w: no site at %s to keep it from", name, ErrKeptChanged, k.dir))
		return
	}
	k.add(name, func() (Stamp, error) { return linkFile(k.root, k.tmp, k.dir, name, k.prev) })
}

// add makes the folders of the file name, and the file by make.
func (k *sink) add(name string, make func() (Stamp, error)) {
	if !fs.ValidPath(name) || name == "." {
		k.fail(fmt.Errorf("invalid path %q", name))
		return
	}
	if name == Marker {
		k.fail(fmt.Errorf("%s is fupan's own mark and no file of the site", Marker))
		return
	}
	k.mu.Lock()
	_, again := k.stamps[name]
	err := k.err
	if err == nil {
		err = k.mkdirs(path.Dir(name))
	}
	k.mu.Unlock()
	if err != nil {
		k.fail(err)
		return
	}
	if again {
		// Never written into: it may be a link to the last site's file.
		if err := k.root.Remove(filepath.FromSlash(name)); err != nil {
			k.fail(err)
			return
		}
	}
	st, err := make()
	if err != nil {
		k.fail(err)
		return
	}
	k.mu.Lock()
	k.stamps[name] = st
	k.mu.Unlock()
}

// mkdirs makes the folder d of the new site and those above it, each by
// one mkdir (not MkdirAll, which would make tmp again if another build
// removed it as a leftover); the caller holds k.mu.
func (k *sink) mkdirs(d string) error {
	var todo []string
	for ; d != "." && !k.made[d]; d = path.Dir(d) {
		todo = append(todo, d)
	}
	for i := len(todo) - 1; i >= 0; i-- {
		if err := os.Mkdir(filepath.Join(k.tmp, filepath.FromSlash(todo[i])), 0o755); err != nil {
			return err
		}
		k.made[todo[i]] = true
	}
	return nil
}

// fail keeps the first error.
func (k *sink) fail(err error) {
	k.mu.Lock()
	if k.err == nil {
		k.err = err
	}
	k.mu.Unlock()
}

// close swaps the new site in, when nothing failed, and returns its
// manifest; else it removes the new folder, and returns the first error.
func (k *sink) close() (*Manifest, error) {
	err := errors.Join(k.err, k.root.Close())
	if err != nil {
		os.RemoveAll(k.tmp)
		if errors.Is(err, ErrKeptChanged) {
			return nil, err
		}
		return nil, fmt.Errorf("write site: %w", err)
	}
	if err := replace(k.tmp, k.dir); err != nil {
		os.RemoveAll(k.tmp)
		return nil, err
	}
	return &Manifest{Files: k.stamps}, nil
}

// abort removes the new folder.
func (k *sink) abort() {
	k.root.Close()
	os.RemoveAll(k.tmp)
}
