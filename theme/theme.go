// Package theme is the default look of the site that 'fupan build'
// writes: the page templates (templates/*.html, html/template, executed by
// internal/site) and the static files copied to assets/ (static/).
//
// A team changes the look with 'fupan build --theme DIR': a file in DIR
// replaces the file of the same path here (templates/review.html,
// static/style.css), and every other file is taken from here.
//
// The search interface is the theme's: static/search/ui.js, which mounts
// into the pages, and static/search/search.css. The search client it
// imports, the code that reads the exported index (./search.js and its
// modules), is not: it is internal/webindex's, and the site writes it to
// assets/search/ after the theme's files, so that a theme may restyle
// search or replace its interface but never break the search itself.
package theme

import (
	"embed"
	"errors"
	"io/fs"
	"slices"
	"strings"
)

//go:embed files
var files embed.FS

// FS returns the default theme, with templates/ and static/ at its root.
func FS() fs.FS {
	sub, err := fs.Sub(files, "files")
	if err != nil {
		panic(err) // "files" is embedded above
	}
	return sub
}

// Overlay returns a theme whose files are taken from over when it has
// them, else from base.
func Overlay(over, base fs.FS) fs.FS { return overlay{over, base} }

type overlay struct{ over, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.over.Open(name)
	if err == nil {
		if st, serr := f.Stat(); serr == nil && !st.IsDir() {
			return f, nil
		}
		f.Close()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return o.base.Open(name)
}

// ReadDir lists the union of both themes' entries, so that a file only in
// the override (a new static/logo.svg) is copied too.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, fsys := range []fs.FS{o.over, o.base} {
		entries, err := fs.ReadDir(fsys, name)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if len(out) == 0 {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}
