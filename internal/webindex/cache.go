package webindex

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
)

// An exportCache is what an export keeps for the next one (WriteCached),
// in a folder: a head file (head) with the documents, by number, and
// their sums (search.DocSum), and what tells of each shard whether the
// next export may keep it whole (shardHead); and a record per shard
// with the entries of its terms (record.go), in pack files (pack.go).
// The next export, when it
// numbers the same documents in the same order, keeps without reading
// them the shards that no changed document holds a term of and whose
// terms the index's dictionary counts as the cache does; it reads the
// records of the others, and from the index only the terms that a
// changed document holds or held (see keeps); so the files are those a
// full export writes, and an edit writes only the records of the
// shards it changed, into one pack.
type exportCache struct {
	dir    string     // the folder
	IDs    []string   // the documents' ids, by number
	Sums   [][16]byte // the documents' sums, by number
	Shards []*shardHead
	packs  map[string]int // the size of each pack the shards' records are in, by name

	mapped mappings // the packs record mapped
}

// A shardHead is what the cache's head says of one shard.
type shardHead struct {
	First     string   // its first term
	FirstSize int      // the bytes of its first term's entry in the terms file
	Terms     int      // its number of terms
	Size      int      // the bytes of its terms file but the final "}"
	PSize     int      // the bytes of its positions file
	T, P      [32]byte // the SHA-256 of its terms and positions files
	Dict      [16]byte // dictSum of its terms, as it exported them
	Record    [32]byte // the SHA-256 of its record
	Pack      string   // the pack its record is in ("" until saved)
	Offset    int      // where its record is in the pack
	Length    int      // the bytes of its record
	Docs      []byte   // the documents that hold any of its terms, a bit each
}

// holds reports whether a document holds a term of the shard.
func (h *shardHead) holds(doc int32) bool { return h.Docs[doc/8]&(1<<(doc%8)) != 0 }

// name is the shard's name in the shards folder (see shardName).
func (h *shardHead) name() string { return shardName(h.T, h.P) }

const (
	headFile  = "head"
	recordExt = ".r" // the records of an older version, a file each
)

// A CacheError is a cache of WriteCached that could not be written: the
// export is complete, and the next one reads every term.
type CacheError struct{ Err error }

func (e *CacheError) Error() string { return e.Err.Error() }
func (e *CacheError) Unwrap() error { return e.Err }

// errDamaged is a record of the cache that is not what its head says.
var errDamaged = errors.New("the search export's cache is damaged")

