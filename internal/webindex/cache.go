package webindex

import (
	"bufio"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"

	"github.com/fupan/fupan/internal/search"
)

// An exportCache is what an export keeps for the next one (WriteCached):
// the entry of every term, and the documents it was made of, by number,
// with their sums (search.DocSum). The next export, when it numbers the
// same documents in the same order, reads from the index only the terms
// that a document whose sum changed holds, or held, and keeps the others'
// entries (see keeps); so the files are those a full export writes.
type exportCache struct {
	Key   string     // cacheKey: the versions of the formats it holds
	IDs   []string   // the documents' ids, by number
	Sums  [][16]byte // the documents' sums, by number
	Terms []*termEntry

	byTerm map[string]*termEntry
}

// A CacheError is a cache of WriteCached that could not be written: the
// export is complete, and the next one reads every term.
type CacheError struct{ Err error }

func (e *CacheError) Error() string { return e.Err.Error() }
func (e *CacheError) Unwrap() error { return e.Err }

// cacheKey names what a cache depends on besides the documents: this
// package's format, the index's (its analysis) and its text fields.
func cacheKey() string {
	return fmt.Sprintf("fupan webindex %d, search %d, fields %v", Version, search.Version, search.Fields)
}

// entry returns the entry of a term, or nil; c may be nil.
func (c *exportCache) entry(term string) *termEntry {
	if c == nil {
		return nil
	}
	return c.byTerm[term]
}

// changed returns the documents whose sum is not the cache's; nil when c
// is nil.
func (c *exportCache) changed(sums [][16]byte) map[int32]bool {
	if c == nil {
		return nil
	}
	m := map[int32]bool{}
	for i, s := range sums {
		if c.Sums[i] != s {
			m[int32(i)] = true
		}
	}
	return m
}

// loadCache reads the cache in file; nil when there is none, or when it
// is of other versions or other documents (ids, by number), or unreadable:
// the export then reads every term.
func loadCache(file string, ids []string) *exportCache {
	if file == "" {
		return nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	var c exportCache
	if err := gob.NewDecoder(bufio.NewReader(f)).Decode(&c); err != nil {
		return nil
	}
	if c.Key != cacheKey() || len(c.IDs) != len(ids) || len(c.Sums) != len(ids) {
		return nil
	}
	for i, id := range ids {
		if c.IDs[i] != id {
			return nil
		}
	}
	c.byTerm = make(map[string]*termEntry, len(c.Terms))
	for _, t := range c.Terms {
		c.byTerm[t.Term] = t
	}
	return &c
}

// save writes c to file, whole or not at all (a new file renamed over
// it).
func (c *exportCache) save(file string) error {
	tmp, err := os.CreateTemp(filepath.Dir(file), filepath.Base(file)+".new-*")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	err = gob.NewEncoder(w).Encode(c)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("keep the search export in %s: %w", file, err)
	}
	return nil
}
