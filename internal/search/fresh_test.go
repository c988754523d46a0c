package search

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan/fupan/internal/review"
)

func TestContentKey(t *testing.T) {
	key := func(files ...pathHash) string { return contentKey(files) }
	a := pathHash{"reviews/a.md", "1111"}
	b := pathHash{"reviews/b.md", "2222"}
	tests := []struct {
		name  string
		x, y  string
		equal bool
	}{
		{"order does not matter", key(a, b), key(b, a), true},
		{"a file more", key(a), key(a, b), false},
		{"another hash", key(a, b), key(a, pathHash{b.path, "2223"}), false},
		{"another path", key(a, b), key(a, pathHash{"reviews/c.md", b.hash}), false},
		{"where the path ends", key(pathHash{"ab", "c"}), key(pathHash{"a", "bc"}), false},
		{"no files", key(), key(pathHash{}), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.x == tt.y; got != tt.equal {
				t.Errorf("keys equal = %v, want %v (%s, %s)", got, tt.equal, tt.x, tt.y)
			}
			if !isKey(tt.x) {
				t.Errorf("isKey(%q) = false", tt.x)
			}
		})
	}
}

// The summary line of the manifest is only a shortcut: one whose
// checksum is not that of the review lines is ignored, and a review line
// changed under it is seen as a change (the review is indexed again),
// never hidden by a summary that says nothing changed.
func TestManifestSummary(t *testing.T) {
	root := writeExamples(t)
	fsys := os.DirFS(root)
	state := filepath.Join(root, ".fupan", "search")
	ix, err := Open(t.Context(), fsys, Options{Dir: state})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	name := filepath.Join(state, manifestFile)
	m, err := readManifest(name)
	if err != nil {
		t.Fatal(err)
	}
	files, err := listFiles(fsys, noCache)
	if err != nil {
		t.Fatal(err)
	}
	if !m.unchanged(files) || m.reviews != nil || m.docs() != uint64(len(files)) {
		t.Fatalf("manifest as written: unchanged %v, reviews read %v, docs %d; want the summary to say all %d files, unread",
			m.unchanged(files), m.reviews != nil, m.docs(), len(files))
	}
	moved := append([]review.State{}, files...)
	moved[0].Path = "reviews/elsewhere.md"
	edited := append([]review.State{}, files...)
	edited[1].Hash = strings.Repeat("0", 64)
	unread := append([]review.State{}, files...)
	unread[2].Hash = ""
	for _, tt := range []struct {
		name  string
		files []review.State
	}{{"renamed", moved}, {"edited", edited}, {"unreadable", unread}, {"deleted", files[1:]}} {
		if m.unchanged(tt.files) {
			t.Errorf("%s: unchanged, want a change", tt.name)
		}
	}

	// A review line written over, its summary left as it was.
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	e := files[0]
	i := strings.Index(string(data), e.Hash)
	if i < 0 {
		t.Fatalf("the manifest has no line with the hash of %s", e.Path)
	}
	copy(data[i:], strings.Repeat("0", 64))
	write(t, name, data)
	if m, err := readManifest(name); err != nil || m.key != "" {
		t.Fatalf("readManifest: key %q (%v), want the summary ignored", m.key, err)
	}
	ix, err = Open(t.Context(), fsys, Options{Dir: state})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if u := ix.Update; u.Rebuilt != Kept || u.Changed != 1 {
		t.Errorf("Update = %+v, want the review whose line changed indexed again", u)
	}
}

// An index opened while the files are scanned is let go when the scan
// finds a change: the update that follows takes the lock for writing, and
// a process after it finds the index up to date.
func TestOpenEarlyStale(t *testing.T) {
	root := writeExamples(t)
	fsys := os.DirFS(root)
	state := filepath.Join(root, ".fupan", "search")
	build(t, root, state)
	name := filepath.Join(root, "reviews", profileCache+".md")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	write(t, name, append(data, "\nA heron appeared.\n"...))
	e := <-openEarly(state)
	if e.ix == nil {
		t.Fatal("openEarly opened no index")
	}
	files, err := listFiles(fsys, noCache)
	if err != nil {
		t.Fatal(err)
	}
	if ix := e.use(files); ix != nil {
		ix.Close()
		t.Fatal("use kept an index that lacks an edit")
	}
	ix, err := Open(t.Context(), fsys, Options{Dir: state})
	if err != nil {
		t.Fatal(err)
	}
	if u := ix.Update; u.Changed != 1 {
		t.Errorf("Update = %+v, want one review changed", u)
	}
	hits, err := ix.Search(t.Context(), "heron", 5)
	ix.Close()
	if err != nil || len(hits) != 1 || hits[0].ID != profileCache {
		t.Errorf("Search(heron) = %v (%v), want %s", ids(hits), err, profileCache)
	}
}

// noCache is no stat cache: every file is read.
func noCache() *review.StatCache { return nil }

// Options.Indexing is called by a run that indexes reviews, and not by
// one that finds the index up to date.
func TestOpenIndexing(t *testing.T) {
	root := writeExamples(t)
	fsys := os.DirFS(root)
	state := filepath.Join(root, ".fupan", "search")
	calls := 0
	opt := Options{Dir: state, Indexing: func() { calls++ }}
	open := func(want int, what string) {
		t.Helper()
		calls = 0
		ix, err := Open(t.Context(), fsys, opt)
		if err != nil {
			t.Fatal(err)
		}
		ix.Close()
		if (calls > 0) != (want > 0) {
			t.Errorf("%s: Indexing called %d times, want %d", what, calls, want)
		}
	}
	open(1, "first run")
	open(0, "nothing changed")
	name := filepath.Join(root, "reviews", profileCache+".md")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	write(t, name, append(data, "\nAn ibis appeared.\n"...))
	open(1, "a review edited")
	opt.Dir = ""
	open(1, "in memory")
}

// listFiles lists the review files that 'fupan check' reads
// (review.Scan, which hashes only the files whose size or time are not
// those of the cache that cache returns): what check reports instead, such
// as a symlink out of the repository, is not indexed. When two files have
// one id, the first by path is kept.
func listFiles(fsys fs.FS, cache func() *review.StatCache) ([]review.State, error) {
	states, err := review.Scan(fsys, cache())
	if err != nil {
		return nil, err
	}
	return distinct(states), nil
}
