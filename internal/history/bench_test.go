package history

import (
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/memory"
)

// benchRepoVersion names the generated repository under os.TempDir; change
// it whenever the generator changes.
const benchRepoVersion = "fupan-history-bench-v1"

const (
	benchCommits = 10_000
	benchReviews = 2_000
)

// BenchmarkHistory10kCommits times a cold Load (no cache) of a repository
// of 10,000 commits touching 2,000 reviews.
func BenchmarkHistory10kCommits(b *testing.B) {
	dir := benchRepo(b)
	b.ResetTimer()
	for b.Loop() {
		repo, err := git.PlainOpen(dir)
		if err != nil {
			b.Fatal(err)
		}
		h, err := Load(repo, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if h.Walked != benchCommits || len(h.Files) < benchReviews*9/10 {
			b.Fatalf("walked %d commits, %d files; want %d, about %d", h.Walked, len(h.Files), benchCommits, benchReviews)
		}
	}
}

// BenchmarkHistory10kCommitsCached times a Load whose cache is current.
func BenchmarkHistory10kCommitsCached(b *testing.B) {
	dir := benchRepo(b)
	cache := b.TempDir()
	repo, err := git.PlainOpen(dir)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := Load(repo, Options{CacheDir: cache}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		repo, err := git.PlainOpen(dir)
		if err != nil {
			b.Fatal(err)
		}
		h, err := Load(repo, Options{CacheDir: cache})
		if err != nil {
			b.Fatal(err)
		}
		if h.Walked != 0 {
			b.Fatalf("walked %d commits, want 0", h.Walked)
		}
	}
}

// BenchmarkGitLogNameOnly times "git log --name-only -- reviews" on the same
// repository, for comparison.
func BenchmarkGitLogNameOnly(b *testing.B) {
	gitBin, err := exec.LookPath("git")
	if err != nil {
		b.Skip("no git on PATH")
	}
	dir := benchRepo(b)
	b.ResetTimer()
	for b.Loop() {
		cmd := exec.Command(gitBin, "-C", dir, "log", "--name-only", "--", "reviews")
		var stderr strings.Builder
		cmd.Stdout, cmd.Stderr = io.Discard, &stderr
		if err := cmd.Run(); err != nil {
			b.Fatalf("git log: %v\n%s", err, stderr.String())
		}
	}
}

// benchRepo returns the generated repository, building it on first use.
func benchRepo(b *testing.B) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), benchRepoVersion)
	if _, err := os.Stat(dir); err == nil {
		return dir
	}
	tmp, err := os.MkdirTemp(os.TempDir(), benchRepoVersion+".build-")
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := generate(tmp, benchCommits, benchReviews); err != nil {
		os.RemoveAll(tmp)
		b.Fatalf("generate benchmark repository: %v", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		if _, serr := os.Stat(dir); serr != nil { // not built by another run meanwhile
			b.Fatal(err)
		}
	}
	b.Logf("generated %s in %v", dir, time.Since(start).Round(time.Millisecond))
	return dir
}

// generator writes a synthetic history with go-git's plumbing: objects go
// to an in-memory store and are written out as one packfile per batch of
// commits, deltified as git gc would, without a worktree or an index.
type generator struct {
	rng     *rand.Rand
	out     storer.Storer
	mem     *memory.Storage
	clock   time.Time
	authors []object.Signature
	nextID  int
	n       int // commits written
}

// snapshot is the content of one branch: flat reviews/ and a few other
// files.
type snapshot struct {
	reviews map[string]plumbing.Hash // name in reviews/ -> blob
	other   map[string]plumbing.Hash // path -> blob, in at most one folder
	order   []string                 // review names, oldest first
	head    plumbing.Hash
}

func (s *snapshot) clone() *snapshot {
	return &snapshot{
		reviews: maps.Clone(s.reviews),
		other:   maps.Clone(s.other),
		order:   slices.Clone(s.order),
		head:    s.head,
	}
}

