//go:build !linux

package site

import (
	"os"
	"path/filepath"
)

// A statRoot stats the files and folders under a folder, each by its
// slash path relative to it, without following a symlink at the end of
// the path.
type statRoot struct{ dir string }

// openStatRoot returns the statRoot of the folder dir.
func openStatRoot(dir string) (statRoot, error) {
	if _, err := os.Stat(dir); err != nil {
		return statRoot{}, err
	}
	return statRoot{dir}, nil
}

// close does nothing: no folder is held open.
func (r statRoot) close() {}

// stat stats rel, a slash path under the folder; ok is false when it
// cannot be stat'ed.
func (r statRoot) stat(rel string) (fi fileStat, ok bool) {
	info, err := os.Lstat(filepath.Join(r.dir, filepath.FromSlash(rel)))
	if err != nil {
		return fileStat{}, false
	}
	return statOf(info), true
}