// cacheKey names what a cache depends on besides the documents: this
// fupan (review.Program), which made the index's documents from their
// files, this package's format, the index's (its analysis), its text
// fields and the cutting of shards.
func cacheKey() string {
	return fmt.Sprintf("fupan %s, webindex %d, search %d, fields %v, shards %d/%d", review.Program(), Version, search.Version, search.Fields, ShardBytes, cutEvery)
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

// The head file: magic, then uvarint-prefixed strings and lists,
//
//	key, n, n × (id, sum[16]), packs, packs × (name, size), shards,
//	shards × (first, first size, terms, size, psize, T[32], P[32],
//	dict[16], record[32], pack, offset, length, docs[(n+7)/8])
//
// (pack an index into the packs) and last the SHA-256 of all that comes
// before it, so that a head damaged anywhere is no head.
const cacheMagic = "fupan search export cache v5\n"

// loadCache reads the cache in the folder dir; nil when there is none, or
// when it is of other versions or other documents (ids, by number), or
// damaged, or a pack it names is missing or not of its size: the export
// then reads every term.
func loadCache(dir string, ids []string) *exportCache {
	if dir == "" {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(dir, headFile))
	if err != nil {
		return nil
	}
	c, ok := decodeHead(data, ids)
	if !ok {
		return nil
	}
	for name, size := range c.packs {
		if info, err := os.Stat(filepath.Join(dir, name)); err != nil || info.Size() != int64(size) {
			return nil
		}
	}
	c.dir = dir
	return c
}

// decodeHead decodes a head file made for the documents ids; ok is false
// when it is not one.
func decodeHead(data []byte, ids []string) (c *exportCache, ok bool) {
	if len(data) < sha256.Size || sha256.Sum256(data[:len(data)-sha256.Size]) != [32]byte(data[len(data)-sha256.Size:]) {
		return nil, false
	}
	d := cacheDecoder{data: data[:len(data)-sha256.Size]}
	if !d.expect(cacheMagic) || d.string() != cacheKey() || d.uint() != len(ids) || d.bad {
		return nil, false
	}
	c = &exportCache{IDs: ids, Sums: make([][16]byte, len(ids))}
	for i, id := range ids {
		if d.string() != id {
			return nil, false
		}
		copy(c.Sums[i][:], d.bytes(16))
	}
	np := d.uint()
	if d.bad || np > len(d.data) {
		return nil, false
	}
	names := make([]string, np)
	c.packs = make(map[string]int, np)
	for i := range names {
		names[i] = d.string()
		if (i > 0 && names[i] <= names[i-1]) || !isPackName(names[i]) {
			return nil, false
		}
		c.packs[names[i]] = d.uint()
	}
	n := d.uint()
	if d.bad || n > len(d.data) {
		return nil, false
	}
	c.Shards = make([]*shardHead, n)
	for i := range c.Shards {
		h := &shardHead{First: d.string(), FirstSize: d.uint(), Terms: d.uint(), Size: d.uint(), PSize: d.uint()}
		copy(h.T[:], d.bytes(32))
		copy(h.P[:], d.bytes(32))
		copy(h.Dict[:], d.bytes(16))
		copy(h.Record[:], d.bytes(32))
		pack := d.uint()
		h.Offset, h.Length = d.uint(), d.uint()
		h.Docs = d.bytes((len(ids) + 7) / 8)
		if d.bad || (i > 0 && h.First <= c.Shards[i-1].First) || pack >= len(names) {
			return nil, false
		}
		h.Pack = names[pack]
		if h.Offset+h.Length > c.packs[h.Pack] {
			return nil, false
		}
		c.Shards[i] = h
	}
	return c, d.off == len(d.data)
}

// encodeHead returns the head file of c (see writeHead).
func (c *exportCache) encodeHead() []byte {
	var b bytes.Buffer
	c.writeHead(&b) // a bytes.Buffer's Write never fails
	return b.Bytes()
}

// writeHead writes the head file of c, whose shards are all in its packs,
// to w, a piece at a time, summing it as it goes: the head of 10,000
// documents is megabytes (a bit per document and shard), which it does
// not make in memory whole.
func (c *exportCache) writeHead(w io.Writer) error {
	sum := sha256.New()
	out := io.MultiWriter(w, sum)
	b := make([]byte, 0, 4<<10)
	// flush writes b when it is full or last is set.
	flush := func(last bool) error {
		if len(b) < 4<<10 && !last {
			return nil
		}
		_, err := out.Write(b)
		b = b[:0]
		return err
	}
	b = append(b, cacheMagic...)
	b = appendString(b, cacheKey())
	b = binary.AppendUvarint(b, uint64(len(c.IDs)))
	for i, id := range c.IDs {
		b = appendString(b, id)
		b = append(b, c.Sums[i][:]...)
		if err := flush(false); err != nil {
			return err
		}
	}
	names := slices.Sorted(maps.Keys(c.packs))
	b = binary.AppendUvarint(b, uint64(len(names)))
	index := make(map[string]int, len(names))
	for i, name := range names {
		b = appendString(b, name)
		b = binary.AppendUvarint(b, uint64(c.packs[name]))
		index[name] = i
	}
	b = binary.AppendUvarint(b, uint64(len(c.Shards)))
	for _, h := range c.Shards {
		b = appendString(b, h.First)
		b = binary.AppendUvarint(b, uint64(h.FirstSize))
		b = binary.AppendUvarint(b, uint64(h.Terms))
		b = binary.AppendUvarint(b, uint64(h.Size))
		b = binary.AppendUvarint(b, uint64(h.PSize))
		b = append(b, h.T[:]...)
		b = append(b, h.P[:]...)
		b = append(b, h.Dict[:]...)
		b = append(b, h.Record[:]...)
		b = binary.AppendUvarint(b, uint64(index[h.Pack]))
		b = binary.AppendUvarint(b, uint64(h.Offset))
		b = binary.AppendUvarint(b, uint64(h.Length))
		if err := flush(true); err != nil {
			return err
		}
		if _, err := out.Write(h.Docs); err != nil {
			return err
		}
	}
	if err := flush(true); err != nil {
		return err
	}
	_, err := w.Write(sum.Sum(nil))
	return err
}

// appendString appends s, prefixed with its length.
func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
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

// openCacheDir makes the cache folder dir, in place of a file there (a
// cache of an older version was one file).
func openCacheDir(dir string) error {
	if info, err := os.Lstat(dir); err == nil && !info.IsDir() {
		if err := os.Remove(dir); err != nil {
			return err
		}
	}
	return os.MkdirAll(dir, 0o755)
}

// save writes the head of c, after a pack with the records that are in
// none of the packs of prev (nil for none), the last cache, written
// from their entries (records, by shard), and with the records of the
// packs of prev that lost most of theirs (see placeRecords); then
// removes the packs no shard of c names. The pack, like the head, is
// written whole or not at all (a new file renamed over it).
func (c *exportCache) save(prev *exportCache, records map[*shardHead][]*termEntry) error {
	if err := openCacheDir(c.dir); err != nil {
		return fmt.Errorf("keep the search export in %s: %w", c.dir, err)
	}
	if err := c.writePack(prev, records); err != nil {
		return err
	}
	if err := writeWhole(filepath.Join(c.dir, headFile), c.writeHead); err != nil {
		return err
	}
	es, err := os.ReadDir(c.dir)
	if err != nil {
		return nil // the next save removes them
	}
	for _, e := range es {
		if n := e.Name(); n != headFile {
			if _, ok := c.packs[n]; ok {
				continue
			}
			if strings.HasSuffix(n, packExt) || strings.HasSuffix(n, recordExt) || strings.Contains(n, ".new-") {
				os.Remove(filepath.Join(c.dir, n))
			}
		}
	}
	return nil
}

// wholeBuf is the buffer of writeWhole: a record's small parts are
// written in few calls.
const wholeBuf = 64 << 10

// wholeWriters are the buffered writers of writeWhole, reused from one
// file to the next (a cold export writes a record per shard).
var wholeWriters = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, wholeBuf) }}

// writeWhole writes file through write, whole or not at all (a new file
// renamed over it).
func writeWhole(file string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(file), filepath.Base(file)+".new-*")
	if err != nil {
		return fmt.Errorf("keep the search export in %s: %w", filepath.Dir(file), err)
	}
	w := wholeWriters.Get().(*bufio.Writer)
	w.Reset(tmp)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	w.Reset(nil)
	wholeWriters.Put(w)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("keep the search export in %s: %w", filepath.Dir(file), err)
	}
	return nil
}
