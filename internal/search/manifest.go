package search

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Version is the version of the index layout, the mapping and the
// analysis. An index on disk written with another version is rebuilt.
// 2: the contributing_factors field.
const Version = 2

// manifestHeader is the first line of a manifest.
var manifestHeader = fmt.Sprintf("fupan search manifest v%d", Version)

// An entry is what the manifest remembers of one indexed review file: the
// size and modification time seen when it was indexed, which tell cheaply
// that it has not changed, and the SHA-256 of its content, which tells it
// for sure when the time changed but the content did not.
type entry struct {
	ID    string
	Path  string
	Size  int64
	MTime int64 // Unix nanoseconds
	Hash  string
}

// manifest maps review ids to entries.
type manifest map[string]entry

// errOldManifest is returned for a manifest of another version.
var errOldManifest = errors.New("manifest of another version")

// readManifest reads a manifest written by write. The format is a header
// line and one line per review: id, path, size, mtime, hash, tab-separated;
// an id or path with a tab, a line break or a leading '"' is written
// quoted, as strconv.Quote quotes it (a file name may hold any of them).
func readManifest(name string) (manifest, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	line, rest, _ := bytes.Cut(data, []byte("\n"))
	if string(line) != manifestHeader {
		return nil, errOldManifest
	}
	m := manifest{}
	for n := 2; len(rest) > 0; n++ {
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		f := strings.Split(string(line), "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("%s:%d: want 5 fields, have %d", name, n, len(f))
		}
		id, err0 := unquoteField(f[0])
		path, err1 := unquoteField(f[1])
		size, err2 := strconv.ParseInt(f[2], 10, 64)
		mtime, err3 := strconv.ParseInt(f[3], 10, 64)
		if err := errors.Join(err0, err1, err2, err3); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		m[id] = entry{ID: id, Path: path, Size: size, MTime: mtime, Hash: f[4]}
	}
	return m, nil
}

// write writes the manifest atomically: to a temporary file, renamed.
func (m manifest) write(name string) error {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	tmp, err := os.CreateTemp(filepath.Dir(name), ".manifest-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, nothing is there
	w := bufio.NewWriter(tmp)
	fmt.Fprintln(w, manifestHeader)
	for _, id := range ids {
		e := m[id]
		fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%s\n", quoteField(e.ID), quoteField(e.Path), e.Size, e.MTime, e.Hash)
	}
	if err := errors.Join(w.Flush(), tmp.Close()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// quoteField returns s as a field of a manifest line: quoted when it holds
// a tab or a line break, or begins with a double quote.
func quoteField(s string) string {
	if strings.ContainsAny(s, "\t\n\r") || strings.HasPrefix(s, `"`) {
		return strconv.Quote(s)
	}
	return s
}

// unquoteField reads a field written by quoteField.
func unquoteField(f string) (string, error) {
	if !strings.HasPrefix(f, `"`) {
		return f, nil
	}
	return strconv.Unquote(f)
}

// hash returns the hex SHA-256 of data.
func hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
