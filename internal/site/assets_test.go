package site

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/fupan/fupan/internal/webindex"
	"github.com/fupan/fupan/reviews"
	"github.com/fupan/fupan/theme"
)

// TestSearchClient: the site has the search client of internal/webindex
// under assets/search/, whatever the theme holds there, and the theme's
// own search interface beside it.
func TestSearchClient(t *testing.T) {
	client := webindex.Client()
	for _, name := range []string{"search.js", "format.js"} {
		if _, ok := client[webindex.ClientDir+name]; !ok {
			t.Fatalf("webindex.Client() has no %s", name)
		}
	}
	ui, err := fs.ReadFile(theme.FS(), "static/search/ui.js")
	if err != nil {
		t.Fatal(err)
	}
	broken := []byte("export const broken = ;")
	tests := []struct {
		name  string
		over  fstest.MapFS // over the default theme
		theme map[string][]byte
	}{
		{
			name:  "the default theme",
			theme: map[string][]byte{webindex.ClientDir + "ui.js": ui},
		},
		{
			name: "a theme with a broken search.js and format.js",
			over: fstest.MapFS{
				"static/search/search.js": {Data: broken},
				"static/search/format.js": {Data: []byte(`export const indexDir = "elsewhere/";`)},
			},
			theme: map[string][]byte{webindex.ClientDir + "ui.js": ui},
		},
		{
			name: "a theme with its own interface",
			over: fstest.MapFS{
				"static/search/ui.js":       {Data: []byte(`import { open } from "./search.js";`)},
				"static/search/search.css":  {Data: []byte(".search-hit { color: teal }")},
				"static/search/analysis.js": {Data: broken},
			},
			theme: map[string][]byte{
				webindex.ClientDir + "ui.js":      []byte(`import { open } from "./search.js";`),
				webindex.ClientDir + "search.css": []byte(".search-hit { color: teal }"),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th := theme.FS()
			if tt.over != nil {
				th = theme.Overlay(tt.over, th)
			}
			files := build(t, reviews.FS(), Options{Theme: th})
			for name, want := range client {
				if got, ok := files[name]; !ok {
					t.Errorf("no %s", name)
				} else if string(got) != string(want) {
					t.Errorf("%s is not the search client's (%d bytes, want %d)", name, len(got), len(want))
				}
			}
			for name, want := range tt.theme {
				if got := files[name]; string(got) != string(want) {
					t.Errorf("%s = %.40q, want the theme's %.40q", name, got, want)
				}
			}
		})
	}
}
