package site

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestManifestRoundTrip(t *testing.T) {
	m := &Manifest{Key: "k1", Summary: "3 reviews,\tfiles", Files: map[string]Stamp{
		"index.html":            {10, 1796095098152720604, hashOf([]byte("0123456789"))},
		"tags/a\tb/index.html":  {0, 1, hashOf(nil)},
		`"quoted"/index.html`:   {2, 3, hashOf([]byte("ab"))},
		"reviews/中文/index.html": {4, 5, hashOf([]byte("abcd"))},
	}, Base: "b1", Reviews: map[string]Record{
		"reviews/2025-01-02-a.md":      {ID: "2025-01-02-a", Hash: hashOf([]byte("a")), History: hashOf([]byte("h")), Related: "2025-01-03-b declared\n2025-01-04-c exceptions/x/X\n", JSON: [2]int{10, 20}},
		"reviews/x\ty/2025-01-03-b.md": {ID: "2025-01-03-b", Hash: hashOf([]byte("b"))},
		`reviews/"q".md`:               {ID: `"q"`, Hash: hashOf([]byte("q")), Related: "\"quoted\" key"},
	}, Dirs: map[string]int64{"tags": 7, "tags/a\tb": -8, "reviews/中文": 1796095098152720604},
		SpareDirs: map[string]int64{"tags": 9}}
	name := filepath.Join(t.TempDir(), "state", "site")
	if err := m.Write(name); err != nil {
		t.Fatal(err)
	}
	got, err := ReadManifest(name)
	if err != nil {
		t.Fatal(err)
	}
	want := *m
	want.Summary = "3 reviews, files" // one field: the tab is a space
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("read back (-want +got):\n%s", diff)
	}
}

func TestReadManifestDamaged(t *testing.T) {
	m := &Manifest{Key: "k", Files: map[string]Stamp{"index.html": {1, 2, hashOf([]byte("x"))}}}
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole")
	if err := m.Write(whole); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(whole)
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string]string{
		"cut short":     string(data[:len(data)-4]),
		"other version": "fupan site manifest v0\nend\n",
		"bad size":      "fupan site manifest v1\nfile\tindex.html\tX\t2\t" + hashOf(nil) + "\nend\n",
		"bad path":      "fupan site manifest v1\nfile\t../up\t1\t2\t" + hashOf(nil) + "\nend\n",
		"after the end": string(data) + "file\n",
		"nospare alone": "fupan site manifest v4\nnospare\tindex.html\nend\n",
		"bad nospare":   "fupan site manifest v4\nsparefiles\nnospare\t../up\nend\n",
		"newer version": "fupan site manifest v6\nend\n",
		"bad dir time":  "fupan site manifest v5\ndir\ttags\tX\nend\n",
		"dir root":      "fupan site manifest v5\ndir\t.\t1\nend\n",
		"bad sparedir":  "fupan site manifest v5\nsparedir\t../up\t1\nend\n",
		"empty":         "",
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, "bad")
			if err := os.WriteFile(p, []byte(bad), 0o644); err != nil {
				t.Fatal(err)
			}
			m, err := ReadManifest(p)
			if m != nil || !errors.Is(err, ErrDamagedManifest) {
				t.Errorf("ReadManifest = %v, %v; want nil and ErrDamagedManifest", m, err)
			}
		})
	}
	if m, err := ReadManifest(filepath.Join(dir, "missing")); m != nil || err != nil {
		t.Errorf("a missing manifest: %v, %v; want nil, nil", m, err)
	}
}

// TestManifestSpare: the spare files are written as the difference from
// the files, and read back as they were; a v3 manifest, with every spare
// file on its line, still reads.
func TestManifestSpare(t *testing.T) {
	h := func(s string) string { return hashOf([]byte(s)) }
	files := map[string]Stamp{"index.html": {1, 2, h("a")}, "b/index.html": {3, 4, h("b")}, "new.html": {5, 6, h("n")}}
	for name, spare := range map[string]map[string]Stamp{
		"none":  nil,
		"empty": {},
		"same":  {"index.html": {1, 2, h("a")}, "b/index.html": {3, 4, h("b")}, "new.html": {5, 6, h("n")}},
		"mixed": {"index.html": {1, 2, h("a")}, "b/index.html": {3, 9, h("old")}, "gone\t.html": {7, 8, h("g")}},
	} {
		t.Run(name, func(t *testing.T) {
			m := &Manifest{Key: "k", Files: files, Spare: spare}
			p := filepath.Join(t.TempDir(), "site")
			if err := m.Write(p); err != nil {
				t.Fatal(err)
			}
			got, err := ReadManifest(p)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(m, got); diff != "" {
				t.Errorf("read back (-want +got):\n%s", diff)
			}
		})
	}
	v3 := "fupan site manifest v3\nkey\tk\nfile\tindex.html\t1\t2\t" + h("a") + "\nspare\tindex.html\t1\t3\t" + h("a") + "\nend\n"
	got, err := parseManifest([]byte(v3))
	if err != nil {
		t.Fatal(err)
	}
	want := &Manifest{Key: "k", Files: map[string]Stamp{"index.html": {1, 2, h("a")}}, Spare: map[string]Stamp{"index.html": {1, 3, h("a")}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("v3 (-want +got):\n%s", diff)
	}
}

// A manifest parses into one that writes and parses to itself, or is an
// error: never a panic.
func FuzzManifest(f *testing.F) {
	f.Add([]byte("fupan site manifest v1\nkey\tk\nsummary\ts\nfile\tindex.html\t1\t2\t" + hashOf(nil) + "\nend\n"))
	f.Add([]byte("fupan site manifest v1\nend\n"))
	f.Add([]byte("fupan site manifest v4\nfile\ta\t1\t2\t" + hashOf(nil) + "\nsparefiles\nnospare\ta\nspare\tb\t1\t2\t" + hashOf(nil) + "\nend\n"))
	f.Add([]byte("fupan site manifest v1\nfile\t\"a\\tb\"\t1\t2\t" + hashOf(nil) + "\nend\n"))
	f.Add([]byte("fupan site manifest v5\nfile\ta/b\t1\t2\t" + hashOf(nil) + "\ndir\ta\t3\nsparedir\ta\t-4\nend\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := parseManifest(data)
		if err != nil {
			return
		}
		name := filepath.Join(t.TempDir(), "site")
		if err := m.Write(name); err != nil {
			t.Fatal(err)
		}
		again, err := ReadManifest(name)
		if err != nil {
			t.Fatalf("a manifest written again does not read: %v", err)
		}
		if diff := cmp.Diff(m, again); diff != "" {
			t.Errorf("written and read again (-first +again):\n%s", diff)
		}
	})
}
