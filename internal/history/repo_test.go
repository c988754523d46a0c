package history

import (
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"

	"github.com/fupan/fupan/internal/gittree"
)

// A step is one commit of a test repository. Its tree is its first
// parent's (or empty), with write added and remove removed.
type step struct {
	id      string            // names the commit in expectations
	author  string            // name; the email is name@example.com
	parents []string          // ids; the previous step when nil, none when empty but not nil
	write   map[string]string // path -> content
	remove  []string
	branch  string // the branch moved to the commit; "main" when empty
}

// testRepo is a git repository on disk built with go-git's plumbing.
type testRepo struct {
	t     *testing.T
	dir   string
	repo  *git.Repository
	ids   map[string]plumbing.Hash // step id -> commit
	names map[plumbing.Hash]string // commit -> step id
	trees map[string]map[string]string
	last  string
	clock time.Time
}

func newTestRepo(t *testing.T) *testRepo {
	t.Helper()
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	head := plumbing.NewSymbolicReference(plumbing.HEAD, plumbing.NewBranchReferenceName("main"))
	if err := repo.Storer.SetReference(head); err != nil {
		t.Fatal(err)
	}
	return &testRepo{
		t:     t,
		dir:   dir,
		repo:  repo,
		ids:   map[string]plumbing.Hash{},
		names: map[plumbing.Hash]string{},
		trees: map[string]map[string]string{},
		clock: time.Date(2024, 3, 1, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)),
	}
}

// apply commits the steps in order, each one minute after the last.
func (r *testRepo) apply(steps ...step) {
	r.t.Helper()
	for _, s := range steps {
		r.commit(s)
	}
}

func (r *testRepo) commit(s step) plumbing.Hash {
	r.t.Helper()
	parents := s.parents
	if parents == nil && r.last != "" {
		parents = []string{r.last}
	}
	files := map[string]string{}
	if len(parents) > 0 {
		files = maps.Clone(r.trees[parents[0]])
	}
	maps.Copy(files, s.write)
	for _, p := range s.remove {
		delete(files, p)
	}
	tree, err := writeTree(r.repo.Storer, files)
	if err != nil {
		r.t.Fatal(err)
	}
	r.clock = r.clock.Add(time.Minute)
	sig := object.Signature{Name: s.author, Email: strings.ToLower(s.author) + "@example.com", When: r.clock}
	c := &object.Commit{Author: sig, Committer: sig, Message: s.id + "\n", TreeHash: tree}
	for _, p := range parents {
		h, ok := r.ids[p]
		if !ok {
			r.t.Fatalf("step %s: unknown parent %s", s.id, p)
		}
		c.ParentHashes = append(c.ParentHashes, h)
	}
	h, err := writeObject(r.repo.Storer, c)
	if err != nil {
		r.t.Fatal(err)
	}
	branch := s.branch
	if branch == "" {
		branch = "main"
	}
	r.setBranch(branch, h)
	r.ids[s.id], r.names[h], r.trees[s.id], r.last = h, s.id, files, s.id
	return h
}

// resolve returns the commit that rev names.
func (r *testRepo) resolve(rev string) plumbing.Hash {
	r.t.Helper()
	c, err := gittree.Resolve(r.repo, rev)
	if err != nil {
		r.t.Fatal(err)
	}
	return c.Hash
}

func (r *testRepo) setBranch(branch string, h plumbing.Hash) {
	r.t.Helper()
	ref := plumbing.NewHashReference(plumbing.NewBranchReferenceName(branch), h)
	if err := r.repo.Storer.SetReference(ref); err != nil {
		r.t.Fatal(err)
	}
}

// writeTree writes the blobs and trees for files (path -> content) and
// returns the root tree.
func writeTree(s storer.EncodedObjectStorer, files map[string]string) (plumbing.Hash, error) {
	t := &object.Tree{}
	dirs := map[string]map[string]string{}
	for _, path := range slices.Sorted(maps.Keys(files)) {
		if dir, rest, ok := strings.Cut(path, "/"); ok {
			if dirs[dir] == nil {
				dirs[dir] = map[string]string{}
			}
			dirs[dir][rest] = files[path]
			continue
		}
		h, err := writeBlob(s, files[path])
		if err != nil {
			return plumbing.ZeroHash, err
		}
		t.Entries = append(t.Entries, object.TreeEntry{Name: path, Mode: filemode.Regular, Hash: h})
	}
	for name, sub := range dirs {
		h, err := writeTree(s, sub)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		t.Entries = append(t.Entries, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: h})
	}
	sort.Sort(object.TreeEntrySorter(t.Entries))
	return writeObject(s, t)
}

func writeBlob(s storer.EncodedObjectStorer, content string) (plumbing.Hash, error) {
	o := s.NewEncodedObject()
	o.SetType(plumbing.BlobObject)
	w, err := o.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write([]byte(content)); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return s.SetEncodedObject(o)
}

func writeObject(s storer.EncodedObjectStorer, obj interface {
	Encode(plumbing.EncodedObject) error
}) (plumbing.Hash, error) {
	o := s.NewEncodedObject()
	if err := obj.Encode(o); err != nil {
		return plumbing.ZeroHash, err
	}
	return s.SetEncodedObject(o)
}
