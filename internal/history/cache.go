package history

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/fupan/fupan/internal/atomicfile"
)

// CacheFile is the name of the cache in Options.CacheDir.
const CacheFile = "history.json"

// cacheVersion changes whenever the format or the rules that fill it do;
// a cache of another version is rebuilt.
const cacheVersion = 1

// cache is the content of history.json: the state after processing every
// commit reachable from Head.
//
//	{
//	  "version": 1,
//	  "prefix": "reviews/",
//	  "head": "<commit hash>",
//	  "shallow": ["<hash>", ...],            // shallow boundary, if any
//	  "commits": ["<hash>", ...],            // every commit processed, sorted
//	  "files": {
//	    "reviews/x.md": {
//	      "first": {"hash": ..., "when": RFC 3339, "author": {"name": ..., "email": ...}},
//	      "last": {...},
//	      "commits": 3,
//	      "authors": [{"name": ..., "email": ..., "commits": 2}, ...],
//	      "deleted": true                   // only for paths gone at head
//	    }
//	  }
//	}
//
// Deleted paths are kept so that a path added again continues its history.
type cache struct {
	Version int                   `json:"version"`
	Prefix  string                `json:"prefix"`
	Head    string                `json:"head"`
	Shallow []string              `json:"shallow,omitempty"`
	Commits []string              `json:"commits"`
	Files   map[string]cachedFile `json:"files"`
}

type cachedFile struct {
	First   Change         `json:"first"`
	Last    Change         `json:"last"`
	Commits int            `json:"commits"`
	Authors []cachedAuthor `json:"authors"`
	Deleted bool           `json:"deleted,omitempty"`
}

type cachedAuthor struct {
	Person
	Commits int `json:"commits"`
}

// readCache reads the cache in dir. It returns nil and no error when there
// is none or it is of another version, and nil and an error when it cannot
// be used.
func readCache(dir string) (*cache, error) {
	name := filepath.Join(dir, CacheFile)
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("history cache: %w; rebuilding it", err)
	}
	var c cache
	if err := json.Unmarshal(data, &c); err != nil {
		var v struct{ Version int }
		if json.Unmarshal(data, &v) == nil && v.Version != cacheVersion {
			return nil, nil // another version: its fields may mean other things
		}
		return nil, fmt.Errorf("history cache %s: %w; rebuilding it", name, err)
	}
	if c.Version != cacheVersion {
		return nil, nil
	}
	if err := c.check(); err != nil {
		return nil, fmt.Errorf("history cache %s: %w; rebuilding it", name, err)
	}
	return &c, nil
}

// check reports whether c is whole: a head, hashes that are hashes.
func (c *cache) check() error {
	if !plumbing.IsHash(c.Head) {
		return fmt.Errorf("head %q is not a commit hash", c.Head)
	}
	for _, h := range slices.Concat(c.Shallow, c.Commits) {
		if !plumbing.IsHash(h) {
			return fmt.Errorf("%q is not a commit hash", h)
		}
	}
	if !slices.Contains(c.Commits, c.Head) {
		return errors.New("head is not among the commits")
	}
	for path, f := range c.Files {
		if f.Commits <= 0 || len(f.Authors) == 0 || !plumbing.IsHash(f.First.Hash) || !plumbing.IsHash(f.Last.Hash) {
			return fmt.Errorf("incomplete entry for %s", path)
		}
	}
	return nil
}

// usable reports whether c was built for prefix and the shallow boundary
// shallow.
func (c *cache) usable(prefix string, shallow []plumbing.Hash) bool {
	if c == nil || c.Prefix != prefix {
		return false
	}
	return slices.Equal(c.Shallow, hashStrings(shallow))
}

// state returns the state c holds.
func (c *cache) state() *state {
	shallow := make([]plumbing.Hash, len(c.Shallow))
	for i, h := range c.Shallow {
		shallow[i] = plumbing.NewHash(h)
	}
	st := newState(c.Prefix, shallow)
	st.head = plumbing.NewHash(c.Head)
	for _, h := range c.Commits {
		st.seen[plumbing.NewHash(h)] = true
	}
	for path, f := range c.Files {
		r := &record{
			first:   f.First,
			last:    f.Last,
			commits: f.Commits,
			authors: make(map[Person]int, len(f.Authors)),
			present: !f.Deleted,
		}
		for _, a := range f.Authors {
			r.authors[a.Person] += a.Commits
		}
		st.paths[path] = r
	}
	return st
}

// writeCache writes st to the cache in dir, replacing it whole.
func writeCache(dir string, st *state) error {
	c := cache{
		Version: cacheVersion,
		Prefix:  st.prefix,
		Head:    st.head.String(),
		Shallow: hashStrings(st.shallow),
		Commits: make([]string, 0, len(st.seen)),
		Files:   make(map[string]cachedFile, len(st.paths)),
	}
	for h := range st.seen {
		c.Commits = append(c.Commits, h.String())
	}
	slices.Sort(c.Commits)
	for path, r := range st.paths {
		f := cachedFile{First: r.first, Last: r.last, Commits: r.commits, Deleted: !r.present}
		for _, p := range r.contributors() {
			f.Authors = append(f.Authors, cachedAuthor{Person: p, Commits: r.authors[p]})
		}
		c.Files[path] = f
	}
	data, err := json.Marshal(&c)
	if err != nil {
		return fmt.Errorf("history cache: %w", err)
	}
	if err := atomicfile.WriteBytes(filepath.Join(dir, CacheFile), data, false); err != nil {
		return fmt.Errorf("history cache not written: %w", err)
	}
	return nil
}

func hashStrings(hs []plumbing.Hash) []string {
	ss := make([]string, len(hs))
	for i, h := range hs {
		ss[i] = h.String()
	}
	slices.Sort(ss)
	return ss
}
