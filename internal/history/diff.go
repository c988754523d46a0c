package history

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
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
	a, err := t.get(to)
	if err != nil {
		return err
	}
	b, err := t.get(from)
	if err != nil {
		return err
	}
	n := commonEntries(a, b)
	a, b = a[n:], b[n:]
	var x, y entry
	for {
		if x.name == nil && len(a) > 0 {
			if x, a, err = a.next(); err != nil {
				return fmt.Errorf("tree %s: %w", to, err)
			}
		}
		if y.name == nil && len(b) > 0 {
			if y, b, err = b.next(); err != nil {
				return fmt.Errorf("tree %s: %w", from, err)
			}
		}
		var c int
		switch {
		case x.name == nil && y.name == nil:
			return nil
		case x.name == nil:
			c = 1
		case y.name == nil:
			c = -1
		default:
			c = compareEntries(x, y)
		}
		switch {
		case c < 0: // only in to
			err = t.side(out, dir, x, true)
			x.name = nil
		case c > 0: // only in from
			err = t.side(out, dir, y, false)
			y.name = nil
		default:
			switch {
			case x.mode == filemode.Dir:
				err = t.diffInto(out, dir+string(x.name)+"/", x.hash, y.hash)
			case !isFile(x.mode) && !isFile(y.mode):
			case x.hash != y.hash || x.mode != y.mode:
				*out = append(*out, change{path: dir + string(x.name), from: y.fileHash(), to: x.fileHash()})
			}
			x.name, y.name = nil, nil
		}
		if err != nil {
			return err
		}
	}
}

// side records entry e, present on one side only: in the new tree when
// added, else in the old one.
func (t *trees) side(out *[]change, dir string, e entry, added bool) error {
	switch {
	case e.mode == filemode.Dir && added:
		return t.diffInto(out, dir+string(e.name)+"/", e.hash, plumbing.ZeroHash)
	case e.mode == filemode.Dir:
		return t.diffInto(out, dir+string(e.name)+"/", plumbing.ZeroHash, e.hash)
	case !isFile(e.mode):
	case added:
		*out = append(*out, change{path: dir + string(e.name), to: e.hash})
	default:
		*out = append(*out, change{path: dir + string(e.name), from: e.hash})
	}
	return nil
}

// commonEntries returns the length of the entries that a and b start with
// alike: most of a large tree is the same as in the parent commit, and
// comparing bytes is cheaper than comparing entries.
func commonEntries(a, b rawTree) int {
	same, n := 0, min(len(a), len(b))
	for same+64 <= n && bytes.Equal(a[same:same+64], b[same:same+64]) {
		same += 64
	}
	for same < len(a) && same < len(b) && a[same] == b[same] {
		same++
	}
	end := 0
	for end < same {
		nul := bytes.IndexByte(a[end:], 0)
		if nul < 0 || end+nul+1+len(plumbing.ZeroHash) > same {
			break
		}
		end += nul + 1 + len(plumbing.ZeroHash)
	}
	return end
}

// isFile reports whether m is a file's mode: not a tree, not a submodule.
func isFile(m filemode.FileMode) bool {
	return m != filemode.Dir && m != filemode.Submodule && m != filemode.Empty
}

// A rawTree is the content of a git tree object, read in place: go-git's
// object.Tree allocates every entry's name, and the walk reads tens of
// thousands of trees of thousands of entries to compare a handful.
//
// Each entry is "<octal mode> <name>\x00<hash>", sorted in git's order.
type rawTree []byte

// An entry is one entry of a rawTree; its name points into the tree.
type entry struct {
	mode filemode.FileMode
	name []byte
	hash plumbing.Hash
}

var errBadTree = errors.New("malformed tree")

// next returns the first entry of t and the rest.
func (t rawTree) next() (entry, rawTree, error) {
	sp := bytes.IndexByte(t, ' ')
	nul := bytes.IndexByte(t, 0)
	if sp <= 0 || nul < sp+2 || len(t) < nul+1+len(plumbing.ZeroHash) {
		return entry{}, nil, errBadTree
	}
	var mode uint32
	for _, c := range t[:sp] {
		if c < '0' || c > '7' {
			return entry{}, nil, errBadTree
		}
		mode = mode<<3 | uint32(c-'0')
	}
	e := entry{mode: canonicalMode(filemode.FileMode(mode)), name: t[sp+1 : nul]}
	end := nul + 1 + copy(e.hash[:], t[nul+1:])
	return e, t[end:], nil
}

// canonicalMode maps the modes old gits wrote (such as 0100664) to the ones
// git compares.
func canonicalMode(m filemode.FileMode) filemode.FileMode {
	switch m & 0o170000 {
	case 0o040000:
		return filemode.Dir
	case 0o120000:
		return filemode.Symlink
	case 0o160000:
		return filemode.Submodule
	case 0o100000:
		if m&0o111 != 0 {
			return filemode.Executable
		}
		return filemode.Regular
	}
	return m
}

func (e entry) fileHash() plumbing.Hash {
	if isFile(e.mode) {
		return e.hash
	}
	return plumbing.ZeroHash
}

// compareEntries orders tree entries as git does: by name, a tree's name
// compared as if it ended in a slash.
func compareEntries(a, b entry) int {
	n := min(len(a.name), len(b.name))
	if c := bytes.Compare(a.name[:n], b.name[:n]); c != 0 {
		return c
	}
	return cmp.Compare(a.nextByte(n), b.nextByte(n))
}

func (e entry) nextByte(i int) byte {
	switch {
	case i < len(e.name):
		return e.name[i]
	case e.mode == filemode.Dir:
		return '/'
	}
	return 0
}

// trees reads and keeps recently used trees: a walk in topological order
// reads a commit's tree right after its parent's.
type trees struct {
	s        storer.EncodedObjectStorer
	cur, old map[plumbing.Hash]rawTree
}

const treesKept = 1024 // at least, per generation

func newTrees(s storer.EncodedObjectStorer) *trees {
	return &trees{s: s, cur: map[plumbing.Hash]rawTree{}}
}

// get returns the tree h, the empty tree for the zero hash.
func (t *trees) get(h plumbing.Hash) (rawTree, error) {
	if h.IsZero() {
		return nil, nil
	}
	if tr, ok := t.cur[h]; ok {
		return tr, nil
	}
	tr, ok := t.old[h]
	if !ok {
		var err error
		if tr, err = t.read(h); err != nil {
			return nil, err
		}
	}
	if len(t.cur) >= treesKept {
		t.old, t.cur = t.cur, make(map[plumbing.Hash]rawTree, treesKept)
	}
	t.cur[h] = tr
	return tr, nil
}

func (t *trees) read(h plumbing.Hash) (rawTree, error) {
	o, err := t.s.EncodedObject(plumbing.TreeObject, h)
	if err != nil {
		return nil, fmt.Errorf("read tree %s: %w", h, err)
	}
	r, err := o.Reader()
	if err != nil {
		return nil, fmt.Errorf("read tree %s: %w", h, err)
	}
	defer r.Close()
	buf := make([]byte, o.Size())
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, fmt.Errorf("read tree %s: %w", h, err)
	}
	return buf, nil
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
		parent := h
		h = plumbing.ZeroHash
		for len(tr) > 0 {
			var e entry
			if e, tr, err = tr.next(); err != nil {
				return plumbing.ZeroHash, fmt.Errorf("tree %s: %w", parent, err)
			}
			if e.mode == filemode.Dir && string(e.name) == name {
				h = e.hash
				break
			}
		}
		dir = rest
	}
	return h, nil
}
