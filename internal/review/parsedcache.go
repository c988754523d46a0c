package review

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"os"
	"path/filepath"

	"github.com/fupan/fupan/internal/atomicfile"
)

// The parsed-review cache keeps, for the next process, each review file
// as Load decoded and checked it (cachecodec.go), so that a command on a
// repository of 10,000 reviews in which one changed parses one: the
// others cost a lookup and a decoding. Options.CacheDir turns it on; the
// cache is the folder CacheDir/parsed, of parsedCacheShards files (00,
// 01, …), each holding the entries of the paths that fall to it
// (shardOf), so that an edit rewrites one of them, not all.
//
// An entry is found by the file's path and the SHA-256 of its content
// (the State of scan.go). The whole cache is under one key (in each
// file), the SHA-256 of everything else a parse depends on: fupan.yaml (catalogs, teams,
// custom fields, lint levels, secrets.allow), the schema file for
// editors, this fupan (parsedCacheProgram) and the encoding's version (in
// parsedCacheMagic). A file under another key is not read. What depends
// on the day, the overdue actions, is not decided when parsing but when
// loading (dueFindings), so a cache made yesterday is right today.
//
// The cache only saves work: a missing, damaged, truncated or foreign
// file is ignored and written again, an entry that does not decode (its
// CRC-32C does not match, or its encoding is cut short) is parsed again,
// and a cache that cannot be written is not. Each file is written to a
// temporary file renamed over the old one, so a process reads whole
// files, its own or another's, never half of one. (Before v2, the cache
// was the one file CacheDir/parsed; it is removed.)

// parsedCacheFile is the name of the cache folder in Options.CacheDir.
const parsedCacheFile = "parsed"

// parsedCacheShards is the number of files of the cache.
const parsedCacheShards = 64

// parsedCacheMagic starts each cache file. The version changes with the
// encoding.
const parsedCacheMagic = "fupan parsed-review cache v2\n"

// shardOf returns the file of the cache that holds the entry of path.
func shardOf(path string) int {
	return int(crc32.Checksum([]byte(path), castagnoli) % parsedCacheShards)
}

// shardName returns the name of the cache file i of the folder dir.
func shardName(dir string, i int) string {
	return filepath.Join(dir, fmt.Sprintf("%02x", i))
}

// A cacheKey is the SHA-256 of what every entry of a cache depends on.
type cacheKey [sha256.Size]byte

// newCacheKey returns the key of the parses of a repository with the
// fupan.yaml config and the schema file schema (nil when absent). ok is
// false when this fupan cannot be told apart from another
// (parsedCacheProgram): no cache is then read or written.
func newCacheKey(config, schema []byte) (k cacheKey, ok bool) {
	program := parsedCacheProgram()
	if program == "" {
		return k, false
	}
	h := sha256.New()
	part := func(name string, b []byte, present bool) {
		h.Write([]byte(name))
		h.Write([]byte{0})
		if present {
			h.Write(binary.AppendUvarint(nil, uint64(len(b))))
			h.Write(b)
		}
		h.Write([]byte{0})
	}
	part("magic", []byte(parsedCacheMagic), true)
	part("program", []byte(program), true)
	part("config", config, config != nil)
	part("schema", schema, schema != nil)
	h.Sum(k[:0])
	return k, true
}

// A parsedCache is a cache as read: the encoded parse of each file, by
// path, and how many entries each of its files holds (-1 for a file that
// could not be read).
type parsedCache struct {
	entries map[string]cacheEntry
	counts  [parsedCacheShards]int
}

// A cacheEntry is a file's parse as cached.
type cacheEntry struct {
	hash string // the hex SHA-256 of the file's content
	blob []byte // encodeKept's encoding
}

// lookup returns the cached parse of the file at path whose content has
// the hash, if the cache holds it and it decodes.
func (c *parsedCache) lookup(path, hash string) *kept {
	if c == nil || hash == "" {
		return nil
	}
	e, ok := c.entries[path]
	if !ok || e.hash != hash {
		return nil
	}
	k, err := decodeKept(e.blob, hash)
	if err != nil {
		return nil
	}
	k.blob, k.cached = e.blob, true
	return k
}

// errForeignCache is the error of a cache file that is not a cache of
// this key; it is ignored.
var errForeignCache = errors.New("not a parsed-review cache of this repository and fupan")

// readParsedCache reads the cache folder dir made under key. A file of it
// that cannot be read (missing, of another key, damaged) holds nothing:
// the review files that fall to it are parsed. Each file is mapped into
// memory (atomicfile.Map), not copied: the entries' blobs, and the
// strings decoded from them, point into it. A process reads the cache
// once for each config (Snapshot.Load), so the mappings, never unmapped,
// are few.
func readParsedCache(dir string, key cacheKey) *parsedCache {
	c := &parsedCache{entries: map[string]cacheEntry{}}
	for i := range parsedCacheShards { // mapped, each is read in a moment
		c.counts[i] = -1
		data, err := atomicfile.Map(shardName(dir, i))
		if err != nil {
			continue
		}
		if part, err := parseParsedCache(data, key); err == nil {
			maps.Copy(c.entries, part.entries)
			c.counts[i] = len(part.entries)
		}
	}
	return c
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// parseParsedCache reads the content of one cache file. The entries' blobs
// and paths are parts of data, as the strings decoded from them will be
// (see asString): data is never written to after (a mapping is
// read-only).
func parseParsedCache(data []byte, key cacheKey) (*parsedCache, error) {
	rest, ok := bytes.CutPrefix(data, []byte(parsedCacheMagic))
	if !ok || len(rest) < len(key) || !bytes.Equal(rest[:len(key)], key[:]) {
		return nil, errForeignCache
	}
	d := decoder{b: rest[len(key):], src: asString(data)}
	n := d.uint()
	c := &parsedCache{entries: make(map[string]cacheEntry, n)}
	for range n {
		path, hash := d.str(), d.str()
		var sum uint32
		if len(d.b) >= 4 {
			sum, d.b = binary.LittleEndian.Uint32(d.b), d.b[4:]
		} else {
			d.fail()
		}
		blob := d.bytes()
		if d.err != nil {
			return nil, d.err
		}
		if crc32.Checksum(blob, castagnoli) != sum {
			continue // parsed again
		}
		c.entries[path] = cacheEntry{hash: hash, blob: blob}
	}
	if d.err != nil || len(d.b) != 0 {
		return nil, errCacheEntry
	}
	return c, nil
}

// A cacheRecord is a file's parse to write in the cache.
type cacheRecord struct {
	path string
	cacheEntry
}

// writeParsedCache writes the records as the cache file name under key,
// atomically: to a temporary file beside it, renamed.
func writeParsedCache(name string, key cacheKey, records []cacheRecord) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		// The cache file of fupan before v2 where the folder goes.
		if os.Remove(filepath.Dir(name)) != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
	}
	size := len(parsedCacheMagic) + len(key) + 10
	for _, r := range records {
		size += len(r.path) + len(r.hash) + len(r.blob) + 3*10 + 4
	}
	b := make([]byte, 0, size)
	b = append(b, parsedCacheMagic...)
	b = append(b, key[:]...)
	e := encoder{b: b}
	e.uint(len(records))
	for _, r := range records {
		e.str(r.path)
		e.str(r.hash)
		e.b = binary.LittleEndian.AppendUint32(e.b, crc32.Checksum(r.blob, castagnoli))
		e.bytes(r.blob)
	}
	return atomicfile.WriteBytes(name, e.b, false)
}
