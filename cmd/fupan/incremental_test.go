package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/google/go-cmp/cmp"
)

// TestBuildIncremental: a build after a change, from the last build's
// .fupan/site and --out, writes a site byte-identical to a build from
// nothing into a new folder; the files it did not need to write are the
// last site's (the same inode, carried over by a hard link); a change of
// reviews alone renders only the pages they touch, and says so; a build
// with nothing changed builds nothing and says so.
func TestBuildIncremental(t *testing.T) {
	const edited = "reviews/2025-03-18-profile-cache-redis-timeout.md"
	tests := []struct {
		name   string
		change func(t *testing.T, repo, theme string)
		flags  []string // of the build after the change
		same   string   // a file of the site that the change leaves as it was ("" for none)
		// resumed is set when the build after the change renders only
		// what the change touched.
		resumed bool
	}{
		{name: "nothing", change: func(*testing.T, string, string) {}, same: "index.html"},
		{name: "edit", change: func(t *testing.T, repo, _ string) {
			appendFile(t, filepath.Join(repo, edited), "\nA flamingo walked through the data centre.\n")
		}, same: "assets/style.css", resumed: true},
		{name: "edit the front matter", change: func(t *testing.T, repo, _ string) {
			replaceIn(t, filepath.Join(repo, edited), "\ntags: [", "\ntags: [flamingo, ")
		}, same: "assets/style.css", resumed: true},
		{name: "touch", change: func(t *testing.T, repo, _ string) {
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(filepath.Join(repo, edited), later, later); err != nil {
				t.Fatal(err)
			}
		}, same: "index.html"},
		{name: "add", change: func(t *testing.T, repo, _ string) {
			write(t, filepath.Join(repo, "reviews", "2026-10-01-zanzibar-quota.md"),
				"---\ntitle: Zanzibar quota exhausted\ndate: 2026-10-01\nstatus: draft\nseverity: SEV3\nservices: [order-api]\nsummary: For 3 minutes 2% of calls failed with ZanzibarQuotaError.\n---\nBody.\n")
		}, same: "assets/site.js", resumed: true},
		{name: "delete", change: func(t *testing.T, repo, _ string) {
			if err := os.Remove(filepath.Join(repo, filepath.FromSlash(staleDNS))); err != nil {
				t.Fatal(err)
			}
		}, same: "assets/site.js", resumed: true},
		{name: "rename", change: func(t *testing.T, repo, _ string) {
			from := filepath.Join(repo, filepath.FromSlash(edited))
			if err := os.Rename(from, strings.Replace(from, "profile-cache", "profile-cache-renamed", 1)); err != nil {
				t.Fatal(err)
			}
		}, same: "assets/site.js", resumed: true},
		{name: "move into a folder", change: func(t *testing.T, repo, _ string) {
			from := filepath.Join(repo, filepath.FromSlash(edited))
			if err := os.MkdirAll(filepath.Join(repo, "reviews", "2025"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(from, filepath.Join(repo, "reviews", "2025", filepath.Base(from))); err != nil {
				t.Fatal(err)
			}
		}, resumed: true},
		{name: "commit", change: func(t *testing.T, repo, _ string) {
			appendFile(t, filepath.Join(repo, edited), "\nCommitted later.\n")
			commitAs(t, repo, "Grace Committer", time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC))
		}, same: "assets/site.js", resumed: true},
		{name: "history alone", change: func(t *testing.T, repo, _ string) {
			// The file is as it was, but git says Grace changed it last.
			name := filepath.Join(repo, edited)
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			appendFile(t, name, "\nCommitted, then undone in the work tree.\n")
			commitAs(t, repo, "Grace Committer", time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC))
			write(t, name, string(data))
		}, same: "assets/site.js", resumed: true},
		{name: "fupan.yaml", change: func(t *testing.T, repo, _ string) {
			appendFile(t, filepath.Join(repo, "fupan.yaml"), "\ntitle: Flamingo reviews\n")
		}, same: "assets/site.js"},
		{name: "theme", change: func(t *testing.T, _, theme string) {
			write(t, filepath.Join(theme, "static", "style.css"), "body { color: rebeccapurple }\n")
		}, same: "reviews.json"},
		{name: "base URL", change: func(*testing.T, string, string) {},
			flags: []string{"--base-url", "https://acme.example/reviews/"}, same: "assets/site.js"},
		{name: "profile", change: func(*testing.T, string, string) {},
			flags: []string{"--profile", "public"}, same: "assets/site.js"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo := writeRepo(t)
			write(t, filepath.Join(repo, "fupan.yaml"), "language: en\npublish:\n  public:\n    statuses: [final]\n")
			commit(t, repo)
			theme := filepath.Join(t.TempDir(), "theme")
			if err := os.MkdirAll(filepath.Join(theme, "static"), 0o755); err != nil {
				t.Fatal(err)
			}
			write(t, filepath.Join(theme, "static", "style.css"), "body { color: teal }\n")
			out := filepath.Join(t.TempDir(), "site")
			build := func(out string, flags ...string) string {
				t.Helper()
				args := append([]string{"build", "--repo", repo, "--out", out, "--theme", theme}, flags...)
				code, stdout, stderr := runCLI(t, args...)
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
			said := build(out, tt.flags...)
			if nothing := strings.Contains(said, "nothing changed"); nothing != (tt.name == "nothing" || tt.name == "touch") {
				t.Errorf("the build after the change said %q", said)
			}
			if resumed := strings.Contains(said, "kept from the last build"); resumed != tt.resumed {
				t.Errorf("the build after the change said %q; want it to start from the last site: %v", said, tt.resumed)
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
			if err := os.RemoveAll(filepath.Join(repo, stateDir, "search-export")); err != nil {
				t.Fatal(err)
			}
			full := filepath.Join(t.TempDir(), "full")
			build(full, tt.flags...)
			if diff := cmp.Diff(snapshot(t, full), snapshot(t, out)); diff != "" {
				t.Errorf("the incremental site differs from a full build (-full +incremental):\n%s", diff)
			}
		})
	}
}

// A build never trusts a last state that does not describe --out: a
// manifest older than the site (a build killed between the swap and
// writing it), a site at another --out, or a build that failed: the next
// build writes the site a full build writes, and starts from the last
// only when it may.
func TestBuildIncrementalStateNotTrusted(t *testing.T) {
	const (
		first  = "reviews/2025-03-18-profile-cache-redis-timeout.md"
		second = "reviews/2025-04-22-stock-reserve-retry-storm.md"
	)
	tests := []struct {
		name string
		// between runs after the first build, and returns the folder
		// of the next build.
		between func(t *testing.T, repo, out string) string
		resumed bool
	}{
		{"manifest older than the site", func(t *testing.T, repo, out string) string {
			manifest := filepath.Join(repo, stateDir, "site")
			data, err := os.ReadFile(manifest)
			if err != nil {
				t.Fatal(err)
			}
			appendFile(t, filepath.Join(repo, first), "\nA flamingo.\n")
			build(t, repo, out)
			write(t, manifest, string(data)) // as if killed before it was written
			return out
		}, false},
		{"a page changed by hand", func(t *testing.T, repo, out string) string {
			appendFile(t, filepath.Join(out, "reviews", "2025-06-03-pending-orders-missing-partial-index", "index.html"), "<!-- by hand -->")
			return out
		}, false},
		{"another --out", func(t *testing.T, repo, out string) string {
			return filepath.Join(t.TempDir(), "other")
		}, false},
		{"a build that failed", func(t *testing.T, repo, out string) string {
			name := filepath.Join(repo, first)
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			want := snapshot(t, out)
			write(t, name, strings.Replace(string(data), "severity:", "severity: [", 1))
			if code, _, _ := runCLI(t, "build", "--repo", repo, "--out", out); code == exitOK {
				t.Fatal("the build of a broken review succeeded")
			}
			if diff := cmp.Diff(want, snapshot(t, out)); diff != "" {
				t.Errorf("the failed build changed the site (-want +got):\n%s", diff)
			}
			write(t, name, string(data)+"\nMended.\n")
			return out
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo := writeRepo(t)
			commit(t, repo)
			out := filepath.Join(t.TempDir(), "site")
			build(t, repo, out)
			next := tt.between(t, repo, out)
			appendFile(t, filepath.Join(repo, second), "\nA heron.\n")
			said := build(t, repo, next)
			if resumed := strings.Contains(said, "kept from the last build"); resumed != tt.resumed {
				t.Errorf("the build said %q; want it to start from the last site: %v", said, tt.resumed)
			}
			if err := os.Remove(filepath.Join(repo, stateDir, "site")); err != nil {
				t.Fatal(err)
			}
			full := filepath.Join(t.TempDir(), "full")
			build(t, repo, full)
			if diff := cmp.Diff(snapshot(t, full), snapshot(t, next)); diff != "" {
				t.Errorf("the site differs from a full build (-full +got):\n%s", diff)
			}
		})
	}
}

// build runs fupan build of repo into out, and returns what it said.
func build(t *testing.T, repo, out string) string {
	t.Helper()
	code, stdout, stderr := runCLI(t, "build", "--repo", repo, "--out", out)
	if code != exitOK {
		t.Fatalf("fupan build: exit %d\n%s", code, stderr)
	}
	return stdout
}

// replaceIn replaces the first old in the file name with new, which must
// be there.
func replaceIn(t *testing.T, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s holds no %q", name, old)
	}
	write(t, name, strings.Replace(string(data), old, new, 1))
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

// commitAs commits the reviews of the git repository repo as they are now,
// by name at when.
func commitAs(t *testing.T, repo, name string, when time.Time) {
	t.Helper()
	g, err := git.PlainOpen(repo)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := g.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	if err := wt.AddGlob("reviews"); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: name, Email: "grace@example.com", When: when}
	if _, err := wt.Commit("edit", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
}
