package site

import (
	"bytes"
	"errors"
	"maps"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
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

// A build resumed from the last site puts its own files while Later
// makes its files, and those once Later gives them: the site is the one
// a build of every page renders. A Later that fails, or gives a file out
// of its folder, leaves the last site as it was and no new folder, though
// the site's own files were being put meanwhile.
func TestWriteResumedLater(t *testing.T) {
	repo, hashes, opt, dir, m := editedSite(t, gen.Options{N: 30, Seed: 7}, 3, "\nAn added sentence.\n")
	resumed := func(later func() (Extras, error)) (*Output, error) {
		o, _, err := WriteSite(repo, &Last{Manifest: m, Dir: dir, Hashes: hashes}, opt, Target{Dir: dir, Prev: m, ExtraDir: "search/index/", Later: later})
		return o, err
	}

	before := readTree(t, dir)
	for name, later := range map[string]func() (Extras, error){
		"an error": func() (Extras, error) { return Extras{}, errors.New("no index") },
		"a file out of its folder": func() (Extras, error) {
			return Extras{Files: map[string][]byte{"index.html": []byte("not the home page")}}, nil
		},
	} {
		if _, err := resumed(later); err == nil {
			t.Errorf("%s: no error", name)
		}
		if after := readTree(t, dir); !maps.Equal(after, before) {
			t.Errorf("%s: the last site changed", name)
		}
		if names := entries(t, filepath.Dir(dir)); len(names) != 1 {
			t.Errorf("%s: beside the site: %v, want it alone", name, names)
		}
	}

	x := []byte(`{"x":1}`)
	o, err := resumed(func() (Extras, error) {
		return Extras{Files: map[string][]byte{"search/index/x.json": x}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !o.Resumed {
		t.Fatalf("not resumed: %s", o.Why)
	}
	want, err := Build(repo, opt)
	if err != nil {
		t.Fatal(err)
	}
	want["search/index/x.json"] = x
	got := Files{}
	for name, data := range readTree(t, dir) {
		if name != Marker {
			got[name] = []byte(data)
		}
	}
	sameFiles(t, got, want)
}

// TestWriteSiteOpening: a target's new folder made ready before (Open)
// gives the site WriteSite writes without; dropped (Abort) before any
// WriteSite took it, it leaves the last site as it was, alone, and once
// taken, Abort does nothing.
func TestWriteSiteOpening(t *testing.T) {
	repo, hashes, opt, dir, m := editedSite(t, gen.Options{N: 20, Seed: 3}, 5, "\nA sentence more.\n")
	target := Target{Dir: dir, Prev: m}

	before := readTree(t, dir)
	dropped := Open(target)
	dropped.Abort()
	if after := readTree(t, dir); !maps.Equal(after, before) {
		t.Error("an Opening dropped changed the last site")
	}
	if names := entries(t, filepath.Dir(dir)); len(names) != 1 {
		t.Errorf("an Opening dropped left %v beside the site, want it alone", names)
	}

	target.Opening = Open(target)
	o, _, err := WriteSite(repo, &Last{Manifest: m, Dir: dir, Hashes: hashes}, opt, target)
	if err != nil {
		t.Fatal(err)
	}
	if !o.Resumed {
		t.Fatalf("not resumed: %s", o.Why)
	}
	written := readTree(t, dir)
	target.Opening.Abort() // taken: nothing to do
	if after := readTree(t, dir); !maps.Equal(after, written) {
		t.Error("Abort after WriteSite took the Opening changed the site")
	}
	want, err := Build(repo, opt)
	if err != nil {
		t.Fatal(err)
	}
	got := Files{}
	for name, data := range written {
		if name != Marker {
			got[name] = []byte(data)
		}
	}
	sameFiles(t, got, want)
}

// editedSite writes the site of the reviews gen makes of g (firstSite),
// then appends text to the i-th review, and returns the reviews loaded
// again, their hashes, the options, the site's folder and its manifest.
func editedSite(t *testing.T, g gen.Options, i int, text string) (*review.Repo, map[string]string, Options, string, *Manifest) {
	t.Helper()
	fsys := gen.MapFS(g)
	load, opt, dir, repo, m := firstSite(t, fsys)
	f := fsys[repo.Reviews[i].Path]
	f.Data = append(bytes.Clone(f.Data), text...)
	repo, hashes := load()
	return repo, hashes, opt, dir, m
}
