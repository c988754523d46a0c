package history

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fupan/fupan/internal/gittree"
)

// TestLoadInLinkedWorktree loads the history from a linked worktree (made
// with git worktree add, whose .git is a file naming the main repository's
// .git/worktrees/NAME) and from a folder below it: the same as from the
// main repository, at the worktree's HEAD.
func TestLoadInLinkedWorktree(t *testing.T) {
	gitBin, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git on PATH")
	}
	r := newTestRepo(t)
	r.apply(
		step{id: "a", author: "Alice", write: map[string]string{"reviews/a.md": "1", "docs/x.md": "1"}},
		step{id: "b", author: "Bob", write: map[string]string{"reviews/a.md": "2", "reviews/b.md": "1"}},
		step{id: "c", author: "Carol", write: map[string]string{"reviews/c.md": "1"}},
	)
	wt := filepath.Join(t.TempDir(), "wt")
	cmd := exec.Command(gitBin, "worktree", "add", "-q", "-b", "side", wt, "main~1")
	cmd.Dir = r.dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git worktree add: %v\n%s", err, out)
	}

	for _, dir := range []string{wt, filepath.Join(wt, "docs")} {
		g, err := gittree.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		h, err := Load(g.Git, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := h.Head, r.ids["b"].String(); got != want {
			t.Errorf("from %s: Head = %s, want %s (the worktree's HEAD)", dir, r.step(got), "b")
		}
		want := map[string]string{
			"reviews/a.md": "first=a last=b commits=2 by=Alice,Bob",
			"reviews/b.md": "first=b last=b commits=1 by=Bob",
		}
		if diff := cmp.Diff(want, r.summary(h)); diff != "" {
			t.Errorf("from %s: files (-want +got):\n%s", dir, diff)
		}
	}
}
