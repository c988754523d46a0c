package review

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"io/fs"
)

// A Listing is the review files of a repository as listed, each with its
// size and modification time (taken as the folders are read, statDirs),
// before any is read: Scan gives their states, hashes included.
type Listing struct {
	fsys    fs.FS
	entries []Entry
}

// List lists the review files of fsys as Scan does.
func List(fsys fs.FS) (*Listing, error) {
	entries, _, err := reviewEntries(statDirs(fsys))
	if err != nil {
		return nil, err
	}
	return &Listing{fsys, entries}, nil
}

// Scan returns the state of each listed file, as the package's Scan does
// with cache (which may be nil, and which it updates).
func (l *Listing) Scan(cache *StatCache) []State {
	states, _ := scan(l.fsys, l.entries, cache, false)
	return states
}

// StatKey returns the hex SHA-256 of the listed files' paths, sizes and
// modification times, in order, each field prefixed by its length or
// fixed in size: two listings with the same key have the same files, each
// with the size and time it had, which a StatCache takes for the same
// content. It is "" when a file has no time or cannot be stat'ed: then
// only its content tells.
func (l *Listing) StatKey() string {
	h := sha256.New()
	var buf []byte
	for _, e := range l.entries {
		info, err := e.Info()
		if err != nil || info.ModTime().IsZero() || info.ModTime().UnixNano() == 0 {
			return "" // as StatCache.lookup, which trusts no time 0
		}
		buf = binary.AppendUvarint(buf[:0], uint64(len(e.Path)))
		buf = append(buf, e.Path...)
		buf = binary.LittleEndian.AppendUint64(buf, uint64(info.Size()))
		buf = binary.LittleEndian.AppendUint64(buf, uint64(info.ModTime().UnixNano()))
		h.Write(buf)
	}
	return hex.EncodeToString(h.Sum(nil))
}
