package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/fupan/fupan/internal/gittree"
	"github.com/fupan/fupan/internal/history"
)

// TestHistory builds a repository with a rename and a merge, reads its
// history with internal/history and checks what the review page says.
func TestHistory(t *testing.T) {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("testdata/repo/reviews/2025-03-18-profile-cache-redis-timeout.md")
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2025, 3, 20, 9, 0, 0, 0, time.UTC)
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	commit := func(who string, n int, parents ...plumbing.Hash) plumbing.Hash {
		t.Helper()
		if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
			t.Fatal(err)
		}
		sig := &object.Signature{Name: who, Email: strings.ToLower(who) + "@example.com", When: day.AddDate(0, 0, n)}
		h, err := wt.Commit("change "+who, &git.CommitOptions{Author: sig, Committer: sig, Parents: parents})
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	const final = "reviews/2025-03-18-profile-cache-redis-timeout.md"

	write("reviews/draft.md", string(src))
	commit("Alice", 0)
	// An exact rename: the new path keeps the history.
	if err := os.Rename(filepath.Join(dir, "reviews/draft.md"), filepath.Join(dir, final)); err != nil {
		t.Fatal(err)
	}
	if _, err := wt.Remove("reviews/draft.md"); err != nil {
		t.Fatal(err)
	}
	base := commit("Alice", 1)
	// Bob edits on a side branch, Carol on main; a merge combines both.
	write(final, string(src)+"\nBob was here.\n")
	side := commit("Bob", 2)
	if err := wt.Checkout(&git.CheckoutOptions{Hash: base, Force: true}); err != nil {
		t.Fatal(err)
	}
	write(final, string(src)+"\nCarol was here.\n")
	main := commit("Carol", 3)
	write(final, string(src)+"\nCarol was here.\n\nBob was here.\n")
	commit("Carol", 4, main, side)

	h, err := history.Load(repo, history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := h.Files[final]
	if f == nil {
		t.Fatalf("no history of %s: %v", final, h.Files)
	}
	files := build(t, os.DirFS(dir), Options{History: h.Files, Forge: "https://github.com/acme/reviews", Branch: "main"})
	page := string(files["reviews/2025-03-18-profile-cache-redis-timeout/index.html"])
	for _, want := range []string{
		`First committed <time datetime="2025-03-20">2025-03-20</time>`,
		`last changed <time datetime="2025-03-24">2025-03-24</time>`,
		"Alice", "Bob", "Carol",
		`href="https://github.com/acme/reviews/blob/main/reviews/2025-03-18-profile-cache-redis-timeout.md"`,
		`href="https://github.com/acme/reviews/commits/main/reviews/2025-03-18-profile-cache-redis-timeout.md"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// --ref: the side branch's tree, read from git with no checkout.
	g, err := gittree.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := gittree.Resolve(g.Git, side.String())
	if err != nil {
		t.Fatal(err)
	}
	tree, err := g.Tree(c)
	if err != nil {
		t.Fatal(err)
	}
	files = build(t, tree, Options{})
	page = string(files["reviews/2025-03-18-profile-cache-redis-timeout/index.html"])
	if !strings.Contains(page, "Bob was here.") || strings.Contains(page, "Carol was here.") {
		t.Error("the build of the side branch's tree does not show that tree")
	}
	if f.Commits < 4 {
		t.Errorf("commits = %d, want at least 4 (add, rename, two edits)", f.Commits)
	}
}
