package review

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// statDirs lists a folder as fs.ReadDir does, for os.DirFS and os.Root's
// FS alike: the same names in the same order, each with the FileInfo
// os.Lstat gives (a symlink is not followed), and more entries than a
// goroutine stats.
func TestStatDirs(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "reviews")
	for _, p := range []string{"reviews/2025-01-01-a.md", "reviews/.hidden.md", "reviews/sub/2025-01-02-b.md", "outside.md"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, p), []byte(p), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 2*statChunk + 7 {
		name := filepath.Join(dir, "many", time.Unix(int64(i)*86400, 0).UTC().Format("2006-01-02")+"-x.md")
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, make([]byte, i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("../outside.md", filepath.Join(dir, "link.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("nowhere.md", filepath.Join(dir, "dangling.md")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()

	type seen struct {
		Name    string
		Type    fs.FileMode
		Mode    fs.FileMode
		Size    int64
		ModTime time.Time
	}
	list := func(fsys fs.FS, name string) []seen {
		t.Helper()
		entries, err := fs.ReadDir(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		var out []seen
		for _, e := range entries {
			info, err := e.Info()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, seen{e.Name(), e.Type(), info.Mode(), info.Size(), info.ModTime()})
		}
		return out
	}
	for _, fsys := range []fs.FS{os.DirFS(root), r.FS()} {
		for _, name := range []string{"reviews", "reviews/many"} {
			want := list(fsys, name)
			got := list(statDirs(fsys), name)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%T %s (-fs.ReadDir +statDirs):\n%s", fsys, name, diff)
			}
			if len(got) < 6 {
				t.Errorf("%T %s: %d entries, want all of them", fsys, name, len(got))
			}
		}
	}
	// Scan lists what Entries lists: the link out of the repository, the
	// link to nothing, the hidden file and the FIFO (which a read would
	// wait on) are left out.
	entries, _, err := Entries(r.FS())
	if err != nil {
		t.Fatal(err)
	}
	states, err := Scan(r.FS(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, e := range entries {
		want = append(want, e.Path)
	}
	for _, s := range states {
		got = append(got, s.Path)
	}
	if diff := cmp.Diff(want, got); diff != "" || len(got) != 2*statChunk+10 {
		t.Errorf("Scan lists %d files (-Entries +Scan):\n%s", len(got), diff)
	}
	if _, err := fs.ReadDir(statDirs(r.FS()), "nowhere"); err == nil {
		t.Error("ReadDir of a folder that is not there: no error")
	}
}
