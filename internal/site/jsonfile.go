package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
)

// A jsonFile is reviews.json as json lays it out: the bytes this build
// made (the opening, the separators, the entries encoded again) and runs
// of the last site's reviews.json copied as they are (a run of entries
// that follow one another there as here, with the separators between,
// ",\n  ", the same). Its WriteTo writes it without ever holding it
// whole, and may be called once when it copies from the last file,
// which it closes; else as often as wanted.
type jsonFile struct {
	parts []jsonPart
	size  int64
	last  *lastJSON // what the copies are read from; nil for none
}

// A jsonPart is bytes made by this build, or when data is nil, the n
// bytes at src of the last reviews.json.
type jsonPart struct {
	data   []byte
	src, n int64
}

// add appends bytes made by this build.
func (j *jsonFile) add(data []byte) {
	if len(data) == 0 {
		return
	}
	j.parts = append(j.parts, jsonPart{data: data})
	j.size += int64(len(data))
}

// copy appends the n bytes at src of the last reviews.json.
func (j *jsonFile) copy(src, n int64) {
	if !j.extend(src, n) {
		j.parts = append(j.parts, jsonPart{src: src, n: n})
		j.size += n
	}
}

// extend appends the n bytes at src of the last reviews.json to the last
// part, when it is the copy of the bytes just before; it reports whether
// it did.
func (j *jsonFile) extend(src, n int64) bool {
	k := len(j.parts) - 1
	if k < 0 || j.parts[k].data != nil || j.parts[k].src+j.parts[k].n != src {
		return false
	}
	j.parts[k].n += n
	j.size += n
	return true
}

// unchanged reports whether j is the last reviews.json, byte for byte:
// each part is where it is in the last file (the copies at their own
// offset, the bytes made as they are there), and the sizes are the same.
func (j *jsonFile) unchanged() bool {
	if j.last == nil || j.size != j.last.st.Size {
		return false
	}
	var at int64
	for _, p := range j.parts {
		if p.data == nil && p.src != at || p.data != nil && !j.last.holds(at, p.data) {
			return false
		}
		at += p.n + int64(len(p.data))
	}
	return true
}

// hash returns the hex SHA-256 of j, which copies nothing from a last
// file (when it does, "").
func (j *jsonFile) hash() string {
	if j.last != nil {
		return ""
	}
	h := sha256.New()
	for _, p := range j.parts {
		h.Write(p.data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// WriteTo writes reviews.json to w. The copies fail, wrapping
// ErrKeptChanged, when the last file is no longer as its manifest
// stamped it, before or after.
func (j *jsonFile) WriteTo(w io.Writer) (written int64, err error) {
	defer j.last.close()
	changed := fmt.Errorf("the last reviews.json: %w", ErrKeptChanged)
	if j.last != nil && !stampedNow(j.last.f, j.last.st) {
		return 0, changed
	}
	var buf []byte
	for _, p := range j.parts {
		if p.data != nil {
			n, err := w.Write(p.data)
			written += int64(n)
			if err != nil {
				return written, err
			}
			continue
		}
		if buf == nil {
			buf = make([]byte, min(256<<10, j.size))
		}
		n, err := io.CopyBuffer(w, io.NewSectionReader(j.last.f, p.src, p.n), buf)
		written += n
		if err != nil {
			return written, err
		}
		if n != p.n {
			return written, changed
		}
	}
	if j.last != nil && !stampedNow(j.last.f, j.last.st) {
		return written, changed
	}
	return written, nil
}

// holds reports whether the last reviews.json holds data at offset at.
func (l *lastJSON) holds(at int64, data []byte) bool {
	if l == nil || at < 0 || at+int64(len(data)) > l.st.Size {
		return false
	}
	got := make([]byte, len(data))
	if _, err := l.f.ReadAt(got, at); err != nil {
		return false
	}
	return bytes.Equal(got, data)
}

// pathEntry returns where the entry of the review file path is in the last
// reviews.json; ok is false when it is not there (or there is none).
func (l *lastJSON) pathEntry(path string) (at [2]int, ok bool) {
	if l == nil {
		return at, false
	}
	at, ok = l.byPath[path]
	return at, ok
}
