package site

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"github.com/fupan/fupan/internal/atomicfile"
	"github.com/fupan/fupan/internal/manifestfield"
)

// A Manifest says what a written site holds: each file's size,
// modification time and content hash, and the key of what the site was
// made from, as its builder gave it. [Files.WriteDirFrom] writes one and
// takes the last to carry the files that did not change over from the
// site before; a builder whose inputs have the key of the last build, and
// whose site is [Manifest.Intact], need build nothing.
//
// It is kept outside the site (fupan keeps it in .fupan/site), so that no
// host publishes it: the key may be made of reviews a profile leaves out.
type Manifest struct {
	// Key is what the site was made from, as the builder tells it (a
	// hash of the inputs); "" for none, which a builder never matches.
	Key string

	// Summary is the builder's line about the site, such as the number
	// of reviews, to say again when nothing changed.
	Summary string

	// Files are the site's files by slash path, Marker left out.
	Files map[string]Stamp

	// Base is what every page of the site was made from but the reviews,
	// as the builder tells it (a hash of the theme, fupan.yaml, the
	// options…); "" for none. A build whose base is the same may start
	// from this site and render only what the reviews that changed touch
	// (see Resume).
	Base string

	// Reviews are what the site was made of each review, by path; nil
	// when the builder kept none.
	Reviews map[string]Record

	// Spare are the files of the site before this one, by slash path,
	// kept at the spare folder of Target for the next build to recycle;
	// nil when none was kept.
	Spare map[string]Stamp

	// Dirs are the modification times (Unix nanoseconds) of the site's
	// folders but its root, by slash path, as they were when it was
	// written, and SpareDirs those of the spare's; nil when not known. A
	// folder whose time is still that holds what it held then: the files
	// and folders of the manifest under it, and no other (see recycle).
	Dirs, SpareDirs map[string]int64
}

// A Record is what a manifest remembers of one review of a site, for the
// next build to start from (see Resume).
type Record struct {
	ID string
	// Hash is the SHA-256 of its file's content (of its source as the
	// site publishes it), History that of what git said of it.
	Hash, History string
	// Related is the hash of what its page shows of its related reviews
	// (relatedKey).
	Related string
	// JSON is where its entry is in the site's reviews.json: the offset
	// of its first byte and its length; zero for none.
	JSON [2]int
}

// A Stamp is what a manifest remembers of one file of a site.
type Stamp struct {
	Size  int64
	MTime int64  // Unix nanoseconds
	Hash  string // hex SHA-256 of the content
}

// manifestHeader is the first line of a manifest file; v1, without base
// and review lines, v2, without spare lines, v3, with a spare line for
// every spare file, and v4, without dir lines, are read too.
const (
	manifestHeader   = "fupan site manifest v5"
	manifestHeaderV4 = "fupan site manifest v4"
	manifestHeaderV3 = "fupan site manifest v3"
	manifestHeaderV2 = "fupan site manifest v2"
	manifestHeaderV1 = "fupan site manifest v1"
)

// ErrDamagedManifest is wrapped by ReadManifest for a file that is not a
// whole manifest: the next build writes every file.
var ErrDamagedManifest = errors.New("damaged")

