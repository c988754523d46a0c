package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// readTree returns the files under dir by slash path, or nil when dir is
// missing.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return nil
	}
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// entries returns the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

var (
	oldTree = map[string]string{Marker: markerText, "index.html": "old", "gone/a.html": "old"}
	newTree = map[string]string{Marker: markerText, "index.html": "new", "b/c.html": "new"}
)

// TestReplace: the new site takes the place of the previous one, or of
// nothing, whole, and nothing is left beside it.
func TestReplace(t *testing.T) {
	for _, tt := range []struct {
		name string
		old  map[string]string // at dir before; nil for nothing
	}{
		{name: "a previous site", old: oldTree},
		{name: "an empty folder", old: map[string]string{}},
		{name: "nothing", old: nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dir, tmp := filepath.Join(parent, "public"), filepath.Join(parent, ".public.new-1")
			writeTree(t, tmp, newTree)
			if tt.old != nil {
				if err := os.Mkdir(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				writeTree(t, dir, tt.old)
			}
			if err := replace(tmp, dir); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(newTree, readTree(t, dir)); diff != "" {
				t.Errorf("the site (-want +got):\n%s", diff)
			}
			if got := entries(t, parent); !slices.Equal(got, []string{"public"}) {
				t.Errorf("beside the site: %q, want only public", got)
			}
		})
	}
}

// TestExchange: exchange, and the fallback in steps, swap two folders
// whole, and leave nothing else.
func TestExchange(t *testing.T) {
	for name, swap := range map[string]func(a, b string) error{"exchange": exchange, "swapInSteps": swapInSteps} {
		t.Run(name, func(t *testing.T) {
			parent := t.TempDir()
			a, b := filepath.Join(parent, "a"), filepath.Join(parent, "b")
			writeTree(t, a, newTree)
			writeTree(t, b, oldTree)
			if err := swap(a, b); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(newTree, readTree(t, b)); diff != "" {
				t.Errorf("b (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(oldTree, readTree(t, a)); diff != "" {
				t.Errorf("a (-want +got):\n%s", diff)
			}
			if got := entries(t, parent); !slices.Equal(got, []string{"a", "b"}) {
				t.Errorf("in the parent: %q, want a and b", got)
			}
			if err := swap(a, filepath.Join(parent, "missing")); err == nil {
				t.Error("a swap with a missing folder succeeded")
			}
			if diff := cmp.Diff(oldTree, readTree(t, a)); diff != "" {
				t.Errorf("a after a failed swap (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReplaceAlwaysASite: while sites are swapped in again and again, a
// reader always finds one at the folder, where the platform swaps in one
// step.
func TestReplaceAlwaysASite(t *testing.T) {
	if !atomicExchange(t) {
		t.Skip("no atomic exchange here: the swap is in steps")
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	writeTree(t, dir, oldTree)

	var stop atomic.Bool
	var misses, reads atomic.Int64
	var wg sync.WaitGroup
	wg.Go(func() {
		for !stop.Load() {
			if _, err := os.Lstat(filepath.Join(dir, Marker)); err != nil {
				misses.Add(1)
			}
			reads.Add(1)
		}
	})
	for i := range 100 {
		tmp := filepath.Join(parent, ".public.new-1")
		writeTree(t, tmp, newTree)
		if err := replace(tmp, dir); err != nil {
			stop.Store(true)
			wg.Wait()
			t.Fatalf("swap %d: %v", i, err)
		}
	}
	stop.Store(true)
	wg.Wait()
	if n := misses.Load(); n > 0 {
		t.Errorf("%d of %d reads found no site at %s", n, reads.Load(), dir)
	}
}

// removeTree removes a site's folders at every depth, and a symlink in it
// without what it points at.
func TestRemoveTree(t *testing.T) {
	outside := t.TempDir()
	keep := filepath.Join(outside, "keep.txt")
	if err := os.WriteFile(keep, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	for _, name := range []string{"index.html", "reviews/a/index.html", "reviews/a/index.md", "reviews/b/index.html", "tags/x/page/2/index.html"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "reviews", "link")); err != nil {
		t.Fatal(err)
	}
	if err := removeTree(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s is still there (%v)", dir, err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("the file a symlink pointed at was removed: %v", err)
	}
}
