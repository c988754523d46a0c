// Package reviews holds fupan's example reviews: the default repository,
// embedded so that 'fupan check' and the other commands work on them from a
// fresh clone or a bare binary. Its settings, the repository root's
// fupan.yaml, are embedded as _fupan.yaml (kept equal by a test), since a
// package embeds only files of its own folder.
package reviews

import (
	"embed"
	"io/fs"
	"testing/fstest"
)

//go:embed *.md
var files embed.FS

// config is the example repository's fupan.yaml.
//
//go:embed _fupan.yaml
var config []byte

// Repo returns the example repository: FS and its fupan.yaml.
func Repo() fs.FS {
	m := FS().(fstest.MapFS)
	m["fupan.yaml"] = &fstest.MapFile{Data: config, Mode: 0o644}
	return m
}

// FS returns the example reviews, without settings: the files are under
// "reviews/", as they are in a real repository.
func FS() fs.FS {
	m := fstest.MapFS{}
	entries, _ := fs.ReadDir(files, ".") // an embed.FS root always reads
	for _, e := range entries {
		data, _ := files.ReadFile(e.Name())
		m["reviews/"+e.Name()] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m
}
