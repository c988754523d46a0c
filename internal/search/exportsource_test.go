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
	// sources are the sources the index that open returns says, by path.
	sources := func(open func([]*review.Review) (*Index, error)) (map[string]string, bool) {
		t.Helper()
		repo, err := review.Load(fsys, review.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ix, err := open(repo.Reviews)
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
		if err != nil || (ok && len(list) != len(ex.Docs)) {
			t.Fatalf("Sources: %d of %d, %v", len(list), len(ex.Docs), err)
		}
		out := map[string]string{}
		for i, s := range list {
			out[ex.Docs[i].Path] = s
			if want := ex.Docs[i].Path + "\x00" + hash(fsys[ex.Docs[i].Path].Data); s != want {
				t.Errorf("%s: source %q, want %q", ex.Docs[i].Path, s, want)
			}
		}
		return out, ok
	}
	opened := func(opt Options) func([]*review.Review) (*Index, error) {
		return func([]*review.Review) (*Index, error) { return Open(t.Context(), fsys, opt) }
	}
	disk := opened(Options{Dir: filepath.Join(t.TempDir(), "search")})
	built, ok := sources(disk)
	if !ok || len(built) == 0 {
		t.Fatal("the index built says no sources")
	}
	if again, _ := sources(disk); !maps.Equal(built, again) {
		t.Error("the index opened as it was says other sources")
	}
	if mem, _ := sources(opened(Options{})); !maps.Equal(built, mem) {
		t.Error("the index in memory says other sources")
	}
	fsys[edited] = &fstest.MapFile{Data: append(slices.Clone(fsys[edited].Data), "\nEdited.\n"...)}
	updated, _ := sources(disk)
	for p, s := range updated {
		if (s != built[p]) != (p == edited) {
			t.Errorf("%s: source %q after the edit of %s, was %q", p, s, edited, built[p])
		}
	}
	if _, ok := sources(FromReviews); ok {
		t.Error("an index of reviews as given says its sources")
	}
}
