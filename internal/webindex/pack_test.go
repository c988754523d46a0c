package webindex

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
)

// TestPacks: after each of many edits, the cache folder holds the head
// and the packs it names, each of which is at least half in use (a
// save copies the records of the others into its pack, and the pack of
// the first export goes so), records stay in the packs of earlier saves,
// and the export from the cache is a full export's.
func TestPacks(t *testing.T) {
	fsys := gen.MapFS(gen.Options{N: 200, Seed: 8})
	cache := filepath.Join(t.TempDir(), "export")
	repo, err := review.Load(fsys, review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	copied := 0
	first := ""
	for step := range 6 {
		if step > 0 {
			rv := repo.Reviews[(step*7)%len(repo.Reviews)]
			rv.Title = fmt.Sprintf("zzstep%d", step)
		}
		ix, err := search.FromReviews(repo.Reviews)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]byte{}
		if _, err := WriteCached(got, ix, repo.Reviews, cache); err != nil {
			t.Fatal(err)
		}
		want := map[string][]byte{}
		if _, err := Write(want, ix, repo.Reviews); err != nil {
			t.Fatal(err)
		}
		ix.Close()
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("step %d: not a full export's (-want +got):\n%.2000s", step, diff)
		}
		c := loadCache(cache, idsOf(t, repo.Reviews))
		if c == nil {
			t.Fatalf("step %d: no cache", step)
		}
		used := map[string]int{}
		for _, h := range c.Shards {
			used[h.Pack] += h.Length
		}
		for name, size := range c.packs {
			if 2*used[name] < size {
				t.Errorf("step %d: %s has %d of its %d bytes in use", step, name, used[name], size)
			}
		}
		if step == 0 {
			first = c.Shards[0].Pack
		}
		if len(used) > 1 {
			copied++ // records of more than one save
		}
		es, err := os.ReadDir(cache)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if _, ok := c.packs[e.Name()]; !ok && e.Name() != headFile {
				t.Errorf("step %d: %s left in the cache", step, e.Name())
			}
		}
	}
	if copied == 0 {
		t.Error("every save wrote every record")
	}
	if _, ok := loadCache(cache, idsOf(t, repo.Reviews)).packs[first]; ok {
		t.Errorf("the first export's pack %s is still in use", first)
	}
}

// idsOf returns the ids of reviews in the order of an export.
func idsOf(t *testing.T, reviews []*review.Review) []string {
	t.Helper()
	ix, err := search.FromReviews(reviews)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	order := append([]*review.Review(nil), reviews...)
	ex, err := ix.Export(sortedNewestFirst(order))
	if err != nil {
		t.Fatal(err)
	}
	defer ex.Close()
	ids := make([]string, len(ex.Docs))
	for i, rv := range ex.Docs {
		ids[i] = rv.ID
	}
	return ids
}

func sortedNewestFirst(rvs []*review.Review) []*review.Review {
	slices.SortFunc(rvs, review.NewestFirst)
	return rvs
}

// A pack's name is its prefix, 24 hex digits and its extension, all three.
func TestIsPackName(t *testing.T) {
	hex := "0123456789abcdef01234567"
	for name, want := range map[string]bool{
		packPrefix + hex + packExt:            true,
		hex + packExt:                         false, // no prefix
		packPrefix + hex:                      false, // no extension
		packPrefix + hex[:23] + packExt:       false, // too short
		packPrefix + "zz" + hex[2:] + packExt: false, // not hex
		"x" + packPrefix + hex + packExt:      false,
	} {
		if got := isPackName(name); got != want {
			t.Errorf("isPackName(%q) = %v, want %v", name, got, want)
		}
	}
}
