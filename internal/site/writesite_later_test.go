package site

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/theme"
)

// A build of every page asks Target.Later for the files made elsewhere
// only once every page is written into the new folder (so that the
// search index is built beside the pages, and exported when they no
// longer take memory), and writes the site Build renders with them; a
// Later that fails, or gives a file out of its folder, leaves the last
// site as it was and no new folder.
func TestWriteSiteLater(t *testing.T) {
	opt := Options{Theme: theme.FS()}
	repo, pages := buildGen(t, gen.Options{N: 40, Seed: 5}, opt)
	dir := filepath.Join(t.TempDir(), "site")
	calls := 0
	later := func() (Extras, error) {
		calls++
		tmp, err := filepath.Glob(filepath.Join(filepath.Dir(dir), tempPattern(filepath.Base(dir))))
		if err != nil || len(tmp) != 1 {
			t.Fatalf("the new folder: %v %v", tmp, err)
		}
		written := readTree(t, tmp[0])
		for _, name := range pages.Names() {
			if _, ok := written[name]; !ok {
				t.Errorf("Later was called before %s was written", name)
			}
		}
		return Extras{Files: map[string][]byte{"search/index/x.json": []byte(`{"x":1}`)}}, nil
	}
	_, m, err := WriteSite(repo, nil, opt, Target{Dir: dir, ExtraDir: "search/index/", Later: later})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("Later was called %d times, want once", calls)
	}
	got := Files{}
	for name, data := range readTree(t, dir) {
		if name != Marker {
			got[name] = []byte(data)
		}
	}
	pages["search/index/x.json"] = []byte(`{"x":1}`)
	sameFiles(t, got, pages)

	before := readTree(t, dir)
	for name, later := range map[string]func() (Extras, error){
		"an error": func() (Extras, error) { return Extras{}, errors.New("no index") },
		"a file out of its folder": func() (Extras, error) {
			return Extras{Files: map[string][]byte{"index.html": []byte("not the home page")}}, nil
		},
	} {
		if _, _, err := WriteSite(repo, nil, opt, Target{Dir: dir, Prev: m, ExtraDir: "search/index/", Later: later}); err == nil {
			t.Errorf("%s: no error", name)
		}
		if after := readTree(t, dir); len(after) != len(before) || after["index.html"] != before["index.html"] {
			t.Errorf("%s: the last site changed", name)
		}
		if names := entries(t, filepath.Dir(dir)); len(names) != 1 {
			t.Errorf("%s: beside the site: %v, want it alone", name, names)
		}
	}
}

// buildGen renders the site of the repository gen makes with o, as Build
// does with opt, and returns both.
func buildGen(t *testing.T, o gen.Options, opt Options) (*review.Repo, Files) {
	t.Helper()
	repo, err := review.Load(gen.MapFS(o), review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, err := Build(repo, opt)
	if err != nil {
		t.Fatal(err)
	}
	return repo, files
}
