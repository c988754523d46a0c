package history

import (
	"cmp"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// A change is a file that differs between two trees.
type change struct {
	path     string
	from, to plumbing.Hash // blob before and after; zero when absent
}

// diff returns the files that differ between the trees to and from (either
// may be the zero hash, an empty tree), sorted by path. dir is the path of
// both trees, "" or ending in a slash. It reads only the subtrees whose
// hashes differ.
func (t *trees) diff(dir string, to, from plumbing.Hash) ([]change, error) {
	var out []change
	if err := t.diffInto(&out, dir, to, from); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b change) int { return cmp.Compare(a.path, b.path) })
	return out, nil
}

func (t *trees) diffInto(out *[]change, dir string, to, from plumbing.Hash) error {
	if to == from {
		return nil
	}
	nt, err := t.get(to)
	if err != nil {
		return err
	}
	ot, err := t.get(from)
	if err != nil {
		return err
	}
	a, b := nt.Entries, ot.Entries // both in git's tree order
	for len(a) > 0 || len(b) > 0 {
		var c int
		switch {
		case len(a) == 0:
			c = 1
		case len(b) == 0:
			c = -1
		default:
			c = compareEntries(&a[0], &b[0])
		}
		switch {
		case c < 0: // only in to
			err = t.side(out, dir, &a[0], true)
			a = a[1:]
		case c > 0: // only in from
			err = t.side(out, dir, &b[0], false)
			b = b[1:]
		default:
			x, y := &a[0], &b[0]
			a, b = a[1:], b[1:]
			switch {
			case x.Mode == filemode.Dir:
				err = t.diffInto(out, dir+x.Name+"/", x.Hash, y.Hash)
			case !isFile(x.Mode) && !isFile(y.Mode):
			case x.Hash != y.Hash || x.Mode != y.Mode:
				*out = append(*out, change{path: dir + x.Name, from: fileHash(y), to: fileHash(x)})
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// side records entry e, present on one side only: in the new tree when
// added, else in the old one.
func (t *trees) side(out *[]change, dir string, e *object.TreeEntry, added bool) error {
	switch {
	case e.Mode == filemode.Dir && added:
		return t.diffInto(out, dir+e.Name+"/", e.Hash, plumbing.ZeroHash)
	case e.Mode == filemode.Dir:
		return t.diffInto(out, dir+e.Name+"/", plumbing.ZeroHash, e.Hash)
	case !isFile(e.Mode):
	case added:
		*out = append(*out, change{path: dir + e.Name, to: e.Hash})
	default:
		*out = append(*out, change{path: dir + e.Name, from: e.Hash})
	}
	return nil
}

// isFile reports whether m is a file's mode: not a tree, not a submodule.
func isFile(m filemode.FileMode) bool {
	return m != filemode.Dir && m != filemode.Submodule && m != filemode.Empty
}

func fileHash(e *object.TreeEntry) plumbing.Hash {
	if isFile(e.Mode) {
		return e.Hash
	}
	return plumbing.ZeroHash
}

// compareEntries orders tree entries as git does: by name, a tree's name
// compared as if it ended in a slash.
func compareEntries(a, b *object.TreeEntry) int {
	n := min(len(a.Name), len(b.Name))
	if c := cmp.Compare(a.Name[:n], b.Name[:n]); c != 0 {
		return c
	}
	return cmp.Compare(nextByte(a, n), nextByte(b, n))
}

func nextByte(e *object.TreeEntry, i int) byte {
	switch {
	case i < len(e.Name):
		return e.Name[i]
	case e.Mode == filemode.Dir:
		return '/'
	}
	return 0
}

// trees reads and keeps recently used trees: a walk in topological order
// reads a commit's tree right after its parent's.
type trees struct {
	s        storer.EncodedObjectStorer
	cur, old map[plumbing.Hash]*object.Tree
}

const treesKept = 1024 // at least, per generation

var emptyTree = &object.Tree{}

func newTrees(s storer.EncodedObjectStorer) *trees {
	return &trees{s: s, cur: map[plumbing.Hash]*object.Tree{}}
}

// get returns the tree h, the empty tree for the zero hash.
func (t *trees) get(h plumbing.Hash) (*object.Tree, error) {
	if h.IsZero() {
		return emptyTree, nil
	}
	if tr, ok := t.cur[h]; ok {
		return tr, nil
	}
	tr, ok := t.old[h]
	if !ok {
		var err error
		if tr, err = object.GetTree(t.s, h); err != nil {
			return nil, err
		}
	}
	if len(t.cur) >= treesKept {
		t.old, t.cur = t.cur, make(map[plumbing.Hash]*object.Tree, treesKept)
	}
	t.cur[h] = tr
	return tr, nil
}

// lookup returns the hash of the tree at path dir (slash-separated, ending in
// a slash) under the tree root, or the zero hash when there is none.
func (t *trees) lookup(root plumbing.Hash, dir string) (plumbing.Hash, error) {
	h := root
	for dir != "" && !h.IsZero() {
		name, rest, _ := strings.Cut(dir, "/")
		tr, err := t.get(h)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		h = plumbing.ZeroHash
		for i := range tr.Entries {
			if e := &tr.Entries[i]; e.Name == name && e.Mode == filemode.Dir {
				h = e.Hash
				break
			}
		}
		dir = rest
	}
	return h, nil
}
