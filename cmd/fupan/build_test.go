package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/google/go-cmp/cmp"

	"github.com/fupan/fupan/internal/site"
)

// buildFixture makes, under a new temporary folder top:
//
//	holder/r/       a review repository from 'fupan init', in git
//	holder/docs/    a folder of someone's documents
//	holder/file.txt a file
//	link            a symlink to holder/r
//
// and returns top and the repository.
func buildFixture(t *testing.T) (top, repo string) {
	t.Helper()
	top = t.TempDir()
	repo = filepath.Join(top, "holder", "r")
	if code, _, errOut := runCLI(t, "init", repo); code != exitOK {
		t.Fatalf("fupan init: exit %d\n%s", code, errOut)
	}
	if _, err := git.PlainInit(repo, false); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"holder/docs/notes.txt":     "my notes\n",
		"holder/docs/plans/q3.md":   "# Q3\n",
		"holder/file.txt":           "a file\n",
		"holder/r/.git/description": "the repository's own\n",
	} {
		p := filepath.Join(top, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(repo, filepath.Join(top, "link")); err != nil {
		t.Fatal(err)
	}
	return top, repo
}

// snapshot returns every file, folder and symlink under dir, by slash
// path, with its content, mode or target.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			got[rel] = "-> " + target
			return err
		case d.IsDir():
			got[rel] = info.Mode().String()
		default:
			data, err := os.ReadFile(p)
			got[rel] = info.Mode().String() + " " + string(data)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestBuildRefusesOut: a build never deletes what --out names unless it
// is empty, missing or a site fupan built; it stops before any work, with
// exit 2 and a message that names the folder, and leaves every file as it
// was.
func TestBuildRefusesOut(t *testing.T) {
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		out  string // under top unless absolute
		rel  bool   // pass out relative to the working directory
		path string // the folder the message names, under top; out when empty
		says string
	}{
		{name: "the repository", out: "holder/r", says: "is the repository"},
		{name: "the repository, relative", out: "holder/r", rel: true, says: "is the repository"},
		{name: "the repository through a symlink", out: "link", path: "holder/r", says: "is the repository"},
		{name: "the repository, from inside it", out: "holder/r/reviews/..", path: "holder/r", says: "is the repository"},
		{name: "reviews", out: "holder/r/reviews", says: "is the repository's reviews folder"},
		{name: "a new folder inside reviews", out: "holder/r/reviews/site", says: "is inside the repository's reviews folder"},
		{name: ".git", out: "holder/r/.git", says: "is the repository's .git folder"},
		{name: ".git through a symlink", out: "link/.git", path: "holder/r/.git", says: "is the repository's .git folder"},
		{name: "the folder that holds the repository", out: "holder", says: "holds the repository"},
		{name: "the folder above that", out: ".", says: "holds the repository"},
		{name: "a folder of documents", out: "holder/docs", says: "is a folder that fupan did not build (it holds notes.txt, plans/)"},
		{name: "fupan.yaml", out: "holder/r/fupan.yaml", says: "is the repository's fupan.yaml"},
		{name: "a file", out: "holder/file.txt", says: "is a file, not a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			top, repo := buildFixture(t)
			out := filepath.Join(top, filepath.FromSlash(tt.out))
			if tt.rel {
				if out, err = filepath.Rel(cwd, out); err != nil {
					t.Fatal(err)
				}
			}
			before := snapshot(t, top)

			code, stdout, stderr := runCLI(t, "build", "--repo", repo, "--out", out)
			if code != exitUsage {
				t.Errorf("exit %d, want %d\n%s", code, exitUsage, stderr)
			}
			// The message names the folder by its absolute path, symlinks
			// evaluated (a temporary folder may be under one).
			path := tt.path
			if path == "" {
				path = tt.out
			}
			real, err := filepath.EvalSymlinks(top)
			if err != nil {
				t.Fatal(err)
			}
			path = filepath.Join(real, filepath.FromSlash(path))
			for _, want := range []string{"fupan build: --out " + out + ": ", path + " " + tt.says, "choose an empty folder or a missing path"} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr does not say %q:\n%s", want, stderr)
				}
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			if diff := cmp.Diff(before, snapshot(t, top)); diff != "" {
				t.Errorf("the build changed files (-before +after):\n%s", diff)
			}
		})
	}
}

