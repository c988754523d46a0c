package search

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/fupan/fupan/internal/review"
)

// listCount counts the listings of the reviews folder.
type listCount struct {
	fs.FS
	n atomic.Int64
}

func (c *listCount) Open(name string) (fs.File, error) {
	if name == review.Dir {
		c.n.Add(1)
	}
	return c.FS.Open(name)
}

// Open with a listing the caller scanned (Options.Listing) takes the
// files from it: it neither lists them nor reads the stat cache, and
// finds what changed as the listing says, an edit made after it included
// only by the next listing.
func TestOpenListing(t *testing.T) {
	root := writeExamples(t)
	state := filepath.Join(root, ".fupan", "search")
	statCache := filepath.Join(root, ".fupan", "stat")
	build(t, root, state)
	fsys := &listCount{FS: os.DirFS(root)}
	var notes []string
	opt := Options{Dir: state, StatCache: statCache, Note: func(s string) { notes = append(notes, s) }}
	name := filepath.Join(root, "reviews", profileCache+".md")
	edit := func(text string) {
		t.Helper()
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		write(t, name, append(data, text...))
	}
	// A stat cache that cannot be read, which Open would note.
	write(t, statCache, []byte("not a stat cache\n"))
	open := func(what string, l *review.Listing) Update {
		t.Helper()
		notes = nil
		fsys.n.Store(0)
		opt.Listing = l
		ix, err := Open(t.Context(), fsys, opt)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		defer ix.Close()
		if n := fsys.n.Load(); n > 0 || len(notes) > 0 {
			t.Errorf("%s: the reviews listed %d times, notes %q; want neither listed nor the stat cache read", what, n, notes)
		}
		return ix.Update
	}
	listed := func() *review.Listing {
		t.Helper()
		l, err := review.List(os.DirFS(root))
		if err != nil {
			t.Fatal(err)
		}
		l.Scan(nil)
		return l
	}

	edit("\nA heron appeared.\n")
	if u := open("edited", listed()); u.Changed != 1 {
		t.Errorf("edited: Update = %+v, want one review changed", u)
	}
	l := listed()
	edit("\nA second heron.\n") // after the listing
	u := open("edited after the listing", l)
	if u.Changed != 0 || u.Unchanged == 0 {
		t.Errorf("edited after the listing: Update = %+v, want what the listing says: nothing changed", u)
	}
	if u := open("listed again", listed()); u.Changed != 1 {
		t.Errorf("listed again: Update = %+v, want one review changed", u)
	}
}
