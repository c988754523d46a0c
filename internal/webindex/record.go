package webindex

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
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
// It is kept in a pack (pack.go), with its SHA-256 in the head
// (shardHead.Record): a record is read only when its bytes have that sum.

// writeRecord writes the record file of a shard's entries to w: their
// terms, fields and documents through a buffer of recordBufs, their T and
// P as they are, so that a record is never a copy of its shard in memory.
func writeRecord(w io.Writer, entries []*termEntry) error {
	bp := recordBufs.Get().(*[]byte)
	defer recordBufs.Put(bp)
	b := binary.AppendUvarint((*bp)[:0], uint64(len(entries)))
	// flush writes b, then data, and empties b.
	flush := func(data []byte) error {
		_, err := w.Write(b)
		if err == nil && len(data) > 0 {
			_, err = w.Write(data)
		}
		b = b[:0]
		*bp = b
		return err
	}
	for _, t := range entries {
		b = appendString(b, t.Term)
		b = binary.AppendUvarint(b, uint64(len(t.Fields)))
		for j, f := range t.Fields {
			b = binary.AppendUvarint(b, uint64(f))
			b = binary.AppendUvarint(b, uint64(t.DF[j]))
		}
		b = binary.AppendUvarint(b, uint64(len(t.Docs)))
		prev := int32(0)
		for _, d := range t.Docs {
			if len(b) >= recordBufSize {
				if err := flush(nil); err != nil {
					return err
				}
			}
			b = binary.AppendUvarint(b, uint64(d-prev))
			prev = d
		}
		b = binary.AppendUvarint(b, uint64(len(t.T)))
		if err := flush(t.T); err != nil {
			return err
		}
		b = binary.AppendUvarint(b, uint64(len(t.P)))
		if err := flush(t.P); err != nil {
			return err
		}
	}
	return flush(nil)
}

// recordBufSize is about the most bytes writeRecord buffers before it
// writes them (a term's documents are written in pieces of it).
const recordBufSize = 4 << 10

// recordBufs are the buffers of writeRecord, reused from one record to
// the next.
var recordBufs = sync.Pool{New: func() any {
	b := make([]byte, 0, recordBufSize+64)
	return &b
}}

// recordSum returns the SHA-256 of the record file of entries.
func recordSum(entries []*termEntry) (sum [32]byte) {
	h := sha256.New()
	writeRecord(h, entries) // a hash.Hash's Write never fails
	h.Sum(sum[:0])
	return sum
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

// recordIn is record, with its pack mapped until m.release: the
// entries' T and P point into it (their terms are copies).
func (c *exportCache) recordIn(h *shardHead, m *mappings) ([]*termEntry, error) {
	data, err := m.slice(c.dir, h.Pack, h.Offset, h.Length)
	if err != nil || sha256.Sum256(data) != h.Record {
		return nil, errDamaged
	}
	entries, ok := decodeRecord(data)
	if !ok || len(entries) != h.Terms {
		return nil, errDamaged
	}
	return entries, nil
}

// mappings are the packs an export mapped, each once (packs, like the
// head, are replaced by rename, never changed in place): they are
// unmapped by release, once what was read from them was copied into the
// shards made (makeShard) and nothing points into them.
type mappings struct {
	mu     sync.Mutex
	byName map[string]*atomicfile.Mapping
}

// slice returns the bytes [offset, offset+length) of the pack name in
// the folder dir, which it maps unless m has; the error wraps errDamaged
// when the pack is missing or shorter.
func (m *mappings) slice(dir, name string, offset, length int) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f := m.byName[name]
	if f == nil {
		var err error
		if f, err = atomicfile.Mapped(filepath.Join(dir, name)); err != nil {
			return nil, fmt.Errorf("%w: %v", errDamaged, err)
		}
		if m.byName == nil {
			m.byName = map[string]*atomicfile.Mapping{}
		}
		m.byName[name] = f
	}
	if offset < 0 || length < 0 || offset+length > len(f.Data) {
		return nil, fmt.Errorf("%w: %s is cut short", errDamaged, name)
	}
	return f.Data[offset : offset+length : offset+length], nil
}

// release unmaps the files of m.
func (m *mappings) release() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, f := range m.byName {
		f.Close()
	}
	m.byName = nil
}

// release unmaps the packs that c.record mapped; nil has none.
func (c *exportCache) release() {
	if c != nil {
		c.mapped.release()
	}
}
