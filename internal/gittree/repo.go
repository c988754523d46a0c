package gittree

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5"
)

// ErrNotRepository is the error of Open for a folder that is in no git
// repository.
var ErrNotRepository = errors.New("not in a git repository")

// A Repo is a git repository opened from a folder of its work tree.
type Repo struct {
	Git *git.Repository

	// Top is the top folder of the work tree, as git rev-parse
	// --show-toplevel says (symlinks resolved); "" in a bare repository.
	Top string

	// Prefix is the folder Open was given, relative to Top and
	// slash-separated, as git rev-parse --show-prefix says without the
	// trailing slash; "" when it is Top.
	Prefix string
}

// Open opens the git repository whose work tree holds dir, as git finds it:
// the nearest folder at or above dir with a .git entry. That entry may be a
// folder, or a file naming the git folder elsewhere: a linked worktree
// (made with git worktree add), whose objects and branches are read from
// the main repository's git folder, or a submodule.
func Open(dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	// Walk up from where the folder really is, as git does: the parent of
	// a symlink is not the parent of its target.
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, err
	}
	g, err := git.PlainOpenWithOptions(real, &git.PlainOpenOptions{
		DetectDotGit:          true, // dir may be below the top of the work tree
		EnableDotGitCommonDir: true, // a linked worktree keeps its objects and refs in the main .git
	})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return nil, notRepository(dir, real)
	}
	if err != nil {
		return nil, fmt.Errorf("open git repository at %s: %w", dir, err)
	}
	r := &Repo{Git: g}
	wt, err := g.Worktree()
	if errors.Is(err, git.ErrIsBareRepository) {
		return r, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open git repository at %s: %w", dir, err)
	}
	r.Top = wt.Filesystem.Root()
	rel, err := filepath.Rel(r.Top, real)
	if err != nil {
		return nil, err
	}
	if rel = filepath.ToSlash(rel); rel != "." {
		r.Prefix = rel
	}
	return r, nil
}

// notRepository explains why there is no repository at or above real: none
// at all, or a .git file naming a git folder that is not there.
func notRepository(dir, real string) error {
	for d := real; ; d = filepath.Dir(d) {
		name := filepath.Join(d, ".git")
		if st, err := os.Stat(name); err == nil && !st.IsDir() {
			data, _ := os.ReadFile(name)
			line, _, _ := strings.Cut(string(data), "\n")
			target := strings.TrimSpace(strings.TrimPrefix(line, "gitdir:"))
			return fmt.Errorf("%s: %w: %s names the git folder %s, which does not exist; "+
				"if the main repository moved, run git worktree repair in it (a linked worktree) "+
				"or git submodule update --init in the superproject (a submodule)",
				dir, ErrNotRepository, name, target)
		} else if err == nil {
			break // a .git folder that go-git did not take for a repository
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return fmt.Errorf("%s: %w", dir, ErrNotRepository)
}
