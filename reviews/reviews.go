// Package reviews holds fupan's example reviews: the default repository,
// embedded so that 'fupan check' and the other commands work on them from a
// fresh clone or a bare binary.
package reviews

import (
	"embed"
	"io/fs"
	"testing/fstest"
)

//go:embed *.md
var files embed.FS

// FS returns the example reviews as a repository: the files are under
// "reviews/", as they are in a real one.
func FS() fs.FS {
	m := fstest.MapFS{}
	entries, _ := fs.ReadDir(files, ".") // an embed.FS root always reads
	for _, e := range entries {
		data, _ := files.ReadFile(e.Name())
		m["reviews/"+e.Name()] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m
}