func generate(dir string, commits, reviews int) error {
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		return err
	}
	g := &generator{
		rng:   rand.New(rand.NewPCG(1, 2)),
		out:   repo.Storer,
		mem:   memory.NewStorage(),
		clock: time.Date(2016, 1, 4, 10, 0, 0, 0, time.UTC),
	}
	for i := range 40 {
		name := fmt.Sprintf("Engineer %02d", i)
		g.authors = append(g.authors, object.Signature{Name: name, Email: fmt.Sprintf("eng%02d@example.com", i)})
	}
	main := &snapshot{reviews: map[string]plumbing.Hash{}, other: map[string]plumbing.Hash{}}
	if err := g.edit(main, "README.md"); err != nil {
		return err
	}
	var side *snapshot
	var sideTouched []string
	for g.n < commits {
		switch i := g.n % 400; {
		case i == 200: // a side branch of a few commits, then a merge
			side, sideTouched = main.clone(), nil
		case i > 200 && i <= 206 && i%2 == 1:
			touched, err := g.step(side, reviews*g.n/commits)
			if err != nil {
				return err
			}
			sideTouched = append(sideTouched, touched...)
			continue
		case i == 207:
			for _, name := range sideTouched {
				if h, ok := side.reviews[name]; ok {
					if _, ok := main.reviews[name]; !ok {
						main.order = append(main.order, name)
					}
					main.reviews[name] = h
				}
			}
			if len(sideTouched) > 0 && g.n%800 == 207 { // resolve a conflict: new content
				if err := g.edit(main, "reviews/"+sideTouched[0]); err != nil {
					return err
				}
			}
			if err := g.commit(main, main.head, side.head); err != nil {
				return err
			}
			continue
		}
		if _, err := g.step(main, reviews*g.n/commits); err != nil {
			return err
		}
	}
	if err := g.flush(); err != nil {
		return err
	}
	ref := plumbing.NewHashReference(plumbing.NewBranchReferenceName("main"), main.head)
	if err := repo.Storer.SetReference(ref); err != nil {
		return err
	}
	return repo.Storer.SetReference(plumbing.NewSymbolicReference(plumbing.HEAD, ref.Name()))
}

// step writes one commit on s, adding a review while there are fewer than
// target, and returns the reviews it touched.
func (g *generator) step(s *snapshot, target int) ([]string, error) {
	var touched []string
	r := g.rng.Float64()
	switch {
	case r < 0.15 || len(s.order) < 10: // not a review
		if err := g.edit(s, fmt.Sprintf("src/pkg%02d/file%02d.go", g.rng.IntN(20), g.rng.IntN(10))); err != nil {
			return nil, err
		}
		if len(s.order) >= 10 {
			break
		}
		fallthrough
	case len(s.order) < target: // a new review, sometimes with code
		name := fmt.Sprintf("%s-incident-%d.md", g.clock.Format("2006-01-02"), g.nextID)
		g.nextID++
		s.order = append(s.order, name)
		touched = append(touched, name)
		if err := g.edit(s, "reviews/"+name); err != nil {
			return nil, err
		}
	case r < 0.16: // an exact rename
		i := g.rng.IntN(len(s.order))
		old := s.order[i]
		name := strings.TrimSuffix(old, ".md") + "-renamed.md"
		s.reviews[name] = s.reviews[old]
		delete(s.reviews, old)
		s.order[i] = name
		touched = append(touched, name)
	case r < 0.165: // a deletion
		i := g.rng.IntN(len(s.order))
		delete(s.reviews, s.order[i])
		s.order = slices.Delete(s.order, i, i+1)
	default: // an edit, mostly of a recent review
		i := g.rng.IntN(len(s.order))
		if g.rng.IntN(10) < 7 {
			i = len(s.order) - 1 - g.rng.IntN(min(len(s.order), 100))
		}
		touched = append(touched, s.order[i])
		if err := g.edit(s, "reviews/"+s.order[i]); err != nil {
			return nil, err
		}
		if g.rng.IntN(10) == 0 {
			if err := g.edit(s, "docs/index.md"); err != nil {
				return nil, err
			}
		}
	}
	return touched, g.commit(s, s.head)
}

