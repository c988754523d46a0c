package gittree

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestChanged makes, in every layout, a branch fix off main that edits
// b.md and adds c.md, plus an untracked d.md and an edit outside the
// folder; Changed since main lists b, c and d.
func TestChanged(t *testing.T) {
	for _, l := range layouts {
		t.Run(l.name, func(t *testing.T) {
			dir := l.make(t, t.TempDir())
			run(t, dir, "checkout", "-q", "-b", "fix")
			commit(t, dir, "edit", map[string]string{"reviews/b.md": "b2", "reviews/c.md": "c", "notes.md": "n"})
			write(t, dir, map[string]string{"reviews/d.md": "d"})
			if top := run(t, dir, "rev-parse", "--show-toplevel"); realPath(t, top) != realPath(t, dir) {
				// The work tree's own reviews/, which fupan is not pointed at.
				commit(t, top, "outside", map[string]string{"reviews/z.md": "z2", "reviews/y.md": "y"})
			}

			r, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			got, err := r.Changed("main", "reviews")
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(got)
			want := []string{"reviews/b.md", "reviews/c.md", "reviews/d.md"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Changed (-want +got):\n%s", diff)
			}
		})
	}
}

// TestChangedSince checks the revisions Changed compares with.
func TestChangedSince(t *testing.T) {
	dir := newRepo(t, filepath.Join(t.TempDir(), "repo"), reviews(""))
	run(t, dir, "tag", "light")
	run(t, dir, "tag", "-a", "-m", "release 1", "v1")
	commit(t, dir, "second", map[string]string{"reviews/b.md": "b2"})
	commit(t, dir, "third", map[string]string{"reviews/c.md": "c"})
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		since string
		want  []string
	}{
		{"main", nil},
		{"HEAD", nil},
		{"HEAD~1", []string{"reviews/c.md"}},
		{"HEAD~2", []string{"reviews/b.md", "reviews/c.md"}},
		{"light", []string{"reviews/b.md", "reviews/c.md"}},
		{"v1", []string{"reviews/b.md", "reviews/c.md"}},
		{run(t, dir, "rev-parse", "--short", "HEAD~1"), []string{"reviews/c.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.since, func(t *testing.T) {
			got, err := r.Changed(tt.since, "reviews")
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Changed(%s) (-want +got):\n%s", tt.since, diff)
			}
		})
	}
}

// TestChangedIndexStat: in every layout, a file whose size and time are
// those the index recorded is taken as committed without being read (as
// git status takes it), and any other is read: an edit of the same size,
// a staged edit, an edit staged and then undone.
func TestChangedIndexStat(t *testing.T) {
	for _, l := range layouts {
		t.Run(l.name, func(t *testing.T) {
			dir := l.make(t, t.TempDir())
			// The files' times are an hour before the index is written:
			// none is racy.
			file := func(name string) string { return filepath.Join(dir, "reviews", name) }
			past := time.Now().Add(-time.Hour).Truncate(time.Second)
			for _, name := range []string{"a.md", "b.md"} {
				if err := os.Chtimes(file(name), past, past); err != nil {
					t.Fatal(err)
				}
			}
			run(t, dir, "update-index", "--really-refresh")
			write(t, dir, map[string]string{"reviews/a.md": "A"}) // same size, new time
			write(t, dir, map[string]string{"reviews/b.md": "b2"})
			run(t, dir, "add", "reviews/b.md")
			write(t, dir, map[string]string{"reviews/b.md": "b"}) // staged, then undone
			r, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			got, err := r.Changed("main", "reviews")
			if err != nil {
				t.Fatal(err)
			}
			if want := []string{"reviews/a.md"}; !slices.Equal(got, want) {
				t.Errorf("Changed = %q, want %q", got, want)
			}

			// The same edit with the recorded time put back is not seen:
			// the file is not read.
			if err := os.Chtimes(file("a.md"), past, past); err != nil {
				t.Fatal(err)
			}
			got, err = r.Changed("main", "reviews")
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 0 {
				t.Errorf("Changed = %q, want none: a file as the index recorded it is not read", got)
			}
		})
	}
}
