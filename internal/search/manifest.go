package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/fupan/fupan/internal/atomicfile"
	"github.com/fupan/fupan/internal/manifestfield"
)

// Version is the version of the index layout, the mapping, the analysis
// and the manifest. An index on disk written with another version is
// rebuilt. 2: the manifest lists the index files; 3: the
// contributing_factors field; 4: a review's size and time are the stat
// cache's (review.StatCache), no longer the manifest's; 5: the custom
// fields (field); 6: traceback_absent, verification.watch, edge_inputs and
// action owners are searched, and the raised field.
const Version = 6

// manifestPrefix starts the first line of a manifest, before the version.
const manifestPrefix = "fupan search manifest v"

// manifestHeader is the first line of a manifest.
var manifestHeader = manifestPrefix + strconv.Itoa(Version)

// An entry is what the manifest remembers of one indexed review file:
// the SHA-256 of its content, which review.Diff compares with the hash
// review.Scan gives, and whether it is a document of the index (a file
// that does not decode is not).
type entry struct {
	ID   string
	Path string
	Hash string
	Doc  bool
}

// A manifest is what the state folder holds besides the index: the files
// of the index as they were when it was last closed after a write, and
// the review files it was built from. An index whose files are not those
// of its manifest (one is missing, or has another size or modification
// time) is damaged, and is never opened: a bolt file cut short makes bbolt
// panic or fault, a missing segment makes scorch open an empty index, a
// segment written over gives wrong hits.
type manifest struct {
	files   map[string]stamp // by slash path under index.bleve
	reviews map[string]entry // by id
}

func newManifest() *manifest {
	return &manifest{files: map[string]stamp{}, reviews: map[string]entry{}}
}

// A stamp is the size and modification time (Unix ns) of a file of the
// index.
type stamp struct{ size, mtime int64 }

// docs is the number of documents the index holds.
func (m *manifest) docs() uint64 {
	var n uint64
	for _, e := range m.reviews {
		if e.Doc {
			n++
		}
	}
	return n
}

// A versionError is a manifest of another version.
type versionError struct{ version string }

func (e *versionError) Error() string {
	return fmt.Sprintf("of another version (v%s; this fupan writes v%d)", e.version, Version)
}

// A damageError is a state folder that cannot be trusted: a manifest that
// does not parse, index files that are not those of the manifest, an index
// bleve cannot open or whose documents are not those of the manifest.
type damageError struct{ err error }

func (e *damageError) Error() string { return "damaged (" + e.err.Error() + ")" }
func (e *damageError) Unwrap() error { return e.err }

// damaged returns a damageError of one line: bleve's errors can hold
// several (a mapping that does not parse is quoted whole).
func damaged(format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	if first, _, cut := strings.Cut(err.Error(), "\n"); cut {
		err = errors.New(strings.TrimSpace(first))
	}
	return &damageError{err}
}

// readManifest reads a manifest written by write. The format is a header
// line, then one line per file of the index and one per review file,
// tab-separated:
//
//	fupan search manifest v4
//	file    store/root.bolt  SIZE  MTIME
//	review  ID  PATH  SHA-256  DOC
//
// with DOC 1 for a review that is a document of the index, 0 for a file
// that does not decode. A manifest that is not whole is a damageError; one
// whose header names another version, a versionError.
func readManifest(name string) (*manifest, error) {
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err != nil {
		return nil, &damageError{err}
	}
	return parseManifest(data)
}

// parseManifest parses the content of a manifest.
func parseManifest(data []byte) (*manifest, error) {
	line, rest, _ := bytes.Cut(data, []byte("\n"))
	if string(line) != manifestHeader {
		v, ok := strings.CutPrefix(string(line), manifestPrefix)
		if _, err := strconv.Atoi(v); ok && err == nil {
			return nil, &versionError{v}
		}
		return nil, damaged("the manifest does not start with %q", manifestHeader)
	}
	if len(rest) > 0 && rest[len(rest)-1] != '\n' {
		return nil, damaged("the manifest is cut short")
	}
	m := newManifest()
	for n := 2; len(rest) > 0; n++ {
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		if err := m.parseLine(string(line)); err != nil {
			return nil, damaged("manifest line %d: %v", n, err)
		}
	}
	if len(m.files) == 0 {
		return nil, damaged("the manifest lists no index file")
	}
	return m, nil
}

func (m *manifest) parseLine(line string) error {
	f := strings.Split(line, "\t")
	switch {
	case f[0] == "file" && len(f) == 4:
		size, err1 := strconv.ParseInt(f[2], 10, 64)
		mtime, err2 := strconv.ParseInt(f[3], 10, 64)
		if err := errors.Join(err1, err2); err != nil || !fs.ValidPath(f[1]) {
			return fmt.Errorf("bad file line %q", line)
		}
		m.files[f[1]] = stamp{size, mtime}
	case f[0] == "review" && len(f) == 5:
		id, err0 := manifestfield.Unquote(f[1])
		path, err1 := manifestfield.Unquote(f[2])
		if err := errors.Join(err0, err1); err != nil || (f[4] != "0" && f[4] != "1") || id == "" {
			return fmt.Errorf("bad review line %q", line)
		}
		m.reviews[id] = entry{ID: id, Path: path, Hash: f[3], Doc: f[4] == "1"}
	default:
		return fmt.Errorf("want a file or review line, have %q", line)
	}
	return nil
}

// write writes the manifest atomically, on the disk before it replaces
// the last: it vouches for the index files.
func (m *manifest) write(name string) error {
	return atomicfile.Write(name, true, func(w io.Writer) error {
		m.encode(w)
		return nil
	})
}

// encode writes the manifest in the format readManifest reads; w's errors
// are left to the caller.
func (m *manifest) encode(w io.Writer) {
	fmt.Fprintln(w, manifestHeader)
	for _, p := range slices.Sorted(maps.Keys(m.files)) {
		st := m.files[p]
		fmt.Fprintf(w, "file\t%s\t%d\t%d\n", p, st.size, st.mtime)
	}
	for _, id := range slices.Sorted(maps.Keys(m.reviews)) {
		e := m.reviews[id]
		doc := 0
		if e.Doc {
			doc = 1
		}
		fmt.Fprintf(w, "review\t%s\t%s\t%s\t%d\n", manifestfield.Quote(e.ID), manifestfield.Quote(e.Path), e.Hash, doc)
	}
}

// indexFiles lists the files of the index in dir (index.bleve), by slash
// path, with their stamps.
func indexFiles(dir string) (map[string]stamp, error) {
	files := map[string]stamp{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = stamp{info.Size(), info.ModTime().UnixNano()}
		return nil
	})
	return files, err
}

// checkFiles reports whether the files of the index in dir (index.bleve)
// are those of the manifest: each there, a regular file of its size and
// modification time. Files the manifest does not list are not looked at:
// bleve does not read them. (A file that changes on disk without a write,
// such as by bit rot, keeps its stamp: the recovered panics and the count
// of documents of Open are the last defence there.)
func (m *manifest) checkFiles(dir string) error {
	for _, p := range slices.Sorted(maps.Keys(m.files)) {
		info, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return damaged("%s is missing", p)
		case err != nil:
			return &damageError{err}
		case !info.Mode().IsRegular():
			return damaged("%s is not a regular file", p)
		case info.Size() != m.files[p].size:
			return damaged("%s has %d bytes, the manifest says %d", p, info.Size(), m.files[p].size)
		case info.ModTime().UnixNano() != m.files[p].mtime:
			return damaged("%s was written since fupan closed it", p)
		}
	}
	return nil
}

// hash returns the hex SHA-256 of data.
func hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
