package webindex

import (
	"crypto/sha256"
	"encoding/binary"
	"path/filepath"
	"sync"

	"github.com/fupan/fupan/internal/atomicfile"
)

// A record file of the cache holds the entries of one shard's terms, in
// order, as uvarint-prefixed strings and lists:
//
//	terms, terms × (term, fields, fields × (field, df), docs, docs × doc
//	delta, len(T), T, len(P), P)
//
// It is named for its SHA-256, which the head keeps (shardHead.Record):
// a record is read only when its bytes have that sum.

// encodeRecord returns the record file of a shard's entries.
func encodeRecord(entries []*termEntry) []byte {
	size := 8
	for _, t := range entries {
		size += len(t.Term) + len(t.T) + len(t.P) + 3*len(t.Docs) + 4*len(t.Fields) + 16
	}
	b := make([]byte, 0, size)
	b = binary.AppendUvarint(b, uint64(len(entries)))
	for _, t := range entries {
		b = appendString(b, t.Term)
		b = binary.AppendUvarint(b, uint64(len(t.Fields)))
		for j, f := range t.Fields {
			b = binary.AppendUvarint(b, uint64(f))
			b = binary.AppendUvarint(b, uint64(t.DF[j]))
		}
		b = appendDocs(b, t.Docs)
		b = appendString(b, string(t.T))
		b = appendString(b, string(t.P))
	}
	return b
}

// decodeRecord decodes a record file; ok is false when it is not one.
// The entries' bytes are slices of data.
func decodeRecord(data []byte) (entries []*termEntry, ok bool) {
	d := cacheDecoder{data: data}
	n := d.uint()
	if d.bad || n > len(data) {
		return nil, false
	}
	entries = make([]*termEntry, n)
	for i := range entries {
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
		entries[i] = t
	}
	return entries, d.off == len(data)
}

// record reads the entries of the shard h from the cache, mapped until
// c.release; the error wraps errDamaged when the record is missing or
// not the one h names.
func (c *exportCache) record(h *shardHead) ([]*termEntry, error) {
	return c.recordIn(h, &c.mapped)
}

// recordIn is record, with the record file mapped until m.release: the
// entries' T and P point into it (their terms are copies).
func (c *exportCache) recordIn(h *shardHead, m *mappings) ([]*termEntry, error) {
	f, err := atomicfile.Mapped(filepath.Join(c.dir, h.recordFile()))
	if err != nil {
		return nil, errDamaged
	}
	data := f.Data
	if sha256.Sum256(data) != h.Record {
		f.Close()
		return nil, errDamaged
	}
	m.add(f)
	entries, ok := decodeRecord(data)
	if !ok || len(entries) != h.Terms {
		return nil, errDamaged
	}
	return entries, nil
}

// mappings are the record files an export mapped (record files, like
// the head, are replaced by rename, never changed in place): they are
// unmapped by release, once what was read from them was copied into the
// shards made (makeShard) and nothing points into them.
type mappings struct {
	mu   sync.Mutex
	list []*atomicfile.Mapping
}

func (m *mappings) add(f *atomicfile.Mapping) {
	m.mu.Lock()
	m.list = append(m.list, f)
	m.mu.Unlock()
}

// release unmaps the files of m.
func (m *mappings) release() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, f := range m.list {
		f.Close()
	}
	m.list = nil
}

// release unmaps the record files that c.record mapped; nil has none.
func (c *exportCache) release() {
	if c != nil {
		c.mapped.release()
	}
}
