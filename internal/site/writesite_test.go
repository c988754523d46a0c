package site

import (
	"errors"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/theme"
)

// A site written page by page as it is rendered (WriteSite) is the site
// Build renders, with the extra files and the mark, and the records of
// its reviews; a build that fails, in rendering or because an extra file
// is out of its folder, leaves the last site as it was and no new folder.
func TestWriteSite(t *testing.T) {
	opt := Options{Theme: theme.FS()}
	repo, want := buildGen(t, gen.Options{N: 80, Seed: 3, ChineseShare: 0.25}, opt)
	want["search/index/x.json"] = []byte(`{"x":1}`)
	dir := filepath.Join(t.TempDir(), "site")
	extra := map[string][]byte{"search/index/x.json": []byte(`{"x":1}`)}
	o, m, err := WriteSite(repo, nil, opt, Target{Dir: dir, ExtraDir: "search/index/", Extra: extra})
	if err != nil {
		t.Fatal(err)
	}
	got := Files{}
	for name, data := range readTree(t, dir) {
		if name != Marker {
			got[name] = []byte(data)
		}
	}
	sameFiles(t, got, want)
	if len(m.Files) != len(want) {
		t.Errorf("the manifest stamps %d files, want %d", len(m.Files), len(want))
	}
	if o.Resumed || o.Rendered == 0 {
		t.Errorf("Resumed %v, Rendered %d: want every page rendered", o.Resumed, o.Rendered)
	}
	if len(m.Reviews) != len(repo.Reviews) {
		t.Errorf("%d review records, want %d", len(m.Reviews), len(repo.Reviews))
	}
	for p, r := range m.Reviews {
		if r.Hash != hashOf(want["reviews/"+r.ID+"/index.md"]) {
			t.Errorf("%s: the record's hash is not its source's", p)
		}
	}

	before := readTree(t, dir)
	broken := theme.Overlay(fstest.MapFS{"templates/term.html": {Data: []byte(`{{define "main"}}{{.NoSuchField}}{{end}}`)}}, theme.FS())
	for name, tt := range map[string]struct {
		opt Options
		t   Target
	}{
		"a template that fails": {Options{Theme: broken}, Target{Dir: dir, Prev: m}},
		"an extra file out of its folder": {opt, Target{Dir: dir, Prev: m, ExtraDir: "search/index/",
			Extra: map[string][]byte{"index.html": []byte("not the home page")}}},
	} {
		if _, _, err := WriteSite(repo, nil, tt.opt, tt.t); err == nil {
			t.Errorf("%s: no error", name)
		} else if errors.Is(err, ErrKeptChanged) {
			t.Errorf("%s: %v", name, err)
		} else {
			t.Logf("%s: %v", name, err)
		}
		if diff := readTree(t, dir); len(diff) != len(before) || diff["index.html"] != before["index.html"] {
			t.Errorf("%s: the last site changed", name)
		}
		if names := entries(t, filepath.Dir(dir)); len(names) != 1 {
			t.Errorf("%s: beside the site: %v, want it alone", name, names)
		}
	}
}