// ReadManifest reads a manifest written by Write. A missing file gives
// nil and no error; one that is not a whole manifest, nil and an error
// wrapping ErrDamagedManifest.
//
// The file is mapped into memory (atomicfile.Map), never unmapped, and
// the manifest's paths and hashes are parts of it: neither read into the
// heap nor copied there as a string (at 10,000 reviews the file is 7 MB,
// whose copy took most of a read). A build reads it once.
func ReadManifest(name string) (*Manifest, error) {
	data, err := atomicfile.Map(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	// The mapping is read-only and stays for the life of the process.
	m, err := parseText(unsafe.String(unsafe.SliceData(data), len(data)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", name, ErrDamagedManifest, err)
	}
	return m, nil
}

// parseManifest parses what Write writes:
//
//	fupan site manifest v5
//	key        KEY
//	base       KEY
//	summary    TEXT
//	file       PATH  SIZE  MTIME  SHA-256
//	review     PATH  ID  HASH  HISTORY  RELATED  JSON-OFFSET  JSON-LENGTH
//	sparefiles
//	nospare    PATH
//	spare      PATH  SIZE  MTIME  SHA-256
//	dir        PATH  MTIME
//	sparedir   PATH  MTIME
//
// tab-separated, a path, id or related key quoted (strconv.Quote) when it
// holds a tab or a line break or starts with a double quote, ended by a
// line "end". The spare files are, with "sparefiles", the files but those
// of the nospare lines, with the stamps of the spare lines over theirs
// (most files of the site before are the same, hard-linked, so a
// manifest says them once); without it, only those of the spare lines
// (as in v3).
//
// data is made a string once, and every path and hash read is a part of
// it (so a manifest read keeps all its text): a manifest of 30,000 lines
// is read with a few allocations, not one a field.
func parseManifest(data []byte) (*Manifest, error) {
	return parseText(string(data))
}

// parseText is parseManifest of the content as a string.
func parseText(text string) (*Manifest, error) {
	line, rest, _ := strings.Cut(text, "\n")
	if line != manifestHeader && line != manifestHeaderV4 && line != manifestHeaderV3 && line != manifestHeaderV2 && line != manifestHeaderV1 {
		return nil, fmt.Errorf("the first line is not %q", manifestHeader)
	}
	m := &Manifest{Files: make(map[string]Stamp, strings.Count(text, "\nfile\t"))}
	if n := strings.Count(text, "\nreview\t"); n > 0 {
		m.Reviews = make(map[string]Record, n)
	}
	if n := strings.Count(text, "\nspare\t"); n > 0 {
		m.Spare = make(map[string]Stamp, n)
	}
	var fields [9]string
	var fromFiles bool    // a sparefiles line
	var notSpare []string // the paths of the nospare lines
	for n := 2; ; n++ {
		if len(rest) == 0 {
			return nil, errors.New("cut short: no end line")
		}
		line, rest, _ = strings.Cut(rest, "\n")
		f := splitTabs(line, fields[:0])
		switch {
		case f[0] == "end" && len(f) == 1:
			if len(rest) > 0 {
				return nil, fmt.Errorf("line %d: more after the end", n)
			}
			if len(notSpare) > 0 && !fromFiles {
				return nil, errors.New("nospare lines without a sparefiles line")
			}
			if fromFiles {
				m.Spare = spareFromFiles(m.Files, notSpare, m.Spare)
			}
			return m, nil
		case f[0] == "key" && len(f) == 2:
			m.Key = f[1]
		case f[0] == "summary" && len(f) == 2:
			m.Summary = f[1]
		case f[0] == "base" && len(f) == 2:
			m.Base = f[1]
		case f[0] == "sparefiles" && len(f) == 1:
			fromFiles = true
		case f[0] == "nospare" && len(f) == 2:
			p, err := manifestfield.Unquote(f[1])
			if err != nil || !fs.ValidPath(p) {
				return nil, fmt.Errorf("line %d: bad nospare line", n)
			}
			notSpare = append(notSpare, p)
		case f[0] == "review" && len(f) == 8:
			p, err0 := manifestfield.Unquote(f[1])
			id, err1 := manifestfield.Unquote(f[2])
			rel, err2 := manifestfield.Unquote(f[5])
			off, err3 := strconv.Atoi(f[6])
			size, err4 := strconv.Atoi(f[7])
			if err := errors.Join(err0, err1, err2, err3, err4); err != nil || !fs.ValidPath(p) || id == "" || off < 0 || size < 0 {
				return nil, fmt.Errorf("line %d: bad review line", n)
			}
			if m.Reviews == nil {
				m.Reviews = map[string]Record{}
			}
			m.Reviews[p] = Record{ID: id, Hash: f[3], History: f[4], Related: rel, JSON: [2]int{off, size}}
		case (f[0] == "dir" || f[0] == "sparedir") && len(f) == 3:
			p, err0 := manifestfield.Unquote(f[1])
			mtime, err1 := strconv.ParseInt(f[2], 10, 64)
			if err := errors.Join(err0, err1); err != nil || !fs.ValidPath(p) || p == "." {
				return nil, fmt.Errorf("line %d: bad %s line", n, f[0])
			}
			dirs := &m.Dirs
			if f[0] == "sparedir" {
				dirs = &m.SpareDirs
			}
			if *dirs == nil {
				*dirs = map[string]int64{}
			}
			(*dirs)[p] = mtime
		case (f[0] == "file" || f[0] == "spare") && len(f) == 5:
			p, err0 := manifestfield.Unquote(f[1])
			size, err1 := strconv.ParseInt(f[2], 10, 64)
			mtime, err2 := strconv.ParseInt(f[3], 10, 64)
			if err := errors.Join(err0, err1, err2); err != nil || !fs.ValidPath(p) || len(f[4]) != sha256.Size*2 {
				return nil, fmt.Errorf("line %d: bad %s line", n, f[0])
			}
			files := m.Files
			if f[0] == "spare" {
				if m.Spare == nil {
					m.Spare = map[string]Stamp{}
				}
				files = m.Spare
			}
			files[p] = Stamp{size, mtime, f[4]}
		default:
			return nil, fmt.Errorf("line %d: want a key, base, summary, file, review, sparefiles, nospare, spare, dir, sparedir or end line", n)
		}
	}
}

// spareFromFiles returns the spare files of a manifest with a sparefiles
// line: files but those named in not, with the stamps of spare over theirs.
func spareFromFiles(files map[string]Stamp, not []string, spare map[string]Stamp) map[string]Stamp {
	all := make(map[string]Stamp, len(files)+len(spare))
	maps.Copy(all, files)
	for _, p := range not {
		delete(all, p)
	}
	maps.Copy(all, spare)
	return all
}

// splitTabs appends the tab-separated fields of line to f, as
// strings.Split would return them, and returns f; past cap(f) fields, the
// last holds the rest of the line (no known line has that many, so it is
// still told apart).
func splitTabs(line string, f []string) []string {
	for len(f) < cap(f)-1 {
		i := strings.IndexByte(line, '\t')
		if i < 0 {
			break
		}
		f = append(f, line[:i])
		line = line[i+1:]
	}
	return append(f, line)
}

// Write writes the manifest to name atomically: to a temporary file
// beside it, renamed.
func (m *Manifest) Write(name string) error {
	return atomicfile.WriteBytes(name, m.encode(), false)
}

// encode returns what Write writes, its lines in the order of their paths.
func (m *Manifest) encode() []byte {
	size := 128 + len(m.Key) + len(m.Base) + len(m.Summary)
	for p, s := range m.Files {
		size += len(p) + len(s.Hash) + 48
	}
	spare, notSpare := m.spareLines()
	for p, s := range spare {
		size += len(p) + len(s.Hash) + 48
	}
	for _, p := range notSpare {
		size += len(p) + 16
	}
	for p := range m.Dirs {
		size += len(p) + 32
	}
	for p := range m.SpareDirs {
		size += len(p) + 32
	}
	for p, r := range m.Reviews {
		size += len(p) + len(r.ID) + len(r.Hash) + len(r.History) + len(r.Related) + 48
	}
	b := make([]byte, 0, size)
	b = append(b, manifestHeader+"\n"...)
	b = append(append(append(b, "key\t"...), oneField(m.Key)...), '\n')
	b = append(append(append(b, "base\t"...), oneField(m.Base)...), '\n')
	b = append(append(append(b, "summary\t"...), oneField(m.Summary)...), '\n')
	b = appendStamps(b, "file\t", m.Files)
	for _, p := range slices.Sorted(maps.Keys(m.Reviews)) {
		r := m.Reviews[p]
		b = append(b, "review\t"...)
		for _, f := range [...]string{manifestfield.Quote(p), manifestfield.Quote(r.ID), oneField(r.Hash), oneField(r.History), manifestfield.Quote(r.Related)} {
			b = append(append(b, f...), '\t')
		}
		b = strconv.AppendInt(b, int64(r.JSON[0]), 10)
		b = append(b, '\t')
		b = strconv.AppendInt(b, int64(r.JSON[1]), 10)
		b = append(b, '\n')
	}
	if m.Spare != nil {
		b = append(b, "sparefiles\n"...)
		for _, p := range notSpare {
			b = append(append(append(b, "nospare\t"...), manifestfield.Quote(p)...), '\n')
		}
	}
	b = appendStamps(b, "spare\t", spare)
	b = appendDirs(b, "dir\t", m.Dirs)
	b = appendDirs(b, "sparedir\t", m.SpareDirs)
	return append(b, "end\n"...)
}

// spareLines returns what the spare and nospare lines of m say (see
// parseManifest): the spare files whose stamp is not their file's, and the
// files that are not spare, sorted.
func (m *Manifest) spareLines() (spare map[string]Stamp, notSpare []string) {
	if m.Spare == nil {
		return nil, nil
	}
	spare = map[string]Stamp{}
	for p, s := range m.Spare {
		if f, ok := m.Files[p]; !ok || f != s {
			spare[p] = s
		}
	}
	for p := range m.Files {
		if _, ok := m.Spare[p]; !ok {
			notSpare = append(notSpare, p)
		}
	}
	slices.Sort(notSpare)
	return spare, notSpare
}

// appendStamps appends a line kind+PATH SIZE MTIME SHA-256 to b for each
// of stamps, in the order of their paths.
func appendStamps(b []byte, kind string, stamps map[string]Stamp) []byte {
	for _, p := range slices.Sorted(maps.Keys(stamps)) {
		s := stamps[p]
		b = append(append(append(b, kind...), manifestfield.Quote(p)...), '\t')
		b = append(strconv.AppendInt(b, s.Size, 10), '\t')
		b = append(strconv.AppendInt(b, s.MTime, 10), '\t')
		b = append(append(b, s.Hash...), '\n')
	}
	return b
}

// appendDirs appends a line kind+PATH MTIME to b for each of dirs, in the
// order of their paths.
func appendDirs(b []byte, kind string, dirs map[string]int64) []byte {
	for _, p := range slices.Sorted(maps.Keys(dirs)) {
		b = append(append(append(b, kind...), manifestfield.Quote(p)...), '\t')
		b = append(strconv.AppendInt(b, dirs[p], 10), '\n')
	}
	return b
}

// Intact reports whether the folder dir holds the site of m as it was
// written: Marker, and every file of m (see Stamp.holds), and nothing
// else.
func (m *Manifest) Intact(dir string) bool {
	dir, err := resolve(dir)
	if err != nil || !marked(dir) {
		return false
	}
	seen := 0
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == Marker {
			return nil
		}
		st, ok := m.Files[rel]
		if !ok || !d.Type().IsRegular() {
			return errChanged
		}
		info, err := d.Info()
		if err != nil || !st.holds(p, info) {
			return errChanged
		}
		seen++
		return nil
	})
	return err == nil && seen == len(m.Files)
}

