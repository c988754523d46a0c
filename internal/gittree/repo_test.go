package gittree

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A layout is one way a review repository sits in git. make builds it under
// base and returns the folder fupan is pointed at: its reviews/ holds a.md
// and b.md, committed on branch main.
type layout struct {
	name string
	make func(t *testing.T, base string) string
}

// reviews are the files of a layout, below prefix ("" or "sub/"). With a
// prefix, the top of the work tree has a reviews/ of its own, which is not
// the one fupan is pointed at.
func reviews(prefix string) map[string]string {
	files := map[string]string{prefix + "reviews/a.md": "a", prefix + "reviews/b.md": "b"}
	if prefix != "" {
		files["reviews/z.md"] = "z"
	}
	return files
}

var layouts = []layout{
	{"top of the work tree", func(t *testing.T, base string) string {
		return newRepo(t, filepath.Join(base, "repo"), reviews(""))
	}},
	{"sub-folder", func(t *testing.T, base string) string {
		return filepath.Join(newRepo(t, filepath.Join(base, "repo"), reviews("sub/")), "sub")
	}},
	{"linked worktree", func(t *testing.T, base string) string {
		main := newRepo(t, filepath.Join(base, "repo"), reviews(""))
		run(t, main, "worktree", "add", "-q", "-b", "wt", filepath.Join(base, "wt"))
		return filepath.Join(base, "wt")
	}},
	{"linked worktree, sub-folder", func(t *testing.T, base string) string {
		main := newRepo(t, filepath.Join(base, "repo"), reviews("sub/"))
		run(t, main, "worktree", "add", "-q", "-b", "wt", filepath.Join(base, "wt"))
		return filepath.Join(base, "wt", "sub")
	}},
	{"linked worktree with a relative gitdir", func(t *testing.T, base string) string {
		// As git worktree add --relative-paths (git 2.48) writes it.
		main := newRepo(t, filepath.Join(base, "repo"), reviews(""))
		wt := filepath.Join(base, "wt")
		run(t, main, "worktree", "add", "-q", "-b", "wt", wt)
		write(t, wt, map[string]string{".git": "gitdir: ../repo/.git/worktrees/wt\n"})
		return wt
	}},
	{"linked worktree of a bare repository", func(t *testing.T, base string) string {
		src := newRepo(t, filepath.Join(base, "src"), reviews(""))
		run(t, base, "clone", "-q", "--bare", src, "bare.git")
		run(t, filepath.Join(base, "bare.git"), "worktree", "add", "-q", filepath.Join(base, "wt"), "main")
		return filepath.Join(base, "wt")
	}},
	{"submodule", func(t *testing.T, base string) string {
		sub := newRepo(t, filepath.Join(base, "sub"), reviews(""))
		super := newRepo(t, filepath.Join(base, "super"), map[string]string{"README.md": "super"})
		run(t, super, "-c", "protocol.file.allow=always", "submodule", "add", "-q", sub, "mod")
		run(t, super, "commit", "-q", "-m", "submodule")
		return filepath.Join(super, "mod")
	}},
	{"symlink to a sub-folder", func(t *testing.T, base string) string {
		repo := newRepo(t, filepath.Join(base, "repo"), reviews("sub/"))
		link := filepath.Join(base, "link")
		if err := os.Symlink(filepath.Join(repo, "sub"), link); err != nil {
			t.Skip(err)
		}
		return link
	}},
}

// TestOpen checks that Open finds the repository, the top of its work tree
// and the folder's prefix as git does, and reads its branches.
func TestOpen(t *testing.T) {
	for _, l := range layouts {
		t.Run(l.name, func(t *testing.T) {
			dir := l.make(t, t.TempDir())
			r, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := r.Top, realPath(t, run(t, dir, "rev-parse", "--show-toplevel")); got != want {
				t.Errorf("Top = %q, want %q", got, want)
			}
			if got, want := r.Prefix, strings.TrimSuffix(run(t, dir, "rev-parse", "--show-prefix"), "/"); got != want {
				t.Errorf("Prefix = %q, want %q", got, want)
			}
			for _, rev := range []string{"HEAD", "main"} {
				c, err := Resolve(r.Git, rev)
				if err != nil {
					t.Errorf("Resolve(%s): %v", rev, err)
					continue
				}
				if got, want := c.Hash.String(), run(t, dir, "rev-parse", rev); got != want {
					t.Errorf("Resolve(%s) = %s, want %s", rev, got, want)
				}
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	tests := []struct {
		name string
		make func(t *testing.T, base string) string
		is   error  // what the error wraps; nil for any
		want string // in the error
	}{
		{
			name: "no repository",
			make: func(t *testing.T, base string) string { return base },
			is:   ErrNotRepository,
			want: "not in a git repository",
		},
		{
			name: "linked worktree whose main repository moved",
			make: func(t *testing.T, base string) string {
				main := newRepo(t, filepath.Join(base, "repo"), reviews(""))
				run(t, main, "worktree", "add", "-q", "-b", "wt", filepath.Join(base, "wt"))
				if err := os.Rename(main, filepath.Join(base, "moved")); err != nil {
					t.Fatal(err)
				}
				return filepath.Join(base, "wt")
			},
			is:   ErrNotRepository,
			want: "git worktree repair",
		},
		{
			name: "submodule without its git folder",
			make: func(t *testing.T, base string) string {
				write(t, base, map[string]string{"mod/.git": "gitdir: ../.git/modules/mod\n"})
				return filepath.Join(base, "mod")
			},
			is:   ErrNotRepository,
			want: "names the git folder ../.git/modules/mod, which does not exist",
		},
		{
			name: ".git file that names no git folder",
			make: func(t *testing.T, base string) string {
				write(t, base, map[string]string{".git": "not a gitdir line\n"})
				return base
			},
			want: "gitdir",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.make(t, t.TempDir())
			_, err := Open(dir)
			if err == nil {
				t.Fatal("no error")
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %q does not wrap %q", err, tt.is)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
		})
	}
}
