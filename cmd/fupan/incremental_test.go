package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestBuildIncremental: a build after a change, from the last build's
// .fupan/site and --out, writes a site byte-identical to a build from
// nothing into a new folder; the files it did not need to write are the
// last site's (the same inode, carried over by a hard link); a build with
// nothing changed builds nothing and says so.
func TestBuildIncremental(t *testing.T) {
	const edited = "reviews/2025-03-18-profile-cache-redis-timeout.md"
	tests := []struct {
		name   string
		change func(t *testing.T, repo, theme string)
		same   string // a file of the site that the change leaves as it was ("" for none)
	}{
		{"nothing", func(*testing.T, string, string) {}, "index.html"},
		{"edit", func(t *testing.T, repo, _ string) {
			appendFile(t, filepath.Join(repo, edited), "\nA flamingo walked through the data centre.\n")
		}, "assets/style.css"},
		{"touch", func(t *testing.T, repo, _ string) {
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(filepath.Join(repo, edited), later, later); err != nil {
				t.Fatal(err)
			}
		}, "index.html"},
		{"add", func(t *testing.T, repo, _ string) {
			write(t, filepath.Join(repo, "reviews", "2026-10-01-zanzibar-quota.md"),
				"---\ntitle: Zanzibar quota exhausted\ndate: 2026-10-01\nstatus: draft\nseverity: SEV3\nservices: [order-api]\nsummary: For 3 minutes 2% of calls failed with ZanzibarQuotaError.\n---\nBody.\n")
		}, "assets/site.js"},
		{"delete", func(t *testing.T, repo, _ string) {
			if err := os.Remove(filepath.Join(repo, filepath.FromSlash(staleDNS))); err != nil {
				t.Fatal(err)
			}
		}, "assets/site.js"},
		{"rename", func(t *testing.T, repo, _ string) {
			from := filepath.Join(repo, filepath.FromSlash(edited))
			if err := os.Rename(from, strings.Replace(from, "profile-cache", "profile-cache-renamed", 1)); err != nil {
				t.Fatal(err)
			}
		}, "assets/site.js"},
		{"move into a folder", func(t *testing.T, repo, _ string) {
			from := filepath.Join(repo, filepath.FromSlash(edited))
			if err := os.MkdirAll(filepath.Join(repo, "reviews", "2025"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(from, filepath.Join(repo, "reviews", "2025", filepath.Base(from))); err != nil {
				t.Fatal(err)
			}
		}, ""},
		{"fupan.yaml", func(t *testing.T, repo, _ string) {
			appendFile(t, filepath.Join(repo, "fupan.yaml"), "\ntitle: Flamingo reviews\n")
		}, "assets/site.js"},
		{"theme", func(t *testing.T, _, theme string) {
			write(t, filepath.Join(theme, "static", "style.css"), "body { color: rebeccapurple }\n")
		}, "reviews.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo := writeRepo(t)
			write(t, filepath.Join(repo, "fupan.yaml"), "language: en\n")
			commit(t, repo)
			theme := filepath.Join(t.TempDir(), "theme")
			if err := os.MkdirAll(filepath.Join(theme, "static"), 0o755); err != nil {
				t.Fatal(err)
			}
			write(t, filepath.Join(theme, "static", "style.css"), "body { color: teal }\n")
			out := filepath.Join(t.TempDir(), "site")
			build := func(out string) string {
				t.Helper()
				code, stdout, stderr := runCLI(t, "build", "--repo", repo, "--out", out, "--theme", theme)
				if code != exitOK {
					t.Fatalf("fupan build: exit %d\n%s", code, stderr)
				}
				return stdout
			}
			build(out)
			var before os.FileInfo
			if tt.same != "" {
				var err error
				if before, err = os.Stat(filepath.Join(out, filepath.FromSlash(tt.same))); err != nil {
					t.Fatal(err)
				}
			}

			tt.change(t, repo, theme)
			said := build(out)
			if nothing := strings.Contains(said, "nothing changed"); nothing != (tt.name == "nothing" || tt.name == "touch") {
				t.Errorf("the build after the change said %q", said)
			}
			if before != nil {
				after, err := os.Stat(filepath.Join(out, filepath.FromSlash(tt.same)))
				if err != nil {
					t.Fatal(err)
				}
				if !os.SameFile(before, after) {
					t.Errorf("%s was written again; want it carried over from the last site", tt.same)
				}
			}

			// From nothing: no manifest, no search export cache, a new
			// folder.
			if err := os.Remove(filepath.Join(repo, stateDir, "site")); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(filepath.Join(repo, stateDir, "search-export")); err != nil {
				t.Fatal(err)
			}
			full := filepath.Join(t.TempDir(), "full")
			build(full)
			if diff := cmp.Diff(snapshot(t, full), snapshot(t, out)); diff != "" {
				t.Errorf("the incremental site differs from a full build (-full +incremental):\n%s", diff)
			}
		})
	}
}

// A site changed by hand after the build is not trusted: the next build
// writes it again, the same as a full build.
func TestBuildIncrementalSiteChanged(t *testing.T) {
	repo := writeRepo(t)
	out := filepath.Join(t.TempDir(), "site")
	for i, change := range []func(){
		func() { appendFile(t, filepath.Join(out, "index.html"), "<!-- by hand -->") },
		func() { write(t, filepath.Join(out, "extra.html"), "by hand") },
		func() {
			if err := os.Remove(filepath.Join(out, "reviews.json")); err != nil {
				t.Fatal(err)
			}
		},
	} {
		if code, _, stderr := runCLI(t, "build", "--repo", repo, "--out", out); code != exitOK {
			t.Fatalf("fupan build: exit %d\n%s", code, stderr)
		}
		want := snapshot(t, out)
		change()
		code, stdout, stderr := runCLI(t, "build", "--repo", repo, "--out", out)
		if code != exitOK {
			t.Fatalf("fupan build: exit %d\n%s", code, stderr)
		}
		if strings.Contains(stdout, "nothing changed") {
			t.Errorf("change %d: the build said %q, want a build", i, stdout)
		}
		if diff := cmp.Diff(want, snapshot(t, out)); diff != "" {
			t.Errorf("change %d: the site differs from the build before (-want +got):\n%s", i, diff)
		}
	}
}

// appendFile appends s to the file name.
func appendFile(t *testing.T, name, s string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	write(t, name, string(data)+s)
}

// A site whose files have other times but the same content (a CI cache
// restored with times cut to the second) is the last build's: a build
// with nothing changed builds nothing.
func TestBuildIncrementalTimesChanged(t *testing.T) {
	repo := writeRepo(t)
	out := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := runCLI(t, "build", "--repo", repo, "--out", out); code != exitOK {
		t.Fatalf("fupan build: exit %d\n%s", code, stderr)
	}
	want := snapshot(t, out)
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		cut := info.ModTime().Truncate(time.Second).Add(-time.Minute)
		return os.Chtimes(p, cut, cut)
	})
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "build", "--repo", repo, "--out", out)
	if code != exitOK {
		t.Fatalf("fupan build: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "nothing changed") {
		t.Errorf("the build said %q, want nothing changed", stdout)
	}
	if diff := cmp.Diff(want, snapshot(t, out)); diff != "" {
		t.Errorf("the site differs (-want +got):\n%s", diff)
	}
}
