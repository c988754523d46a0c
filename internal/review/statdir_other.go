//go:build !linux

package review

import "io/fs"

// statDirs returns fsys: outside Linux, its folders are read by
// fs.ReadDir.
func statDirs(fsys fs.FS) fs.FS { return fsys }
