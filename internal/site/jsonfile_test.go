package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan/fupan/internal/gen"
)

// TestJSONKeptOrStreamed checks that a build resumed from the last site
// keeps its reviews.json (the same file, linked) when an edit leaves it
// as it was, a body's, and else writes it streamed, as a full build
// makes it.
func TestJSONKeptOrStreamed(t *testing.T) {
	fsys := gen.MapFS(gen.Options{N: 40, Seed: 5})
	load, opt, dir, repo, m := firstSite(t, fsys)
	edited := repo.Reviews[20].Path
	for _, tt := range []struct {
		name     string
		old, new string
		same     bool
	}{
		{"body", "\n## ", "\nAn added sentence.\n\n## ", true},
		{"title", "\ntitle: ", "\ntitle: Renamed, ", false},
		{"title again", "\ntitle: Renamed, ", "\ntitle: ", false},
	} {
		f := fsys[edited]
		if !strings.Contains(string(f.Data), tt.old) {
			t.Fatalf("%s: %s holds no %q", tt.name, edited, tt.old)
		}
		f.Data = []byte(strings.Replace(string(f.Data), tt.old, tt.new, 1))
		before, err := os.Stat(filepath.Join(dir, "reviews.json"))
		if err != nil {
			t.Fatal(err)
		}
		repo, hashes := load()
		o, m2, err := WriteSite(repo, &Last{Manifest: m, Dir: dir, Hashes: hashes}, opt, Target{Dir: dir, Prev: m})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !o.Resumed {
			t.Fatalf("%s: not resumed: %s", tt.name, o.Why)
		}
		m = m2
		after, err := os.Stat(filepath.Join(dir, "reviews.json"))
		if err != nil {
			t.Fatal(err)
		}
		if got := os.SameFile(before, after); got != tt.same {
			t.Errorf("%s: reviews.json kept as it was: %v, want %v", tt.name, got, tt.same)
		}
		full, err := Build(repo, opt)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(dir, "reviews.json"))
		if err != nil {
			t.Fatal(err)
		}
		if string(data) != string(full["reviews.json"]) {
			t.Errorf("%s: reviews.json differs from a full build's: %s", tt.name, firstDiff(string(data), string(full["reviews.json"])))
		}
		if st := m.Files["reviews.json"]; st.Hash != hashOf(data) || st.Size != int64(len(data)) {
			t.Errorf("%s: the manifest stamps reviews.json %d bytes of hash %s, want %d of %s", tt.name, st.Size, st.Hash, len(data), hashOf(data))
		}
	}
}

// TestJSONChangedMeanwhile checks that a resumed build whose reviews.json
// is to be copied from the last site's writes nothing when that file
// changed since the build started (ErrKeptChanged), and leaves the site
// as it was.
func TestJSONChangedMeanwhile(t *testing.T) {
	fsys := gen.MapFS(gen.Options{N: 30, Seed: 6})
	load, opt, dir, repo, m := firstSite(t, fsys)
	f := fsys[repo.Reviews[10].Path]
	f.Data = []byte(strings.Replace(string(f.Data), "\ntitle: ", "\ntitle: Renamed, ", 1))
	repo, hashes := load()
	s, why, err := start(repo, &Last{Manifest: m, Dir: dir, Hashes: hashes}, opt, newRenderer(false))
	if err != nil || s == nil {
		t.Fatalf("not resumed: %v %s", err, why)
	}
	if _, ok := s.streams["reviews.json"]; !ok {
		t.Fatal("reviews.json is not streamed from the last site")
	}
	name := filepath.Join(dir, "reviews.json")
	was, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	then := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(name, then, then); err != nil {
		t.Fatal(err)
	}
	o := output(s, &Last{Hashes: hashes}, true, "")
	if _, err := o.WriteDir(dir, "", m); !errors.Is(err, ErrKeptChanged) {
		t.Fatalf("WriteDir = %v, want an error wrapping ErrKeptChanged", err)
	}
	now, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if string(now) != string(was) {
		t.Error("the site's reviews.json was written")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), tempPattern("site"))); len(left) > 0 {
		t.Errorf("the new folder was left: %v", left)
	}
}
