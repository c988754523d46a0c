package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// folderTimes returns the time of each folder under dir but dir itself,
// by slash path.
func folderTimes(t *testing.T, dir string) map[string]int64 {
	t.Helper()
	times := map[string]int64{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() || p == dir {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		times[filepath.ToSlash(rel)] = info.ModTime().UnixNano()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return times
}

// writeTwo writes the site a, then b, to dir with the spare folder spare,
// and returns the manifest of b.
func writeTwo(t *testing.T, dir, spare string, a, b map[string]string) *Manifest {
	t.Helper()
	mA, err := writeSite(dir, "", spare, filesOf(a), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	mB, err := writeSite(dir, "", spare, filesOf(b), nil, mA)
	if err != nil {
		t.Fatal(err)
	}
	return mB
}

// TestSpareDirTimes: each manifest of a run of builds that recycle their
// spare stamps every folder of its site, and of its spare, with the time
// it has: written, recycled as stamped, or recycled and changed.
func TestSpareDirTimes(t *testing.T) {
	parent := t.TempDir()
	dir, spare := filepath.Join(parent, "public"), filepath.Join(parent, "spare")
	sites := []map[string]string{
		{"index.html": "A", "a/b/c.html": "c", "a/d.html": "d", "e/f.html": "f"},
		{"index.html": "B", "a/b/c.html": "c", "a/d.html": "d", "g/h.html": "h"},
		{"index.html": "C", "a/b/c.html": "c", "a/d.html": "D", "e/f.html": "f", "e/x/y.html": "y"},
		{"index.html": "D", "a/b/c.html": "c", "a/d.html": "D", "e/f.html": "f"},
		{"index.html": "E", "a/b/c.html": "c", "a/d.html": "D"},
	}
	var m *Manifest
	for i, tree := range sites {
		var err error
		if m, err = writeSite(dir, "", spare, filesOf(tree), nil, m); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(withMarker(tree), readTree(t, dir)); diff != "" {
			t.Fatalf("site %d (-want +got):\n%s", i, diff)
		}
		if diff := cmp.Diff(folderTimes(t, dir), m.Dirs); diff != "" {
			t.Errorf("site %d: the manifest's folders (-now +stamped):\n%s", i, diff)
		}
		if i > 0 {
			if diff := cmp.Diff(folderTimes(t, spare), m.SpareDirs); diff != "" {
				t.Errorf("site %d: the manifest's spare folders (-now +stamped):\n%s", i, diff)
			}
		}
	}
}

// TestSpareStampedFolder: a folder of the spare whose time is its stamp
// is taken to hold what its manifest says, and is not listed; one whose
// time changed (a file added to it by hand) is listed, and what it holds
// that the site does not is removed.
func TestSpareStampedFolder(t *testing.T) {
	siteA := map[string]string{"index.html": "A", "a/b.html": "b", "a/c/d.html": "d"}
	siteB := map[string]string{"index.html": "B", "a/b.html": "b", "a/c/d.html": "d"}
	siteC := map[string]string{"index.html": "C", "a/b.html": "b", "a/c/d.html": "d"}
	for _, tt := range []struct {
		name      string
		timeAgain bool // the folder's time set back to its stamp after the file is added
		want      map[string]string
	}{
		{name: "changed", want: siteC},
		{name: "time set back", timeAgain: true, want: map[string]string{"index.html": "C", "a/b.html": "b", "a/c/d.html": "d", "a/c/extra.html": "extra"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dir, spare := filepath.Join(parent, "public"), filepath.Join(parent, "spare")
			mB := writeTwo(t, dir, spare, siteA, siteB)
			// An hour later, as an edit by hand is, so that the folder's
			// time changes even where times are coarse.
			folder := filepath.Join(spare, "a", "c")
			writeTree(t, spare, map[string]string{"a/c/extra.html": "extra"})
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(folder, later, later); err != nil {
				t.Fatal(err)
			}
			if tt.timeAgain {
				stamp := time.Unix(0, mB.SpareDirs["a/c"])
				if err := os.Chtimes(folder, stamp, stamp); err != nil {
					t.Fatal(err)
				}
			}
			mC, err := writeSite(dir, "", spare, filesOf(siteC), nil, mB)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(withMarker(tt.want), readTree(t, dir)); diff != "" {
				t.Errorf("the site (-want +got):\n%s", diff)
			}
			if !tt.timeAgain && !mC.Intact(dir) {
				t.Error("the manifest of C does not describe the site")
			}
		})
	}
}

// TestSpareStampedFolderTampered: in a folder of the spare whose time is
// set back to its stamp, nothing is kept that its own stamp does not
// hold: a file replaced by another of the same size, a file or a folder
// replaced by a link (which is not followed: what it points to is left
// as it was).
func TestSpareStampedFolderTampered(t *testing.T) {
	siteA := map[string]string{"index.html": "A", "a/b.html": "b", "a/c/d.html": "d"}
	siteB := map[string]string{"index.html": "B", "a/b.html": "b", "a/c/d.html": "d"}
	siteC := map[string]string{"index.html": "C", "a/b.html": "b", "a/c/d.html": "d"}
	outside := map[string]string{"d.html": "d", "c/d.html": "d"}
	for _, tt := range []struct {
		name   string
		folder string // whose time is set back
		tamper func(t *testing.T, spare, elsewhere string)
	}{
		{name: "file replaced, same size", folder: "a/c", tamper: func(t *testing.T, spare, _ string) {
			p := filepath.Join(spare, "a", "c", "d.html")
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			writeTree(t, spare, map[string]string{"a/c/d.html": "x"})
		}},
		{name: "file made a link", folder: "a/c", tamper: func(t *testing.T, spare, elsewhere string) {
			p := filepath.Join(spare, "a", "c", "d.html")
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.Join(elsewhere, "d.html"), p); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "folder made a link", folder: "a", tamper: func(t *testing.T, spare, elsewhere string) {
			p := filepath.Join(spare, "a", "c")
			if err := os.RemoveAll(p); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.Join(elsewhere, "c"), p); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dir, spare := filepath.Join(parent, "public"), filepath.Join(parent, "spare")
			elsewhere := filepath.Join(parent, "elsewhere")
			writeTree(t, elsewhere, outside)
			mB := writeTwo(t, dir, spare, siteA, siteB)
			tt.tamper(t, spare, elsewhere)
			stamp := time.Unix(0, mB.SpareDirs[tt.folder])
			if err := os.Chtimes(filepath.Join(spare, filepath.FromSlash(tt.folder)), stamp, stamp); err != nil {
				t.Fatal(err)
			}
			mC, err := writeSite(dir, "", spare, filesOf(siteC), nil, mB)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(withMarker(siteC), readTree(t, dir)); diff != "" {
				t.Errorf("the site (-want +got):\n%s", diff)
			}
			if !mC.Intact(dir) {
				t.Error("the manifest of C does not describe the site")
			}
			if diff := cmp.Diff(outside, readTree(t, elsewhere)); diff != "" {
				t.Errorf("what the link pointed to (-want +got):\n%s", diff)
			}
		})
	}
}
