package gittree

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Changed returns the files under dir (a slash path such as "reviews")
// that are added or changed between the merge base of ref and HEAD, plus
// those changed in the work tree and not yet committed (modified, new,
// untracked), as slash paths relative to the repository root. Deleted files
// are left out: there is nothing left to check in them.
//
// The work tree is compared with HEAD only below dir, by hashing its files:
// go-git's Worktree.Status hashes the whole work tree, which is far slower on
// a large repository than the few reviews a change touches.
func Changed(root, ref, dir string) ([]string, error) {
	repo, err := git.PlainOpenWithOptions(root, &git.PlainOpenOptions{DetectDotGit: true})
	if err != nil {
		return nil, fmt.Errorf("open git repository at %s: %w", root, err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		return nil, fmt.Errorf("work tree: %w", err)
	}
	// The repository root may be above root (DetectDotGit): dir is
	// relative to root, the tree to the repository root.
	top := wt.Filesystem.Root()
	rel, err := filepath.Rel(top, root)
	if err != nil {
		return nil, err
	}
	prefix := path.Join(filepath.ToSlash(rel), dir)

	head, err := repo.Head()
	if err != nil {
		return nil, fmt.Errorf("HEAD: %w", err)
	}
	headCommit, err := repo.CommitObject(head.Hash())
	if err != nil {
		return nil, fmt.Errorf("HEAD commit: %w", err)
	}
	hash, err := repo.ResolveRevision(plumbing.Revision(ref))
	if err != nil {
		return nil, fmt.Errorf("resolve %q: %w (in a shallow clone, fetch it first: git fetch origin %s)", ref, err, ref)
	}
	refCommit, err := repo.CommitObject(*hash)
	if err != nil {
		return nil, fmt.Errorf("commit %s: %w", ref, err)
	}
	bases, err := refCommit.MergeBase(headCommit)
	if err != nil {
		return nil, fmt.Errorf("merge base of %s and HEAD: %w", ref, err)
	}
	if len(bases) == 0 {
		return nil, fmt.Errorf("%s and HEAD have no common ancestor (a shallow clone? fetch with full history: fetch-depth: 0)", ref)
	}

	changed := map[string]bool{}
	baseTree, err := subtree(bases[0], prefix)
	if err != nil {
		return nil, err
	}
	headTree, err := subtree(headCommit, prefix)
	if err != nil {
		return nil, err
	}
	if err := diffTrees(baseTree, headTree, prefix, changed); err != nil {
		return nil, err
	}
	if err := diffWorkTree(top, prefix, headTree, changed); err != nil {
		return nil, err
	}

	var out []string
	for p := range changed {
		// Back to paths relative to root.
		out = append(out, path.Join(dir, strings.TrimPrefix(p, prefix+"/")))
	}
	return out, nil
}

// subtree returns the tree at prefix in c, or nil when there is none.
func subtree(c *object.Commit, prefix string) (*object.Tree, error) {
	t, err := c.Tree()
	if err != nil {
		return nil, err
	}
	if prefix == "." || prefix == "" {
		return t, nil
	}
	sub, err := t.Tree(prefix)
	if errors.Is(err, object.ErrDirectoryNotFound) {
		return nil, nil
	}
	return sub, err
}

// diffTrees adds to changed the files added or modified from a to b.
func diffTrees(a, b *object.Tree, prefix string, changed map[string]bool) error {
	if b == nil {
		return nil
	}
	if a != nil && a.Hash == b.Hash {
		return nil
	}
	changes, err := object.DiffTree(a, b)
	if err != nil {
		return fmt.Errorf("diff: %w", err)
	}
	for _, ch := range changes {
		if ch.To.Name != "" {
			changed[path.Join(prefix, ch.To.Name)] = true
		}
	}
	return nil
}

// diffWorkTree adds to changed the files below prefix whose content in the
// work tree differs from the tree (or which the tree lacks).
func diffWorkTree(top, prefix string, tree *object.Tree, changed map[string]bool) error {
	dir := filepath.Join(top, filepath.FromSlash(prefix))
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if tree != nil {
			if f, err := tree.File(rel); err == nil && f.Hash == plumbing.ComputeHash(plumbing.BlobObject, data) {
				return nil
			}
		}
		changed[path.Join(prefix, rel)] = true
		return nil
	})
}
