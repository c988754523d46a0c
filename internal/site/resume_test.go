package site

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/theme"
)

// TestResumeLast checks that a build started from the last site takes
// the lines of the reviews that did not change from its llms.txt, and
// their entries from its reviews.json, only from the files its manifest
// stamps: one changed by hand gives none, and the file is made whole.
func TestResumeLast(t *testing.T) {
	fsys := gen.MapFS(gen.Options{N: 60, Seed: 4})
	load, opt, dir, repo, m := firstSite(t, fsys)
	edited := repo.Reviews[30].Path
	for i, tamper := range []bool{false, true} {
		f := fsys[edited]
		f.Data = fmt.Appendf(slices.Clip(f.Data), "\nEdit %d.\n", i)
		if tamper {
			name := filepath.Join(dir, "llms.txt")
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, append(data, "- [A line](x)\n"...), 0o644); err != nil {
				t.Fatal(err)
			}
			// reviews.json touched: the same content (else the build
			// would not start from this site), another time.
			then := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
			if err := os.Chtimes(filepath.Join(dir, "reviews.json"), then, then); err != nil {
				t.Fatal(err)
			}
		}
		repo, hashes := load()
		s, why, err := start(repo, &Last{Manifest: m, Dir: dir, Hashes: hashes}, opt, newRenderer(false))
		if err != nil || s == nil {
			t.Fatalf("not resumed: %v %s", err, why)
		}
		want := len(s.reviews) - 1 // all but the edited one
		if tamper {
			want = 0
		}
		if got := len(s.llmsLines); got != want {
			t.Errorf("tampered %v: %d lines taken from the last llms.txt, want %d", tamper, got, want)
		}
		full, err := Build(repo, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"llms.txt", "reviews.json"} {
			if got := string(fileOf(t, s, dir, name)); got != string(full[name]) {
				t.Errorf("tampered %v: %s differs from a full build's: %s", tamper, name, firstDiff(got, string(full[name])))
			}
		}
		o := output(s, &Last{Hashes: hashes}, true, "")
		if m, err = o.WriteDir(dir, "", m); err != nil {
			t.Fatal(err)
		}
	}
}

// firstSite writes the site of fsys, with the theme alone, to a new
// folder; it returns the loader of fsys (see loader), the options, the
// folder, the repository as it was read and the site's manifest.
func firstSite(t *testing.T, fsys fstest.MapFS) (func() (*review.Repo, map[string]string), Options, string, *review.Repo, *Manifest) {
	t.Helper()
	load := loader(t, fsys, review.Options{Now: testNow})
	opt := Options{Theme: theme.FS()}
	dir := filepath.Join(t.TempDir(), "site")
	repo, hashes := load()
	_, m, err := WriteSite(repo, &Last{Hashes: hashes}, opt, Target{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return load, opt, dir, repo, m
}

// fileOf returns the content of the file name of the build s, resumed
// from the site at dir: made, streamed (then s.streams is written no
// more), or kept from there.
func fileOf(t *testing.T, s *site, dir, name string) []byte {
	t.Helper()
	if data, ok := s.out[name]; ok {
		return data
	}
	if f, ok := s.streams[name]; ok {
		files := Files{}
		if err := materialise(files, map[string]io.WriterTo{name: f}); err != nil {
			t.Fatal(err)
		}
		delete(s.streams, name)
		return files[name]
	}
	if !s.kept[name] {
		t.Fatalf("%s is neither made nor kept", name)
	}
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// loader returns a function that reads the reviews of fsys again, as
// fupan build does (a review.Snapshot, so that the unchanged reviews are
// the same), with the hashes of their files now.
func loader(tb testing.TB, fsys fstest.MapFS, opt review.Options) func() (*review.Repo, map[string]string) {
	snap := review.NewSnapshot(fsys)
	return func() (*review.Repo, map[string]string) {
		tb.Helper()
		repo, _, err := snap.Load(opt)
		if err != nil {
			tb.Fatal(err)
		}
		states, err := review.Scan(fsys, nil)
		if err != nil {
			tb.Fatal(err)
		}
		return repo, review.Hashes(states)
	}
}
