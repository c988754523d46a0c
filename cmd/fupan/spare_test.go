package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestBuildSpare: the third build of a site recycles the first, kept in
// .fupan/spare-site, and writes, whatever was done to that folder or to
// the search export's cache meanwhile, the site a full build writes;
// beside --out nothing is left.
func TestBuildSpare(t *testing.T) {
	const edited = "reviews/2025-03-18-profile-cache-redis-timeout.md"
	spareOf := func(repo string) string { return filepath.Join(repo, stateDir, "spare-site") }
	tests := []struct {
		name   string
		before func(t *testing.T, repo, out string) // the third build
	}{
		{"as kept", func(*testing.T, string, string) {}},
		{"a page of the spare changed by hand", func(t *testing.T, repo, _ string) {
			write(t, filepath.Join(spareOf(repo), "index.html"), "by hand")
			if err := os.Mkdir(filepath.Join(spareOf(repo), "extra"), 0o755); err != nil {
				t.Fatal(err)
			}
			write(t, filepath.Join(spareOf(repo), "extra", "page.html"), "by hand")
		}},
		{"the spare missing", func(t *testing.T, repo, _ string) {
			if err := os.RemoveAll(spareOf(repo)); err != nil {
				t.Fatal(err)
			}
		}},
		{"a build killed after it took the spare", func(t *testing.T, repo, out string) {
			left := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".new-123")
			if err := os.Rename(spareOf(repo), left); err != nil {
				t.Fatal(err)
			}
		}},
		{"a stale search export cache", func(t *testing.T, repo, _ string) {
			write(t, filepath.Join(repo, stateDir, "search-export", "head"), "not a cache")
		}},
		{"a build stopped by a review that fails the check", func(t *testing.T, repo, out string) {
			// It made its new folder ready, the spare recycled into it,
			// while the reviews loaded; stopped, it must remove that
			// folder and leave the site as it was.
			broken := filepath.Join(repo, "reviews", "2025-01-02-broken.md")
			write(t, broken, "---\ntitle: [not closed\n---\n")
			before := snapshot(t, out)
			appendFile(t, filepath.Join(repo, edited), "\nA heron.\n")
			if code, _, stderr := runCLI(t, "build", "--repo", repo, "--out", out); code == exitOK || !strings.Contains(stderr, "2025-01-02-broken.md") {
				t.Fatalf("fupan build with a broken review: exit %d\n%s", code, stderr)
			}
			if diff := cmp.Diff(before, snapshot(t, out)); diff != "" {
				t.Errorf("the stopped build changed the site (-before +after):\n%s", diff)
			}
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".site*")); len(left) > 0 {
				t.Errorf("the stopped build left %v beside the site", left)
			}
			if err := os.Remove(broken); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo := writeRepo(t)
			out := filepath.Join(t.TempDir(), "site")
			build(t, repo, out)
			for i, text := range []string{"\nA flamingo.\n", "\nAnother flamingo.\n"} {
				if i == 1 {
					tt.before(t, repo, out)
				}
				appendFile(t, filepath.Join(repo, edited), text)
				build(t, repo, out)
			}
			if _, err := os.Stat(spareOf(repo)); err != nil {
				t.Errorf("no spare after the third build: %v", err)
			}
			es, err := os.ReadDir(filepath.Dir(out))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range es {
				if e.Name() != "site" && strings.HasPrefix(e.Name(), ".site") {
					t.Errorf("left beside the site: %s", e.Name())
				}
			}
			// From nothing.
			for _, name := range []string{"site", "search-export"} {
				if err := os.RemoveAll(filepath.Join(repo, stateDir, name)); err != nil {
					t.Fatal(err)
				}
			}
			full := filepath.Join(t.TempDir(), "full")
			build(t, repo, full)
			if diff := cmp.Diff(snapshot(t, full), snapshot(t, out)); diff != "" {
				t.Errorf("the site differs from a full build (-full +got):\n%s", diff)
			}
		})
	}
}