// edit writes new content for path in s.
func (g *generator) edit(s *snapshot, path string) error {
	content := fmt.Sprintf("---\ntitle: %s\nrevision: %d\n---\n\nTimeline, traceback and actions of %s.\n", path, g.n, path)
	h, err := writeBlob(g.mem, content)
	if err != nil {
		return err
	}
	if name, ok := strings.CutPrefix(path, "reviews/"); ok {
		if _, ok := s.reviews[name]; !ok && !slices.Contains(s.order, name) {
			s.order = append(s.order, name)
		}
		s.reviews[name] = h
	} else {
		s.other[path] = h
	}
	return nil
}

// commit writes the tree of s and a commit of it with parents, and moves
// s.head to it.
func (g *generator) commit(s *snapshot, parents ...plumbing.Hash) error {
	reviews := make([]object.TreeEntry, 0, len(s.reviews))
	for name, h := range s.reviews {
		reviews = append(reviews, object.TreeEntry{Name: name, Mode: filemode.Regular, Hash: h})
	}
	rt, err := g.tree(reviews)
	if err != nil {
		return err
	}
	root := []object.TreeEntry{{Name: "reviews", Mode: filemode.Dir, Hash: rt}}
	dirs := map[string][]object.TreeEntry{}
	for path, h := range s.other {
		dir, name, ok := strings.Cut(path, "/")
		if !ok {
			root = append(root, object.TreeEntry{Name: path, Mode: filemode.Regular, Hash: h})
			continue
		}
		dirs[dir] = append(dirs[dir], object.TreeEntry{Name: name, Mode: filemode.Regular, Hash: h})
	}
	for dir, entries := range dirs {
		sub := map[string][]object.TreeEntry{}
		var files []object.TreeEntry
		for _, e := range entries {
			if d, name, ok := strings.Cut(e.Name, "/"); ok {
				sub[d] = append(sub[d], object.TreeEntry{Name: name, Mode: e.Mode, Hash: e.Hash})
			} else {
				files = append(files, e)
			}
		}
		for d, es := range sub {
			h, err := g.tree(es)
			if err != nil {
				return err
			}
			files = append(files, object.TreeEntry{Name: d, Mode: filemode.Dir, Hash: h})
		}
		h, err := g.tree(files)
		if err != nil {
			return err
		}
		root = append(root, object.TreeEntry{Name: dir, Mode: filemode.Dir, Hash: h})
	}
	th, err := g.tree(root)
	if err != nil {
		return err
	}
	g.clock = g.clock.Add(time.Duration(30+g.rng.IntN(300)) * time.Minute)
	sig := g.authors[g.rng.IntN(len(g.authors))]
	sig.When = g.clock
	var nonzero []plumbing.Hash
	for _, p := range parents {
		if !p.IsZero() {
			nonzero = append(nonzero, p)
		}
	}
	c := &object.Commit{Author: sig, Committer: sig, Message: fmt.Sprintf("commit %d\n", g.n), TreeHash: th, ParentHashes: nonzero}
	if s.head, err = writeObject(g.mem, c); err != nil {
		return err
	}
	g.n++
	if g.n%500 == 0 {
		return g.flush()
	}
	return nil
}

func (g *generator) tree(entries []object.TreeEntry) (plumbing.Hash, error) {
	sort.Sort(object.TreeEntrySorter(entries))
	return writeObject(g.mem, &object.Tree{Entries: entries})
}

// flush writes the objects in memory to a packfile in the repository.
func (g *generator) flush() error {
	var hashes []plumbing.Hash
	for _, objs := range []map[plumbing.Hash]plumbing.EncodedObject{
		g.mem.ObjectStorage.Blobs, g.mem.ObjectStorage.Trees, g.mem.ObjectStorage.Commits,
	} {
		for h := range objs {
			hashes = append(hashes, h)
		}
	}
	if len(hashes) == 0 {
		return nil
	}
	pw, err := g.out.(storer.PackfileWriter).PackfileWriter()
	if err != nil {
		return err
	}
	if _, err := packfile.NewEncoder(pw, g.mem, false).Encode(hashes, 10); err != nil {
		pw.Close()
		return err
	}
	if err := pw.Close(); err != nil {
		return err
	}
	g.mem = memory.NewStorage()
	return nil
}
