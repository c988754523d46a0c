package gittree

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Changed returns the files under dir (a slash path such as "reviews",
// relative to the folder r was opened at) that are added or changed between
// the merge base of since and HEAD, plus those changed in the work tree and
// not yet committed (modified, new, untracked), as slash paths relative to
// that folder. Deleted files are left out: there is nothing left to check in
// them. since is read by Resolve; an error about it is a *RevisionError.
//
// The work tree is compared with HEAD only below dir, by hashing its files:
// go-git's Worktree.Status hashes the whole work tree, which is far slower on
// a large repository than the few reviews a change touches.
func (r *Repo) Changed(since, dir string) ([]string, error) {
	if r.Top == "" {
		return nil, errors.New("a bare repository has no work tree to compare")
	}
	prefix := path.Join(r.Prefix, dir)

	sinceCommit, err := Resolve(r.Git, since)
	if err != nil {
		return nil, err
	}
	headCommit, err := Resolve(r.Git, "HEAD")
	if err != nil {
		return nil, err
	}
	base, err := mergeBase(r.Git, sinceCommit, headCommit)
	if err != nil {
		return nil, &RevisionError{Rev: since, Err: err}
	}

	changed := map[string]bool{}
	baseTree, err := subtree(base, prefix)
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
	if err := diffWorkTree(r.Top, prefix, headTree, changed); err != nil {
		return nil, err
	}

	var out []string
	for p := range changed {
		// Back to paths relative to the folder r was opened at.
		out = append(out, path.Join(dir, strings.TrimPrefix(p, prefix+"/")))
	}
	return out, nil
}

// mergeBase returns the best common ancestor of a and b, or says why there
// is none: a shallow clone that stops before it, or unrelated histories.
func mergeBase(repo *git.Repository, a, b *object.Commit) (*object.Commit, error) {
	bases, err := a.MergeBase(b)
	if (err != nil && errors.Is(err, plumbing.ErrObjectNotFound) || err == nil && len(bases) == 0) && isShallowRepo(repo) {
		return nil, fmt.Errorf("%w: %w: the history fetched has no common ancestor of it and HEAD; %s", ErrNotFound, ErrShallow, unshallow)
	}
	if err != nil {
		return nil, fmt.Errorf("merge base with HEAD: %w", err)
	}
	if len(bases) == 0 {
		return nil, fmt.Errorf("%w: it and HEAD have no common ancestor (unrelated histories); run git log --oneline --graph HEAD %s to see them", ErrNotFound, a.Hash.String()[:7])
	}
	return bases[0], nil
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
	// The tree's blob hashes, read in one walk: a lookup per file would
	// decode the trees on its path each time.
	blobs := map[string]plumbing.Hash{}
	if tree != nil {
		w := object.NewTreeWalker(tree, true, nil)
		defer w.Close()
		for {
			name, entry, err := w.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return err
			}
			if entry.Mode.IsFile() {
				blobs[name] = entry.Hash
			}
		}
	}
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
		if h, ok := blobs[rel]; ok && h == plumbing.ComputeHash(plumbing.BlobObject, data) {
			return nil
		}
		changed[path.Join(prefix, rel)] = true
		return nil
	})
}
