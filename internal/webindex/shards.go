package webindex

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	gohash "hash"
	"hash/fnv"
)

// Shards are cut where their content says, not every ShardBytes, so that
// a change in one shard leaves the cuts of the others where they were,
// and their files, named for their content, keep their names: before a
// term, a shard of at least ShardBytes/2 is cut when the term's hash
// picks it (one term in cutEvery, which makes them about ShardBytes on
// average), and one of 2·ShardBytes always; and any shard before a term
// whose entry is ShardBytes or more, so that a query of a common term
// loads no other terms with it. So a cut depends on the shard before it
// and the next term only.
const cutEvery = 8

// cutBefore reports whether a shard of size bytes (its terms file but the
// final "}") ends before term, whose entry in the terms file is of next
// bytes.
func cutBefore(size int, term string, next int) bool {
	if size >= 2*ShardBytes || (size > 0 && next >= ShardBytes) {
		return true
	}
	if size < ShardBytes/2 {
		return false
	}
	h := fnv.New32a()
	h.Write([]byte(term))
	return h.Sum32()%cutEvery == 0
}

// A shard is a shard of an export: its head, and its files and entries
// when made by this export (the entries' T and P are slices of its
// files: its record, written by writeRecord); a shard kept whole from the
// cache has only its head.
type shard struct {
	head    *shardHead
	t, p    []byte
	entries []*termEntry
}

// makeShard makes the shard of entries (in byte order, at least one) of
// an export of n documents: its files, and its head but the record's sum
// (see sumRecord). It points each entry's T and P at its bytes in the
// files made, so that what they pointed at (a record file mapped, bytes
// read from the index) is needed no more; a spliced entry's parts are
// joined there.
func makeShard(entries []*termEntry, n int) *shard {
	size := 2
	psize := 2
	for _, e := range entries {
		size += e.tLen() + 1
		psize += e.pLen() + 1
	}
	t := make([]byte, 0, size)
	p := make([]byte, 0, psize)
	dict := newDictSum()
	docs := make([]byte, (n+7)/8)
	for i, e := range entries {
		sep := byte('{')
		if i > 0 {
			sep = ','
		}
		t0, p0 := len(t)+1, len(p)+1
		t, p = append(t, sep), append(p, sep)
		if e.parts != nil {
			t, p = e.parts.t.appendTo(t), e.parts.p.appendTo(p)
			e.parts = nil
		} else {
			t, p = append(t, e.T...), append(p, e.P...)
		}
		e.T, e.P = t[t0:len(t):len(t)], p[p0:len(p):len(p)]
		dict.add(e.Term, e.Fields, e.DF)
		for _, d := range e.Docs {
			docs[d/8] |= 1 << (d % 8)
		}
	}
	h := &shardHead{First: entries[0].Term, FirstSize: len(entries[0].T), Terms: len(entries), Size: len(t), Docs: docs}
	t = append(t, '}')
	p = append(p, '}')
	h.PSize = len(p)
	h.T, h.P = sha256.Sum256(t), sha256.Sum256(p)
	h.Dict = dict.sum()
	return &shard{head: h, t: t, p: p, entries: entries}
}

// sumRecord sets the head's sum of the shard's record, which names it.
func (s *shard) sumRecord() { s.head.Record = recordSum(s.entries) }

// shardName is the name of a shard of terms file SHA-256 t and positions
// file SHA-256 p: 12 hex digits of the SHA-256 of both. Its files in the
// shards folder are NAME.t.json and NAME.p.json.
func shardName(t, p [32]byte) string {
	h := sha256.New()
	h.Write(t[:])
	h.Write(p[:])
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// A dictSum sums the terms of a shard with the fields that hold each and
// their counts: those of its entries (DF) when it is made, those of the
// index's dictionary when the next export asks whether it may keep it.
// The two are equal when each term's count is the postings the cache
// has of it (see keeps).
type dictSum struct {
	h   gohash.Hash
	buf []byte
}

func newDictSum() *dictSum { return &dictSum{h: sha256.New()} }

func (s *dictSum) add(term string, fields, counts []int32) {
	b := appendString(s.buf[:0], term)
	b = binary.AppendUvarint(b, uint64(len(fields)))
	for i, f := range fields {
		b = binary.AppendUvarint(b, uint64(f))
		b = binary.AppendUvarint(b, uint64(counts[i]))
	}
	s.h.Write(b)
	s.buf = b
}

func (s *dictSum) sum() (out [16]byte) {
	copy(out[:], s.h.Sum(nil))
	return out
}
