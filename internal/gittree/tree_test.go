package gittree

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/sync/errgroup"
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

			fsys := mainTree(t, dir)
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

// TestTreeConcurrent reads a commit's files from many goroutines at once,
// as check and the search index read reviews: go-git's trees build their
// maps on first use, and were written by two readers at once ("concurrent
// map writes"). Run with -race to see a race at once.
func TestTreeConcurrent(t *testing.T) {
	dir := t.TempDir()
	run(t, dir, "init", "-q", "-b", "main")
	files := map[string]string{}
	var names []string
	for i := range 300 {
		name := fmt.Sprintf("reviews/%d/2026-01-%02d-r%03d.md", 2020+i%5, 1+i%28, i)
		files[name] = strings.Repeat(name, 20)
		names = append(names, name)
	}
	commit(t, dir, "reviews", files)
	fsys := mainTree(t, dir)
	var g errgroup.Group
	for w := range 8 {
		g.Go(func() error {
			for i := range names {
				name := names[(i+w*37)%len(names)]
				data, err := fs.ReadFile(fsys, name)
				if err != nil {
					return err
				}
				if string(data) != files[name] {
					return fmt.Errorf("%s: read %d bytes, not its content", name, len(data))
				}
				if _, err := fs.Stat(fsys, path.Dir(name)); err != nil {
					return err
				}
				es, err := fs.ReadDir(fsys, path.Dir(name))
				if err != nil {
					return err
				}
				if _, err := es[0].Info(); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
}

// mainTree returns the tree of the branch main of the repository in dir.
func mainTree(t *testing.T, dir string) fs.FS {
	t.Helper()
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
	return fsys
}
