package review

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// listed lists and scans the review files of fsys as a build's key does:
// with the stat cache of the folder cache, which it writes.
func listed(t *testing.T, fsys fs.FS, cache string) *Listing {
	t.Helper()
	stats, err := ReadStatCache(filepath.Join(cache, statCacheName))
	if err != nil {
		t.Fatal(err)
	}
	l, err := List(fsys)
	if err != nil {
		t.Fatal(err)
	}
	l.Scan(stats)
	if err := stats.Write(filepath.Join(cache, statCacheName)); err != nil {
		t.Fatal(err)
	}
	return l
}

// TestLoadListing: a Load that takes the review files from a listing
// scanned before (as a build's key scans them) is a Load without it,
// findings of the listing included, and reads no file whose parse is
// cached.
func TestLoadListing(t *testing.T) {
	dir := cacheRepo(t)
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, Dir, "2026-02-23-outside.md")); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(t.TempDir(), ".fupan")
	if err := os.MkdirAll(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	fsys := &reviewOpens{FS: os.DirFS(dir)}
	opt := Options{Now: now, CacheDir: cache}
	for _, run := range []string{"cold", "warm"} {
		l := listed(t, fsys, cache)
		fsys.take()
		opt.Listing = l
		got, err := Load(fsys, opt)
		if err != nil {
			t.Fatal(err)
		}
		// The files that cannot be cached (their findings hold an error
		// value) are read every time.
		uncached := map[string]bool{}
		for _, f := range got.Findings {
			if f.Err != nil {
				uncached[f.File] = true
			}
		}
		opened := slices.DeleteFunc(fsys.take(), func(p string) bool { return uncached[p] })
		if run == "warm" && len(opened) > 0 {
			t.Errorf("%s: a Load with a listing read %q, whose parses are cached", run, opened)
		}
		opt.Listing = nil
		sameLoad(t, fsys, got, opt)
		if !strings.Contains(strings.Join(lines(got.Findings), "\n"), "2026-02-23-outside.md:1:1: error: a symlink") {
			t.Errorf("%s: the listing's finding on the symlink is missing:\n%s", run, strings.Join(lines(got.Findings), "\n"))
		}
	}
}

// TestLoadListingChangedSince: a review file changed after the listing
// was scanned, to another content of the same size and time (which no
// stat tells), and which Load reads (its parse is not cached) is loaded
// as read, and its parse is cached under the hash of what was read, not
// under the hash the listing gave it: when the file has its first content
// again, a Load gives that content, not the one read in between.
func TestLoadListingChangedSince(t *testing.T) {
	dir := copyExamples(t)
	cache := filepath.Join(t.TempDir(), ".fupan")
	if err := os.MkdirAll(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	const name = "reviews/2026-02-24-changed.md"
	p := filepath.Join(dir, filepath.FromSlash(name))
	first := strings.Replace(validReview(t), "\ntitle:", "\ntitle: First.", 1)
	second := strings.Replace(validReview(t), "\ntitle:", "\ntitle: Other.", 1)
	stamp := time.Date(2026, 2, 1, 10, 0, 0, 123456789, time.UTC)
	write := func(content string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, stamp, stamp); err != nil {
			t.Fatal(err)
		}
	}
	fsys := os.DirFS(dir)
	title := func(r *Repo) string {
		t.Helper()
		for _, rv := range r.Reviews {
			if rv.Path == name {
				return rv.Title
			}
		}
		t.Fatalf("%s not loaded", name)
		return ""
	}

	write(first)
	l := listed(t, fsys, cache)
	write(second) // after the listing, same size and time
	got, err := Load(fsys, Options{Now: now, CacheDir: cache, Listing: l})
	if err != nil {
		t.Fatal(err)
	}
	if got := title(got); !strings.HasPrefix(got, "Other.") {
		t.Errorf("loaded after the change: title %q, want the content read, which starts with %q", got, "Other.")
	}

	write(first)
	got, err = Load(fsys, Options{Now: now, CacheDir: cache, Listing: listed(t, fsys, cache)})
	if err != nil {
		t.Fatal(err)
	}
	if got := title(got); !strings.HasPrefix(got, "First.") {
		t.Errorf("the first content again: title %q, want it to start with %q (the parse cached under its hash is another content's)", got, "First.")
	}
}
