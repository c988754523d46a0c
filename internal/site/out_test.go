package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTree makes the files of tree under dir: a path ending in "/" is a
// folder, "-> target" a symlink.
func writeTree(t *testing.T, dir string, tree map[string]string) {
	t.Helper()
	for name, data := range tree {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		var err error
		switch {
		case strings.HasSuffix(name, "/"):
			err = os.MkdirAll(p, 0o755)
		case strings.HasPrefix(data, "-> "):
			err = os.Symlink(filepath.FromSlash(data[3:]), p)
		default:
			err = os.WriteFile(p, []byte(data), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestCheckOut(t *testing.T) {
	top := t.TempDir()
	writeTree(t, top, map[string]string{
		"holder/r/fupan.yaml":              "title: x\n",
		"holder/r/reviews/2025-01-01-a.md": "---\n",
		"holder/r/.git/HEAD":               "ref: refs/heads/main\n",
		"holder/r/public/" + Marker:        markerText,
		"holder/r/public/index.html":       "site",
		"holder/docs/a.txt":                "mine",
		"holder/docs/b/c.txt":              "mine",
		"holder/file.txt":                  "mine",
		"empty/":                           "",
		"old/index.html":                   "site",
		"old/reviews.json":                 "[]",
		"old/search/index/entry.json":      "{}",
		"almost/index.html":                "mine",
		"almost/reviews.json":              "[]",
		"markdir/" + Marker + "/":          "",
		"link":                             "-> holder/r",
		"linkreviews":                      "-> holder/r/reviews",
		"dangling":                         "-> nowhere",
		"linksite":                         "-> holder/r/public",
		"many/1.txt":                       "1",
		"many/2.txt":                       "2",
		"many/3/4.txt":                     "4",
		"many/5/6.txt":                     "6",
		"many/7/8/9.md":                    "9",
	})
	repo := filepath.Join(top, "holder", "r")
	tests := []struct {
		name, out, repo string
		want            string // what the error says; "" for none
		protected       bool
	}{
		{name: "missing", out: "holder/r/public2", repo: repo},
		{name: "missing with missing parents", out: "a/b/c", repo: repo},
		{name: "empty folder", out: "empty", repo: repo},
		{name: "marked site", out: "holder/r/public", repo: repo},
		{name: "marked site through a symlink", out: "linksite", repo: repo},
		{name: "site without the mark", out: "old", repo: repo},
		{name: "no repository", out: "empty", repo: ""},

		{name: "the repository", out: "holder/r", repo: repo, want: "is the repository", protected: true},
		{name: "the repository, unclean", out: "holder/r/reviews/..", repo: repo, want: "is the repository", protected: true},
		{name: "the repository through a symlink", out: "link", repo: repo, want: "is the repository", protected: true},
		{name: "the repository given through a symlink", out: "holder/r", repo: filepath.Join(top, "link"), want: "is the repository", protected: true},
		{name: "the folder that holds the repository", out: "holder", repo: repo, want: "holds the repository", protected: true},
		{name: "the root", out: "/", repo: repo, want: "holds the repository", protected: true},
		{name: "reviews", out: "holder/r/reviews", repo: repo, want: "is the repository's reviews folder", protected: true},
		{name: "inside reviews, missing", out: "holder/r/reviews/site", repo: repo, want: "is inside the repository's reviews folder", protected: true},
		{name: "inside reviews through a symlink", out: "linkreviews/site", repo: repo, want: "is inside the repository's reviews folder", protected: true},
		{name: ".git", out: "holder/r/.git", repo: repo, want: "is the repository's .git folder", protected: true},
		{name: "inside .git", out: "link/.git/site", repo: repo, want: "is inside the repository's .git folder", protected: true},
		{name: "a folder of documents", out: "holder/docs", repo: repo, want: "is a folder that fupan did not build (it holds a.txt, b/)"},
		{name: "a folder of many documents", out: "many", repo: repo, want: "(it holds 1.txt, 2.txt, 3/ and 2 more)"},
		{name: "half an old site", out: "almost", repo: repo, want: "is a folder that fupan did not build"},
		{name: "a folder named as the mark", out: "markdir", repo: repo, want: "is a folder that fupan did not build"},
		{name: "fupan.yaml", out: "holder/r/fupan.yaml", repo: repo, want: "is the repository's fupan.yaml", protected: true},
		{name: "a file", out: "holder/file.txt", repo: repo, want: "is a file, not a folder"},
		{name: "a dangling symlink", out: "dangling", repo: repo, want: "is a symbolic link to a missing path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := tt.out
			if !filepath.IsAbs(out) {
				out = filepath.Join(top, filepath.FromSlash(out))
			}
			err := CheckOut(out, tt.repo)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("CheckOut(%s) = %v, want no error", tt.out, err)
				}
				return
			}
			var oe *OutError
			if !errors.As(err, &oe) {
				t.Fatalf("CheckOut(%s) = %v, want an *OutError", tt.out, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("CheckOut(%s) = %q, want it to say %q", tt.out, err, tt.want)
			}
			if oe.Protected != tt.protected {
				t.Errorf("Protected = %v, want %v", oe.Protected, tt.protected)
			}
			if want, _ := resolve(out); oe.Path != want || !strings.Contains(err.Error(), want) {
				t.Errorf("the error names %q, want %q", oe.Path, want)
			}
			if got := strings.Contains(err.Error(), "delete "+oe.Path+" yourself"); got == tt.protected {
				t.Errorf("the error offers to delete it yourself: %v, want %v: %s", got, !tt.protected, err)
			}
		})
	}
}

// TestWriteDirRefuses: WriteDir checks the folder itself, and leaves a
// refused one as it was.
func TestWriteDirRefuses(t *testing.T) {
	top := t.TempDir()
	writeTree(t, top, map[string]string{"docs/a.txt": "mine", "r/reviews/2025-01-01-a.md": "---\n"})
	files := Files{"index.html": []byte("site")}
	for _, tt := range []struct{ out, repo string }{
		{filepath.Join(top, "docs"), ""},
		{filepath.Join(top, "r"), filepath.Join(top, "r")},
		{filepath.Join(top, "r", "reviews"), filepath.Join(top, "r")},
	} {
		var oe *OutError
		if err := files.WriteDir(tt.out, tt.repo); !errors.As(err, &oe) {
			t.Errorf("WriteDir(%s) = %v, want an *OutError", tt.out, err)
		}
	}
	for name, want := range map[string]string{"docs/a.txt": "mine", "r/reviews/2025-01-01-a.md": "---\n"} {
		if got, err := os.ReadFile(filepath.Join(top, name)); err != nil || string(got) != want {
			t.Errorf("%s = %q, %v after a refused write, want %q", name, got, err, want)
		}
	}
	if entries, _ := os.ReadDir(top); len(entries) != 2 {
		t.Errorf("top holds %d entries, want the 2 it had", len(entries))
	}
}

// TestWriteDirMarks: every written site holds the mark, and a rebuild
// replaces a marked site, a site written before the mark, an empty folder,
// or a folder through "." and "..".
func TestWriteDirMarks(t *testing.T) {
	top := t.TempDir()
	writeTree(t, top, map[string]string{
		"old/index.html":              "old",
		"old/reviews.json":            "[]",
		"old/search/index/entry.json": "{}",
		"old/stale.html":              "old",
		"empty/":                      "",
	})
	files := Files{"index.html": []byte("new")}
	for _, out := range []string{"missing/site", "missing/site", "old", "empty", "empty/../empty/."} {
		p := filepath.Join(top, out)
		if err := files.WriteDir(p, ""); err != nil {
			t.Fatalf("WriteDir(%s): %v", out, err)
		}
		if got, err := os.ReadFile(filepath.Join(p, Marker)); err != nil || string(got) != markerText {
			t.Errorf("%s/%s = %q, %v, want the mark", out, Marker, got, err)
		}
		if got, _ := os.ReadFile(filepath.Join(p, "index.html")); string(got) != "new" {
			t.Errorf("%s/index.html = %q, want %q", out, got, "new")
		}
	}
	if _, err := os.Stat(filepath.Join(top, "old", "stale.html")); err == nil {
		t.Error("old/stale.html survived a rebuild")
	}
	if err := (Files{Marker: []byte("x")}).WriteDir(filepath.Join(top, "empty"), ""); err == nil {
		t.Errorf("WriteDir of a site with a file named %s succeeded", Marker)
	}
}
