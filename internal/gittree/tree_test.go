package gittree

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

// TestTree reads the tree of main, after the work tree moved on, in every
// layout: the files are those of the commit, below the folder fupan is
// pointed at.
func TestTree(t *testing.T) {
	for _, l := range layouts {
		t.Run(l.name, func(t *testing.T) {
			dir := l.make(t, t.TempDir())
			run(t, dir, "checkout", "-q", "-b", "fix")
			commit(t, dir, "edit", map[string]string{"reviews/a.md": "a2", "reviews/c.md": "c"})

			r, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			c, err := Resolve(r.Git, "main")
			if err != nil {
				t.Fatal(err)
			}
			fsys, err := r.Tree(c)
			if err != nil {
				t.Fatal(err)
			}
			if err := fstest.TestFS(fsys, "reviews/a.md", "reviews/b.md"); err != nil {
				t.Error(err)
			}
			if data, err := fs.ReadFile(fsys, "reviews/a.md"); err != nil || string(data) != "a" {
				t.Errorf("reviews/a.md = %q, %v; want %q", data, err, "a")
			}
			if _, err := fs.Stat(fsys, "reviews/c.md"); err == nil {
				t.Error("reviews/c.md, added after main, is in main's tree")
			}
		})
	}
}
