package search

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"slices"

	"github.com/fupan/fupan/internal/review"
)

// Most runs find that no review changed since the index was written. They
// learn it from one line of the manifest rather than from its review
// lines: the manifest keeps the contentKey of the review files it was made
// from, and a run compares it with the key of the files it scanned. Equal
// keys are equal sets of (path, content hash), for which review.Diff finds
// no change, so the review lines are read only when something changed.
// The scan still stats every file: an edit in place changes a file's size
// or time, not its folder's.

// A pathHash is a review file's slash path and the SHA-256 of its content.
type pathHash struct{ path, hash string }

// contentKey is the hex SHA-256 of files sorted by path, each path and
// hash prefixed by its length (so no two sets are written alike). It
// sorts files.
func contentKey(files []pathHash) string {
	slices.SortFunc(files, func(a, b pathHash) int { return cmp.Compare(a.path, b.path) })
	h := sha256.New()
	var buf []byte
	for _, f := range files {
		buf = binary.AppendUvarint(buf[:0], uint64(len(f.path)))
		buf = append(buf, f.path...)
		buf = binary.AppendUvarint(buf, uint64(len(f.hash)))
		buf = append(buf, f.hash...)
		h.Write(buf)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// isKey reports whether s is written as contentKey writes a key.
func isKey(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// unchanged reports whether files, as scanned, are the review files m was
// made from, each with the same content, as m's summary line says: then
// review.Diff would find no change. A file that could not be read (no
// hash) is always a change; a manifest without a summary tells nothing.
func (m *manifest) unchanged(files []review.State) bool {
	if m.key == "" {
		return false // no summary: the review lines tell
	}
	pairs := make([]pathHash, len(files))
	for i, f := range files {
		if f.Hash == "" {
			return false
		}
		pairs[i] = pathHash{f.Path, f.Hash}
	}
	return contentKey(pairs) == m.key
}
