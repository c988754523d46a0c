package search

import (
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
)

// TestSources: an export says what each document was indexed from, its
// file's path and content hash, whether the index was opened as it was,
// updated or built in memory; an index of reviews as given does not say.
func TestSources(t *testing.T) {
	fsys := gen.MapFS(gen.Options{N: 30, Seed: 3})
	paths := slices.DeleteFunc(slices.Sorted(maps.Keys(fsys)), func(p string) bool { return !strings.HasPrefix(p, "reviews/") })
	edited := paths[4]
	sources := func(opt Options) map[string]string {
		t.Helper()
		repo, err := review.Load(fsys, review.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ix, err := Open(t.Context(), fsys, opt)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		ex, err := ix.Export(repo.Reviews)
		if err != nil {
			t.Fatal(err)
		}
		defer ex.Close()
		list, ok, err := ex.Sources()
		if err != nil || !ok || len(list) != len(ex.Docs) {
			t.Fatalf("Sources: %d of %d, %v, %v", len(list), len(ex.Docs), ok, err)
		}
		out := map[string]string{}
		for i, s := range list {
			out[ex.Docs[i].Path] = s
			if want := ex.Docs[i].Path + "\x00" + hash(fsys[ex.Docs[i].Path].Data); s != want {
				t.Errorf("%s: source %q, want %q", ex.Docs[i].Path, s, want)
			}
		}
		return out
	}
	disk := Options{Dir: filepath.Join(t.TempDir(), "search")}
	built := sources(disk)
	if again := sources(disk); !maps.Equal(built, again) {
		t.Error("the index opened as it was says other sources")
	}
	if mem := sources(Options{}); !maps.Equal(built, mem) {
		t.Error("the index in memory says other sources")
	}
	fsys[edited] = &fstest.MapFile{Data: append(slices.Clone(fsys[edited].Data), "\nEdited.\n"...)}
	updated := sources(disk)
	for p, s := range updated {
		if (s != built[p]) != (p == edited) {
			t.Errorf("%s: source %q after the edit of %s, was %q", p, s, edited, built[p])
		}
	}

	repo, err := review.Load(fsys, review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := FromReviews(repo.Reviews)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ex, err := ix.Export(repo.Reviews)
	if err != nil {
		t.Fatal(err)
	}
	defer ex.Close()
	if _, ok, err := ex.Sources(); ok || err != nil {
		t.Errorf("an index of reviews as given says its sources (%v)", err)
	}
}
