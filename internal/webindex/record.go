package webindex

import (
	"crypto/sha256"
	"encoding/binary"
	"os"
	"path/filepath"
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

// record reads the entries of the shard h from the cache; the error
// wraps errDamaged when the record is missing or not the one h names.
func (c *exportCache) record(h *shardHead) ([]*termEntry, error) {
	data, err := os.ReadFile(filepath.Join(c.dir, h.recordFile()))
	if err != nil || sha256.Sum256(data) != h.Record {
		return nil, errDamaged
	}
	entries, ok := decodeRecord(data)
	if !ok || len(entries) != h.Terms {
		return nil, errDamaged
	}
	return entries, nil
}
