package history

import (
	"bytes"
	"container/heap"
	"errors"
	"fmt"
	"slices"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// errNotAncestor means the cached head is not an ancestor of the new head.
var errNotAncestor = errors.New("cached head is not an ancestor of the new head")

// A walker reads commits and the trees under the prefix.
type walker struct {
	s       storer.EncodedObjectStorer
	prefix  string
	shallow map[plumbing.Hash]bool // commits whose parents are cut off
	trees   *trees
	roots   map[plumbing.Hash]plumbing.Hash // commit -> tree at prefix
}

func newWalker(s storer.EncodedObjectStorer, prefix string, shallow []plumbing.Hash) *walker {
	w := &walker{
		s:       s,
		prefix:  prefix,
		shallow: map[plumbing.Hash]bool{},
		trees:   newTrees(s),
		roots:   map[plumbing.Hash]plumbing.Hash{},
	}
	for _, h := range shallow {
		w.shallow[h] = true
	}
	return w
}

// A node is a commit not yet in the state, with its parents.
type node struct {
	c        *object.Commit
	parents  []plumbing.Hash // present in the repository, none past a shallow boundary
	children []*node
	pending  int // parents among the new commits not yet applied
}

// extend applies to st the commits reachable from head that st has not
// seen, in topological order, and returns how many there were. It returns
// errNotAncestor when st.head is set and is not an ancestor of head.
func (w *walker) extend(st *state, head plumbing.Hash) (int, error) {
	nodes, err := w.collect(st, head)
	if err != nil {
		return 0, err
	}
	order := topoSort(nodes)
	for _, n := range order {
		changes, err := w.changes(n)
		if err != nil {
			return 0, fmt.Errorf("commit %s: %w", n.c.Hash, err)
		}
		st.apply(n.c, changes)
	}
	st.head = head
	return len(order), nil
}

// collect reads the commits reachable from head that st has not seen.
func (w *walker) collect(st *state, head plumbing.Hash) (map[plumbing.Hash]*node, error) {
	nodes := map[plumbing.Hash]*node{}
	missing := map[plumbing.Hash]bool{}
	found := st.head.IsZero()
	stack := []plumbing.Hash{head}
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if h == st.head {
			found = true
		}
		if st.seen[h] || nodes[h] != nil || missing[h] {
			continue
		}
		c, err := object.GetCommit(w.s, h)
		if errors.Is(err, plumbing.ErrObjectNotFound) && h != head {
			missing[h] = true // cut off without a shallow file: as git, treat the child as a root
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read commit %s: %w", h, err)
		}
		n := &node{c: c}
		if !w.shallow[h] {
			n.parents = c.ParentHashes
			stack = append(stack, c.ParentHashes...)
		}
		nodes[h] = n
	}
	if !found {
		return nil, errNotAncestor
	}
	if len(missing) > 0 {
		for _, n := range nodes {
			n.parents = slices.DeleteFunc(slices.Clone(n.parents), func(p plumbing.Hash) bool { return missing[p] })
		}
	}
	return nodes, nil
}

// topoSort orders nodes parents first; among the commits ready, the oldest
// committer time first, then the smallest hash.
func topoSort(nodes map[plumbing.Hash]*node) []*node {
	var ready byTime
	for _, n := range nodes {
		for _, p := range n.parents {
			if pn := nodes[p]; pn != nil {
				pn.children = append(pn.children, n)
				n.pending++
			}
		}
	}
	for _, n := range nodes {
		if n.pending == 0 {
			ready = append(ready, n)
		}
	}
	heap.Init(&ready)
	order := make([]*node, 0, len(nodes))
	for ready.Len() > 0 {
		n := heap.Pop(&ready).(*node)
		order = append(order, n)
		for _, c := range n.children {
			if c.pending--; c.pending == 0 {
				heap.Push(&ready, c)
			}
		}
	}
	return order
}

type byTime []*node

func (q byTime) Len() int { return len(q) }
func (q byTime) Less(i, j int) bool {
	a, b := q[i].c, q[j].c
	if c := a.Committer.When.Compare(b.Committer.When); c != 0 {
		return c < 0
	}
	return bytes.Compare(a.Hash[:], b.Hash[:]) < 0 // the order of their hex strings
}
func (q byTime) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *byTime) Push(x any)   { *q = append(*q, x.(*node)) }
func (q *byTime) Pop() any {
	old := *q
	n := old[len(old)-1]
	*q = old[:len(old)-1]
	return n
}

// changes returns the files under the prefix that commit n changed. A merge
// changes a file only where it differs from every parent.
func (w *walker) changes(n *node) ([]change, error) {
	to, err := w.root(n.c.Hash, n.c.TreeHash)
	if err != nil {
		return nil, err
	}
	if len(n.parents) == 0 {
		return w.trees.diff(w.prefix, to, plumbing.ZeroHash)
	}
	var out []change
	for i, p := range n.parents {
		from, err := w.parentRoot(p)
		if err != nil {
			return nil, err
		}
		if from == to {
			return nil, nil // same as this parent: nothing changed
		}
		d, err := w.trees.diff(w.prefix, to, from)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			out = d
			continue
		}
		in := make(map[string]bool, len(d))
		for _, x := range d {
			in[x.path] = true
		}
		out = slices.DeleteFunc(out, func(x change) bool { return !in[x.path] })
	}
	return out, nil
}

// root returns the tree at the prefix of commit h, whose tree is tree.
func (w *walker) root(h, tree plumbing.Hash) (plumbing.Hash, error) {
	if r, ok := w.roots[h]; ok {
		return r, nil
	}
	r, err := w.trees.lookup(tree, w.prefix)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	w.roots[h] = r
	return r, nil
}

// parentRoot is root for a parent, which may be a commit seen in an earlier
// run and not read yet.
func (w *walker) parentRoot(h plumbing.Hash) (plumbing.Hash, error) {
	if r, ok := w.roots[h]; ok {
		return r, nil
	}
	c, err := object.GetCommit(w.s, h)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("read commit %s: %w", h, err)
	}
	return w.root(h, c.TreeHash)
}
