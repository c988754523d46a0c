package site

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// files returns the site files of tree (Marker left out).
func filesOf(tree map[string]string) Files {
	f := Files{}
	for name, data := range tree {
		if name != Marker {
			f[name] = []byte(data)
		}
	}
	return f
}

// withMarker returns tree with Marker, as a site folder holds it.
func withMarker(tree map[string]string) map[string]string {
	out := map[string]string{Marker: markerText}
	for name, data := range tree {
		out[name] = data
	}
	return out
}

// TestSpare: three sites written one after the other with a spare
// folder: the third is written into the first, recycled, and is byte for
// byte the site, whatever was done to the spare meanwhile; the second is
// then the spare, unchanged, and nothing else is left beside the site.
func TestSpare(t *testing.T) {
	siteA := map[string]string{"index.html": "A", "same.html": "same", "kept.html": "kept A", "a/only.html": "A only", "file-then-dir": "file", "dir-then-file/x.html": "x"}
	siteB := map[string]string{"index.html": "B", "same.html": "same", "kept.html": "kept A", "b/only.html": "B only", "file-then-dir": "file", "dir-then-file/x.html": "x"}
	siteC := map[string]string{"index.html": "C", "same.html": "same", "kept.html": "kept C", "a/only.html": "A only", "c/d/e.html": "C deep", "file-then-dir/y.html": "y", "dir-then-file": "file"}
	for _, tt := range []struct {
		name   string
		tamper func(t *testing.T, spare string)
		reused bool // whether a/only.html is the spare's own file
	}{
		{name: "as kept", reused: true},
		{name: "a file edited by hand", reused: true, tamper: func(t *testing.T, spare string) {
			writeTree(t, spare, map[string]string{"index.html": "X"})
		}},
		{name: "a file edited by hand, same size", tamper: func(t *testing.T, spare string) {
			p := filepath.Join(spare, "a", "only.html")
			writeTree(t, spare, map[string]string{"a/only.html": "a ONLY"})
			// Later, as an edit by hand is.
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(p, later, later); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "files, folders and links added", reused: true, tamper: func(t *testing.T, spare string) {
			writeTree(t, spare, map[string]string{"extra.html": "extra", "x/y/z.html": "z", "c/d/": "", "link": "-> index.html", "c/link": "-> ../same.html"})
		}},
		{name: "a file removed", tamper: func(t *testing.T, spare string) {
			if err := os.Remove(filepath.Join(spare, "a", "only.html")); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "missing", tamper: func(t *testing.T, spare string) {
			if err := os.RemoveAll(spare); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "a file where the folder was", tamper: func(t *testing.T, spare string) {
			if err := os.RemoveAll(spare); err != nil {
				t.Fatal(err)
			}
			writeTree(t, spare, map[string]string{"a": "nothing like it"})
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dir, spare := filepath.Join(parent, "public"), filepath.Join(parent, "state", "spare")
			if err := os.Mkdir(filepath.Dir(spare), 0o755); err != nil {
				t.Fatal(err)
			}
			mA, err := writeSite(dir, "", spare, filesOf(siteA), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if mA.Spare != nil {
				t.Errorf("a first site keeps a spare of %d files", len(mA.Spare))
			}
			// B keeps kept.html from A: a link, which C must not write into.
			fB := filesOf(siteB)
			delete(fB, "kept.html")
			mB, err := writeSite(dir, "", spare, fB, []string{"kept.html"}, mA)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(withMarker(siteA), readTree(t, spare)); diff != "" {
				t.Fatalf("the spare after B (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(mA.Files, mB.Spare); diff != "" {
				t.Errorf("the manifest's spare (-want +got):\n%s", diff)
			}
			// Open, so that its inode is not another file's meanwhile.
			var sameBefore os.FileInfo
			if f, err := os.Open(filepath.Join(spare, "a", "only.html")); err == nil {
				defer f.Close()
				sameBefore, _ = f.Stat()
			}
			if tt.tamper != nil {
				tt.tamper(t, spare)
			}
			mC, err := writeSite(dir, "", spare, filesOf(siteC), nil, mB)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(withMarker(siteC), readTree(t, dir)); diff != "" {
				t.Errorf("the site (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(withMarker(siteB), readTree(t, spare)); diff != "" {
				t.Errorf("the spare after C (-want +got):\n%s", diff)
			}
			if got := entries(t, parent); !slices.Equal(got, []string{"public", "state"}) {
				t.Errorf("beside the site: %q", got)
			}
			sameAfter, _ := os.Stat(filepath.Join(dir, "a", "only.html"))
			if got := sameBefore != nil && sameAfter != nil && os.SameFile(sameBefore, sameAfter); got != tt.reused {
				t.Errorf("a/only.html is the spare's file: %v, want %v", got, tt.reused)
			}
			// The manifest says what the site holds.
			if !mC.Intact(dir) {
				t.Error("the manifest of C does not describe the site")
			}
		})
	}
}

// TestSpareFailed: a build that fails after it took the spare leaves the
// site as it was, and the next build writes it whole.
func TestSpareFailed(t *testing.T) {
	parent := t.TempDir()
	dir, spare := filepath.Join(parent, "public"), filepath.Join(parent, "spare")
	siteA := map[string]string{"index.html": "A", "k.html": "k"}
	siteB := map[string]string{"index.html": "B", "k.html": "k"}
	mB := writeTwo(t, dir, spare, siteA, siteB)
	// A kept file changed in the site since: nothing is written.
	writeTree(t, dir, map[string]string{"k.html": "K"})
	_, err := writeSite(dir, "", spare, Files{"index.html": []byte("C")}, []string{"k.html"}, mB)
	if !errors.Is(err, ErrKeptChanged) {
		t.Fatalf("got %v, want ErrKeptChanged", err)
	}
	want := withMarker(map[string]string{"index.html": "B", "k.html": "K"})
	if diff := cmp.Diff(want, readTree(t, dir)); diff != "" {
		t.Errorf("the site after the failed build (-want +got):\n%s", diff)
	}
	if got := entries(t, parent); !slices.Equal(got, []string{"public"}) {
		t.Errorf("beside the site after the failed build: %q", got)
	}
	siteC := map[string]string{"index.html": "C", "k.html": "k"}
	if _, err := writeSite(dir, "", spare, filesOf(siteC), nil, mB); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(withMarker(siteC), readTree(t, dir)); diff != "" {
		t.Errorf("the site (-want +got):\n%s", diff)
	}
}

// TestMovedLinked: a file whose content the last site has under another
// name (a folder named for its content, renamed) is linked from there,
// not written again.
func TestMovedLinked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	m, err := writeSite(dir, "", "", Files{"s.aaa/0.json": []byte("zero"), "s.aaa/1.json": []byte("one")}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "s.aaa", "0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	before, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"s.bbb/0.json": "zero", "s.bbb/1.json": "uno"}
	if _, err := writeSite(dir, "", "", filesOf(want), nil, m); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(withMarker(want), readTree(t, dir)); diff != "" {
		t.Errorf("the site (-want +got):\n%s", diff)
	}
	after, err := os.Stat(filepath.Join(dir, "s.bbb", "0.json"))
	if err != nil || !os.SameFile(before, after) {
		t.Errorf("s.bbb/0.json is not s.aaa/0.json linked (%v)", err)
	}
}
