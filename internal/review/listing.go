package review

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"io/fs"
	"sync"
)

// A Listing is the review files of a repository as listed, each with its
// size and modification time (taken as the folders are read, statDirs),
// before any is read: Scan gives their states, hashes included.
//
// One listing, scanned once, can serve every reader of a run (a build's
// key, Load through Options.Listing, the search index's freshness check),
// so that each file is stat'ed once, not once by each: what changed is
// then one answer, taken at one time. A Listing is safe for concurrent
// use once scanned.
type Listing struct {
	fsys     fs.FS
	entries  []Entry
	findings []Finding // links not followed, folders that cannot be read

	mu      sync.Mutex
	scanned []State // as the last Scan returned them; nil before
}

// List lists the review files of fsys as Scan does.
func List(fsys fs.FS) (*Listing, error) {
	entries, findings, err := reviewEntries(statDirs(fsys))
	if err != nil {
		return nil, err
	}
	return &Listing{fsys: fsys, entries: entries, findings: findings}, nil
}

// Scan returns the state of each listed file, as the package's Scan does
// with cache (which may be nil, and which it updates), and keeps them for
// Scanned.
func (l *Listing) Scan(cache *StatCache) []State {
	states, _ := scan(l.fsys, l.entries, cache, false)
	l.mu.Lock()
	l.scanned = states
	l.mu.Unlock()
	return states
}

// Scanned returns the states the last Scan returned, or nil before any
// (and for a nil Listing). They are shared: the caller does not change
// them.
func (l *Listing) Scanned() []State {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.scanned
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
