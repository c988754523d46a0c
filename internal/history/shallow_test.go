package history

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

func TestShallow(t *testing.T) {
	steps := []step{
		{id: "a", author: "Alice", write: map[string]string{"reviews/a.md": "1", "reviews/b.md": "1"}},
		{id: "b", author: "Bob", write: map[string]string{"reviews/a.md": "2"}},
		{id: "c", author: "Carol", write: map[string]string{"reviews/b.md": "2"}},
	}
	tests := []struct {
		name    string
		shallow func(t *testing.T, r *testRepo) *git.Repository
		first   string // of reviews/a.md
	}{
		{
			name: "clone with depth 1",
			shallow: func(t *testing.T, r *testRepo) *git.Repository {
				clone, err := git.PlainClone(filepath.Join(t.TempDir(), "clone"), false, &git.CloneOptions{
					URL:           "file://" + r.dir,
					Depth:         1,
					ReferenceName: plumbing.NewBranchReferenceName("main"),
					SingleBranch:  true,
				})
				if err != nil {
					t.Fatal(err)
				}
				return clone
			},
			first: "c",
		},
		{
			name: "shallow file",
			shallow: func(t *testing.T, r *testRepo) *git.Repository {
				if err := r.repo.Storer.SetShallow([]plumbing.Hash{r.ids["b"]}); err != nil {
					t.Fatal(err)
				}
				return r.repo
			},
			first: "b",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newTestRepo(t)
			r.apply(steps...)
			repo := tt.shallow(t, r)
			dir := t.TempDir()
			h, err := Load(repo, Options{CacheDir: dir})
			if err != nil {
				t.Fatal(err)
			}
			if !h.Shallow {
				t.Error("Shallow = false, want true")
			}
			if len(h.Warnings) != 1 || !errors.Is(h.Warnings[0], ErrShallow) {
				t.Errorf("Warnings = %v, want [ErrShallow]", h.Warnings)
			}
			if got := r.step(h.Files["reviews/a.md"].First.Hash); got != tt.first {
				t.Errorf("reviews/a.md first committed in %s, want %s (the shallow boundary)", got, tt.first)
			}

			// Once the history is whole again, the cache is rebuilt.
			if err := r.repo.Storer.SetShallow(nil); err != nil {
				t.Fatal(err)
			}
			h, err = Load(r.repo, Options{CacheDir: dir})
			if err != nil {
				t.Fatal(err)
			}
			if h.Shallow || h.Walked != 3 {
				t.Errorf("after unshallowing: Shallow = %v, Walked = %d; want false, 3", h.Shallow, h.Walked)
			}
			if got := r.step(h.Files["reviews/a.md"].First.Hash); got != "a" {
				t.Errorf("after unshallowing: reviews/a.md first committed in %s, want a", got)
			}
		})
	}
}

func TestErrShallowNamesTheFix(t *testing.T) {
	for _, fix := range []string{"fetch-depth: 0", "git fetch --unshallow"} {
		if !strings.Contains(ErrShallow.Error(), fix) {
			t.Errorf("ErrShallow = %q, does not name %q", ErrShallow, fix)
		}
	}
}
