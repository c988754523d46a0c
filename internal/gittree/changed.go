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
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
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
// a large repository than the few reviews a change touches. A file whose
// size and time are those the index recorded for HEAD's content is not
// read, as git status does (staged).
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
	if err := diffWorkTree(r.Top, prefix, headTree, r.staged(prefix), changed); err != nil {
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

// A stat is what the index recorded of a file when git last read it.
type stat struct {
	hash  plumbing.Hash
	size  uint32
	mtime time.Time
}

// staged returns the stat data of the files of the index below prefix, by
// path from the top of the work tree, less the entries that tell nothing
// of the work tree (a merge's stages, sparse or intent-to-add ones) and
// the racily clean ones: an entry whose file changed in the second in
// which the index was written may have changed after (git's "racy git",
// whose rule is in seconds; git checks such an entry's content when it
// writes the index, and smudges its size when it changed).
// It is empty when the index cannot be read: every file is then hashed.
func (r *Repo) staged(prefix string) map[string]stat {
	st, ok := r.Git.Storer.(*filesystem.Storage)
	if !ok {
		return nil
	}
	info, err := st.Filesystem().Stat("index")
	if err != nil {
		return nil
	}
	idx, err := r.Git.Storer.Index()
	if err != nil {
		return nil
	}
	out := make(map[string]stat, len(idx.Entries))
	for _, e := range idx.Entries {
		// Stage 0 is a merged entry (go-git's index.Merged is 1, the
		// ancestor's stage of a conflict).
		if e.Stage != 0 || e.SkipWorktree || e.IntentToAdd || e.ModifiedAt.Unix() >= info.ModTime().Unix() {
			continue
		}
		if prefix != "." && prefix != "" && !strings.HasPrefix(e.Name, prefix+"/") {
			continue
		}
		out[e.Name] = stat{hash: e.Hash, size: e.Size, mtime: e.ModifiedAt}
	}
	return out
}

// diffWorkTree adds to changed the files below prefix whose content in the
// work tree differs from the tree (or which the tree lacks). A file whose
// staged stat data holds the tree's hash, its size and its time is the
// tree's, unread.
func diffWorkTree(top, prefix string, tree *object.Tree, staged map[string]stat, changed map[string]bool) error {
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
		if h, ok := blobs[rel]; ok {
			if s, ok := staged[path.Join(prefix, rel)]; ok && s.hash == h {
				if info, err := d.Info(); err == nil && uint32(info.Size()) == s.size && info.ModTime().Equal(s.mtime) {
					return nil
				}
			}
		}
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