// holds reports whether the file name, of info, is the one st stamps: of
// its size, and of its modification time or, when that changed (a copy,
// a cache restored with times cut to the second), of its content hash.
// (A file changed in place within the same nanosecond and size is not
// told; fupan's own writes never do that.)
func (st Stamp) holds(name string, info fs.FileInfo) bool {
	return st.holdsStat(name, statOf(info))
}

// A fileStat is what holdsStat, and a spare's walk, need of a file's stat.
type fileStat struct {
	regular, dir bool
	size, mtime  int64 // mtime in nanoseconds since 1970
}

// statOf is the fileStat of info.
func statOf(info fs.FileInfo) fileStat {
	return fileStat{regular: info.Mode().IsRegular(), dir: info.IsDir(), size: info.Size(), mtime: info.ModTime().UnixNano()}
}

// holdsStat is holds, with what the stat of the file name says.
func (st Stamp) holdsStat(name string, fi fileStat) bool {
	if !fi.regular || fi.size != st.Size {
		return false
	}
	if fi.mtime == st.MTime {
		return true
	}
	data, err := os.ReadFile(name)
	return err == nil && hashOf(data) == st.Hash
}

// errChanged stops Intact's walk at the first file that is not the
// manifest's.
var errChanged = errors.New("changed")

// hashOf returns the hex SHA-256 of data.
func hashOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// oneField returns s with its tabs and line feeds, which separate the
// manifest's fields and lines, made spaces; every other byte is kept as it
// is, so that a field read back is the field written.
func oneField(s string) string {
	return fieldSeparators.Replace(s)
}

var fieldSeparators = strings.NewReplacer("\t", " ", "\n", " ")