// TestBuildOut: a build writes its site, with the mark, to a missing path,
// an empty folder or a site fupan built, now or before the mark.
func TestBuildOut(t *testing.T) {
	oldSite := map[string]string{
		"index.html":              "old",
		"reviews.json":            "[]",
		"search/index/entry.json": "{}",
		"stale.html":              "old",
	}
	tests := []struct {
		name   string
		out    string            // under top; "" for the default
		before map[string]string // files under out before the build; nil for none
		builds int
	}{
		{name: "the default", out: "", builds: 2},
		{name: "missing", out: "site", builds: 1},
		{name: "missing, with missing parents", out: "a/b/site", builds: 1},
		{name: "an empty folder", out: "empty", before: map[string]string{}, builds: 1},
		{name: "a site fupan built, twice", out: "site", builds: 3},
		{name: "a site built before the mark", out: "old", before: oldSite, builds: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			top, repo := buildFixture(t)
			args := []string{"build", "--repo", repo}
			out := filepath.Join(repo, "public")
			if tt.out != "" {
				out = filepath.Join(top, filepath.FromSlash(tt.out))
				args = append(args, "--out", out)
			}
			if tt.before != nil {
				if err := os.MkdirAll(out, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			for name, data := range tt.before {
				p := filepath.Join(out, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var first map[string]string
			for i := range tt.builds {
				code, stdout, stderr := runCLI(t, append(args, "--base-url", "https://example.com/")...)
				if code != exitOK {
					t.Fatalf("build %d: exit %d\n%s", i+1, code, stderr)
				}
				if want := out + ": 1 review, "; !strings.HasPrefix(stdout, want) {
					t.Errorf("build %d: stdout = %q, want %q...", i+1, stdout, want)
				}
				got := snapshot(t, out)
				if first == nil {
					first = got
				} else if diff := cmp.Diff(first, got); diff != "" {
					t.Errorf("build %d differs from the first (-first +this):\n%s", i+1, diff)
				}
			}
			for _, name := range []string{site.Marker, "index.html", "reviews.json", "search/index/entry.json"} {
				if _, ok := first[name]; !ok {
					t.Errorf("the site has no %s", name)
				}
			}
			if _, ok := first["stale.html"]; ok {
				t.Error("stale.html survived the build")
			}
			if s := snapshot(t, filepath.Join(repo, "reviews")); len(s) != 2 {
				t.Errorf("reviews/ holds %v, want the one review", s)
			}
		})
	}
}

// TestBuildRemovesLeftovers: a build removes what builds killed before
// they finished left beside --out, and nothing else there.
func TestBuildRemovesLeftovers(t *testing.T) {
	_, repo := buildFixture(t)
	if code, _, stderr := runCLI(t, "build", "--repo", repo); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	// A build killed while it wrote, and one killed after it moved the
	// previous site aside; a folder of someone else's beside them.
	for name, data := range map[string]string{
		".public.new-2061245931/" + site.Marker: "fupan",
		".public.new-2061245931/index.html":     "half a site",
		".public.new-17.old/index.html":         "the previous site",
		".public.new-17.old/reviews.json":       "[]",
		".public.new-notes/a.txt":               "mine",
	} {
		p := filepath.Join(repo, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := snapshot(t, filepath.Join(repo, ".public.new-notes"))

	if code, _, stderr := runCLI(t, "build", "--repo", repo); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	for _, name := range []string{".public.new-2061245931", ".public.new-17.old"} {
		if _, err := os.Lstat(filepath.Join(repo, name)); err == nil {
			t.Errorf("%s is still there", name)
		}
	}
	if diff := cmp.Diff(before, snapshot(t, filepath.Join(repo, ".public.new-notes"))); diff != "" {
		t.Errorf(".public.new-notes changed (-before +after):\n%s", diff)
	}
	if _, err := os.Stat(filepath.Join(repo, "public", site.Marker)); err != nil {
		t.Errorf("no site: %v", err)
	}
}
