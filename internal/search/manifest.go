package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
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
// action owners are searched, and the raised field; 7: the manifest sums
// up its reviews in a line of its own, so that a run that finds no review
// changed need not read them.
const Version = 7

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
	files map[string]stamp // by slash path under index.bleve

	// The review lines, by id; nil until load parses them from pending,
	// which start at line pendingLine of the file.
	reviews     map[string]entry
	pending     []byte
	pendingLine int

	// The reviews' summary line of a manifest read, when it sums up the
	// review lines that follow (its checksum is theirs): how many are
	// documents of the index, and the contentKey of their paths and
	// hashes, which tells a run that nothing changed without reading them.
	// key is "" when there is no such line.
	ndocs uint64
	key   string
}

func newManifest() *manifest {
	return &manifest{files: map[string]stamp{}, reviews: map[string]entry{}}
}

// A stamp is the size and modification time (Unix ns) of a file of the
// index.
type stamp struct{ size, mtime int64 }

// docs is the number of documents the index holds.
func (m *manifest) docs() uint64 {
	if m.reviews == nil {
		return m.ndocs
	}
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
// line, then one line per file of the index, the reviews' summary, and one
// line per review file, tab-separated:
//
//	fupan search manifest v7
//	file     store/root.bolt  SIZE  MTIME
//	reviews  DOCS  KEY  CRC
//	review   ID  PATH  SHA-256  DOC
//
// with DOC 1 for a review that is a document of the index, 0 for a file
// that does not decode; DOCS is the number of reviews with DOC 1, KEY their
// contentKey, CRC the CRC-32C of the review lines (8 hex digits). The
// review lines are parsed by load, when a run needs them; a summary whose
// CRC is not theirs is ignored (they are then read). A manifest that is
// not whole is a damageError; one whose header names another version, a
// versionError.
func readManifest(name string) (*manifest, error) {
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err != nil {
		return nil, &damageError{err}
	}
	return parseHead(data)
}

// parseManifest parses the content of a manifest, review lines included;
// what it returns holds no summary (the review lines say it all).
func parseManifest(data []byte) (*manifest, error) {
	m, err := parseHead(data)
	if err != nil {
		return nil, err
	}
	if err := m.load(); err != nil {
		return nil, err
	}
	m.ndocs, m.key = 0, ""
	return m, nil
}

// parseHead parses a manifest up to its reviews' summary line, and keeps
// the review lines after it for load.
func parseHead(data []byte) (*manifest, error) {
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
	m := &manifest{files: map[string]stamp{}}
	n := 2
	for ; len(rest) > 0; n++ {
		next, after, _ := bytes.Cut(rest, []byte("\n"))
		if !bytes.HasPrefix(next, []byte("file\t")) {
			break
		}
		if err := m.parseFileLine(string(next)); err != nil {
			return nil, damaged("manifest line %d: %v", n, err)
		}
		rest = after
	}
	if next, after, _ := bytes.Cut(rest, []byte("\n")); bytes.HasPrefix(next, []byte("reviews\t")) {
		if err := m.parseSummary(string(next), after); err != nil {
			return nil, damaged("manifest line %d: %v", n, err)
		}
		rest = after
		n++
	} else if len(next) > 0 && !bytes.HasPrefix(next, []byte("review\t")) {
		_, err := parseReviewLine(string(next))
		return nil, damaged("manifest line %d: %v", n, err)
	}
	if len(m.files) == 0 {
		return nil, damaged("the manifest lists no index file")
	}
	m.pending, m.pendingLine = rest, n
	return m, nil
}

func (m *manifest) parseFileLine(line string) error {
	f := strings.Split(line, "\t")
	if len(f) != 4 {
		return fmt.Errorf("bad file line %q", line)
	}
	size, err1 := strconv.ParseInt(f[2], 10, 64)
	mtime, err2 := strconv.ParseInt(f[3], 10, 64)
	if err := errors.Join(err1, err2); err != nil || !fs.ValidPath(f[1]) {
		return fmt.Errorf("bad file line %q", line)
	}
	m.files[f[1]] = stamp{size, mtime}
	return nil
}

// parseSummary parses the reviews' summary line, and keeps it when its
// checksum is that of the review lines after it.
func (m *manifest) parseSummary(line string, reviews []byte) error {
	f := strings.Split(line, "\t")
	if len(f) != 4 {
		return fmt.Errorf("bad reviews line %q", line)
	}
	n, err1 := strconv.ParseUint(f[1], 10, 64)
	sum, err2 := strconv.ParseUint(f[3], 16, 32)
	if err := errors.Join(err1, err2); err != nil || !isKey(f[2]) || len(f[3]) != 8 {
		return fmt.Errorf("bad reviews line %q", line)
	}
	if uint32(sum) == checksum(reviews) {
		m.ndocs, m.key = n, f[2]
	}
	return nil
}

// checksum is the CRC-32C of the review lines of a manifest.
func checksum(reviews []byte) uint32 {
	return crc32.Checksum(reviews, crc32.MakeTable(crc32.Castagnoli))
}

// load parses the review lines of a manifest read by readManifest, once.
func (m *manifest) load() error {
	if m.reviews != nil {
		return nil
	}
	// One string, of which every id, path and hash read is a part: a
	// few allocations for 10,000 lines, not one a field.
	rest := string(m.pending)
	reviews := make(map[string]entry, strings.Count(rest, "\n"))
	for n := m.pendingLine; len(rest) > 0; n++ {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		e, err := parseReviewLine(line)
		if err != nil {
			return damaged("manifest line %d: %v", n, err)
		}
		reviews[e.ID] = e
	}
	m.reviews, m.pending, m.pendingLine = reviews, nil, 0
	return nil
}

func parseReviewLine(line string) (entry, error) {
	var fields [6]string
	f := fields[:0]
	for rest := line; ; {
		field, after, more := strings.Cut(rest, "\t")
		if f = append(f, field); !more || len(f) == cap(f) {
			break
		}
		rest = after
	}
	if f[0] != "review" || len(f) != 5 {
		return entry{}, fmt.Errorf("want a file or review line, have %q", line)
	}
	id, err0 := manifestfield.Unquote(f[1])
	path, err1 := manifestfield.Unquote(f[2])
	if err := errors.Join(err0, err1); err != nil || (f[4] != "0" && f[4] != "1") || id == "" {
		return entry{}, fmt.Errorf("bad review line %q", line)
	}
	return entry{ID: id, Path: path, Hash: f[3], Doc: f[4] == "1"}, nil
}

// reviewKey is the contentKey of the review files of m, which load has
// read.
func (m *manifest) reviewKey() string {
	files := make([]pathHash, 0, len(m.reviews))
	for _, e := range m.reviews {
		files = append(files, pathHash{e.Path, e.Hash})
	}
	return contentKey(files)
}

// write writes the manifest, whose review lines are loaded, atomically,
// on the disk before it replaces the last: it vouches for the index files.
func (m *manifest) write(name string) error {
	return atomicfile.Write(name, true, func(w io.Writer) error {
		m.encode(w)
		return nil
	})
}

// encode writes the manifest, whose review lines are loaded, in the format
// readManifest reads; w's errors are left to the caller.
func (m *manifest) encode(w io.Writer) {
	fmt.Fprintln(w, manifestHeader)
	for _, p := range slices.Sorted(maps.Keys(m.files)) {
		st := m.files[p]
		fmt.Fprintf(w, "file\t%s\t%d\t%d\n", p, st.size, st.mtime)
	}
	reviews := make([]byte, 0, len(m.reviews)*160)
	for _, id := range slices.Sorted(maps.Keys(m.reviews)) {
		e := m.reviews[id]
		doc := byte('0')
		if e.Doc {
			doc = '1'
		}
		reviews = append(reviews, "review\t"...)
		for _, f := range [...]string{manifestfield.Quote(e.ID), manifestfield.Quote(e.Path), e.Hash} {
			reviews = append(append(reviews, f...), '\t')
		}
		reviews = append(reviews, doc, '\n')
	}
	fmt.Fprintf(w, "reviews\t%d\t%s\t%08x\n", m.docs(), m.reviewKey(), checksum(reviews))
	w.Write(reviews)
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
