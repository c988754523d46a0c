package webindex

import (
	"encoding/binary"
	"fmt"
	"math"
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

// The cache file: magic, then uvarint-prefixed strings and lists,
//
//	key, n, n × (id, sum[16]), terms, terms × (term, fields, fields ×
//	(field, df), docs, docs × doc delta, len(T), T, len(P), P)
//
// so that a load slices every entry out of one read, without a copy.
const cacheMagic = "fupan search export cache\n"

// loadCache reads the cache in file; nil when there is none, or when it
// is of other versions or other documents (ids, by number), or unreadable:
// the export then reads every term.
func loadCache(file string, ids []string) *exportCache {
	if file == "" {
		return nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	c, ok := decodeCache(data, ids)
	if !ok {
		return nil
	}
	return c
}

// decodeCache decodes a cache file made for the documents ids; ok is
// false when it is not one.
func decodeCache(data []byte, ids []string) (c *exportCache, ok bool) {
	d := cacheDecoder{data: data}
	if !d.expect(cacheMagic) || d.string() != cacheKey() || d.uint() != len(ids) || d.bad {
		return nil, false
	}
	c = &exportCache{Key: cacheKey(), IDs: ids, Sums: make([][16]byte, len(ids))}
	for i, id := range ids {
		if d.string() != id {
			return nil, false
		}
		copy(c.Sums[i][:], d.bytes(16))
	}
	n := d.uint()
	if d.bad || n > len(data) {
		return nil, false
	}
	c.Terms = make([]*termEntry, n)
	c.byTerm = make(map[string]*termEntry, n)
	for i := range c.Terms {
		t := &termEntry{Term: d.string()}
		nf := d.uint()
		if d.bad || nf > len(data) {
			return nil, false
		}
		t.Fields, t.DF = make([]int32, nf), make([]int32, nf)
		for j := range nf {
			t.Fields[j], t.DF[j] = int32(d.uint()), int32(d.uint())
		}
		nd := d.uint()
		if d.bad || nd > len(data) {
			return nil, false
		}
		t.Docs = make([]int32, nd)
		prev := 0
		for j := range nd {
			prev += d.uint()
			t.Docs[j] = int32(prev)
		}
		t.T = d.bytes(d.uint())
		t.P = d.bytes(d.uint())
		if d.bad {
			return nil, false
		}
		c.Terms[i] = t
		c.byTerm[t.Term] = t
	}
	return c, d.off == len(data)
}

// cacheDecoder reads a cache file; bad is set by the first read that
// runs out of it.
type cacheDecoder struct {
	data []byte
	off  int
	bad  bool
}

func (d *cacheDecoder) uint() int {
	v, n := binary.Uvarint(d.data[d.off:])
	// A varint of more than one byte whose last is 0 is not the one
	// encode writes (binary.Uvarint reads it all the same): the file is
	// not a cache's.
	if n <= 0 || v > math.MaxInt32 || (n > 1 && d.data[d.off+n-1] == 0) {
		d.bad = true
		d.off = len(d.data)
		return 0
	}
	d.off += n
	return int(v)
}

func (d *cacheDecoder) bytes(n int) []byte {
	if d.bad || n > len(d.data)-d.off {
		d.bad = true
		d.off = len(d.data)
		return nil
	}
	b := d.data[d.off : d.off+n : d.off+n]
	d.off += n
	return b
}

func (d *cacheDecoder) string() string { return string(d.bytes(d.uint())) }

func (d *cacheDecoder) expect(s string) bool { return string(d.bytes(len(s))) == s }

// encode returns the cache file of c.
func (c *exportCache) encode() []byte {
	size := len(cacheMagic) + 64
	for _, t := range c.Terms {
		size += len(t.Term) + len(t.T) + len(t.P) + 4*len(t.Docs) + 8*len(t.Fields) + 16
	}
	b := make([]byte, 0, size+40*len(c.IDs))
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = append(b, cacheMagic...)
	str(c.Key)
	b = binary.AppendUvarint(b, uint64(len(c.IDs)))
	for i, id := range c.IDs {
		str(id)
		b = append(b, c.Sums[i][:]...)
	}
	b = binary.AppendUvarint(b, uint64(len(c.Terms)))
	for _, t := range c.Terms {
		str(t.Term)
		b = binary.AppendUvarint(b, uint64(len(t.Fields)))
		for j, f := range t.Fields {
			b = binary.AppendUvarint(b, uint64(f))
			b = binary.AppendUvarint(b, uint64(t.DF[j]))
		}
		b = binary.AppendUvarint(b, uint64(len(t.Docs)))
		prev := int32(0)
		for _, d := range t.Docs {
			b = binary.AppendUvarint(b, uint64(d-prev))
			prev = d
		}
		b = binary.AppendUvarint(b, uint64(len(t.T)))
		b = append(b, t.T...)
		b = binary.AppendUvarint(b, uint64(len(t.P)))
		b = append(b, t.P...)
	}
	return b
}

// save writes c to file, whole or not at all (a new file renamed over
// it).
func (c *exportCache) save(file string) error {
	tmp, err := os.CreateTemp(filepath.Dir(file), filepath.Base(file)+".new-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(c.encode())
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
