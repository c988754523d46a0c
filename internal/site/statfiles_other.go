//go:build !linux

package site

import (
	"os"
	"path/filepath"
)

// statFiles stats the files names of the folder dir, without following
// a symlink; ok is false when any cannot be stat'ed.
func statFiles(dir string, names []string) (stats []fileStat, ok bool) {
	stats = make([]fileStat, len(names))
	for i, n := range names {
		info, err := os.Lstat(filepath.Join(dir, n))
		if err != nil {
			return nil, false
		}
		stats[i] = fileStat{info.Mode().IsRegular(), info.Size(), info.ModTime().UnixNano()}
	}
	return stats, true
}
