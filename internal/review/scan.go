package review

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"
)

// What changed in a repository is decided here, once, for every command:
// a review file's State is its size and modification time, which tell
// cheaply that it has not changed, and the SHA-256 of its content, which
// tells it for sure. Whatever is made from the reviews (the search index,
// the site, the preview server's pages) remembers the hashes it was made
// from and asks Diff what changed since, as Go's build cache keys its work
// by the hashes of its inputs: a file touched but not edited is not a
// change, and two consumers never disagree.

// A State is what a scan saw of one review file.
type State struct {
	Path  string // slash-separated, from the repository root
	ID    string // the file name without .md
	Size  int64
	MTime int64  // Unix nanoseconds
	Hash  string // hex SHA-256 of the content; "" when it cannot be read
}

// A StatCache remembers the hash of each file by its path, size and
// modification time, so that a scan reads only files whose time or size
// changed. Its zero value is empty and ready to use.
type StatCache struct {
	m     map[string]State
	dirty bool // changed since read
}

// lookup returns the hash of a file whose size and time are those cached.
func (c *StatCache) lookup(p string, size, mtime int64) (string, bool) {
	s, ok := c.m[p]
	if !ok || s.Size != size || s.MTime != mtime || mtime == 0 {
		return "", false
	}
	return s.Hash, true
}

// Scan lists the review files of fsys as Load does (Entries), and returns
// the state of each, sorted by path: from cache when a file's size and
// time are those cached, else read and hashed. cache may be nil; Scan
// updates it.
//
// The stats are taken as the folders are listed (statDirs), on GOMAXPROCS
// goroutines, statChunk at a time: with 10,000 reviews they are most of
// the time of a warm search.
func Scan(fsys fs.FS, cache *StatCache) ([]State, error) {
	l, err := List(fsys)
	if err != nil {
		return nil, err
	}
	return l.Scan(cache), nil
}

// statChunk is how many files a goroutine of scan stats: a goroutine for
// fewer costs more than it saves.
const statChunk = 500

// scan returns the states of the entries, and with keep the content of
// each file it read (nil for a file whose state came from cache). It
// updates cache (made when nil).
func scan(fsys fs.FS, entries []Entry, cache *StatCache, keep bool) ([]State, [][]byte) {
	if cache == nil {
		cache = &StatCache{}
	}
	states := make([]State, len(entries))
	var data [][]byte
	if keep {
		data = make([][]byte, len(entries))
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for lo := 0; lo < len(entries); lo += statChunk {
		g.Go(func() error {
			for i := lo; i < min(lo+statChunk, len(entries)); i++ {
				var b []byte
				states[i], b = stateOf(fsys, entries[i], cache)
				if keep {
					data[i] = b
				}
			}
			return nil
		})
	}
	g.Wait() // stateOf returns no error: an unreadable file has no hash
	if cache.m == nil {
		cache.m = map[string]State{}
	}
	cached := 0 // the files that were in the cache
	for _, s := range states {
		if strings.ContainsAny(s.Path, "\t\n\r") {
			continue // not kept: the cache file is a line per file, tab-separated
		}
		old, ok := cache.m[s.Path]
		if ok {
			cached++
		}
		if s.Hash != "" && (old.Size != s.Size || old.MTime != s.MTime || old.Hash != s.Hash) {
			cache.m[s.Path] = State{Path: s.Path, Size: s.Size, MTime: s.MTime, Hash: s.Hash}
			cache.dirty = true
		}
	}
	if cached < len(cache.m) { // (paths are unique) some cached file is gone
		live := make(map[string]bool, len(states))
		for _, s := range states {
			live[s.Path] = true
		}
		for p := range cache.m {
			if !live[p] {
				delete(cache.m, p)
				cache.dirty = true
			}
		}
	}
	return states, data
}

// stateOf returns the state of one listed file, and its content when it
// was read for the hash. It only reads cache.
func stateOf(fsys fs.FS, e Entry, cache *StatCache) (State, []byte) {
	s := State{Path: e.Path, ID: strings.TrimSuffix(path.Base(e.Path), ".md")}
	info, err := e.Info()
	if err != nil {
		return s, nil
	}
	s.Size = info.Size()
	if t := info.ModTime(); !t.IsZero() { // zero: no time (an fs.FS in memory); always read
		s.MTime = t.UnixNano()
	}
	if h, ok := cache.lookup(s.Path, s.Size, s.MTime); ok {
		s.Hash = h
		return s, nil
	}
	if s.Size > MaxFileSize {
		return s, nil // reported by Load, by its size; never read
	}
	data, err := fs.ReadFile(fsys, e.Path)
	if err != nil {
		return s, nil
	}
	s.Hash = hashOf(data)
	return s, data
}

// hashOf returns the hex SHA-256 of data.
func hashOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Changes is what changed between two states of a repository, by path.
type Changes struct {
	Added, Changed, Removed []string // review files, each sorted
}

// Empty reports whether nothing changed.
func (c Changes) Empty() bool {
	return len(c.Added)+len(c.Changed)+len(c.Removed) == 0
}

// Len is the number of files that changed.
func (c Changes) Len() int { return len(c.Added) + len(c.Changed) + len(c.Removed) }

// Diff returns what changed from old to cur, each a map from a review
// file's path to its content hash. A file whose hash is "" (unreadable) is
// changed whatever it was.
func Diff(old, cur map[string]string) Changes {
	var c Changes
	for p, h := range cur {
		switch was, ok := old[p]; {
		case !ok:
			c.Added = append(c.Added, p)
		case was != h || h == "":
			c.Changed = append(c.Changed, p)
		}
	}
	for p := range old {
		if _, ok := cur[p]; !ok {
			c.Removed = append(c.Removed, p)
		}
	}
	slices.Sort(c.Added)
	slices.Sort(c.Changed)
	slices.Sort(c.Removed)
	return c
}

// Hashes returns the hash of each state, by path.
func Hashes(states []State) map[string]string {
	m := make(map[string]string, len(states))
	for _, s := range states {
		m[s.Path] = s.Hash
	}
	return m
}
