package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fupan/fupan/internal/review"
)

// A build that starts from the last site written (fupan build): the
// manifest of that site says, besides each file's stamp, what it was
// made of each review (a Record: its id, the hash of its file, of what
// git said of it, and its related reviews), and the site's own folder
// holds the bytes of every page and each review's Markdown source. From
// these, [BuildFrom] makes again the build before as update needs it —
// the reviews as they were (the unchanged ones as they are now, the
// changed and removed ones read back from their published source), the
// related keys, the list of files — and renders only what depends on the
// reviews that changed since; every other file is kept, and
// [Output.WriteDir] carries it over by a hard link.
//
// Nothing of the last site is trusted that does not match: each source
// read back must have the hash its record says, and each kept file must
// still be as its stamp says when it is linked (else ErrKeptChanged, and
// nothing is written), so that a site at --out other than the manifest's
// (another folder, changed by hand, or written by a build killed before
// it wrote its manifest) is never carried over. Whatever does not match
// renders every page.

// A Last is the site a build may start from.
type Last struct {
	Manifest *Manifest // the manifest of the site at Dir; nil for none
	Dir      string    // the site's folder (--out)

	// Hashes are the content hashes of the review files now, by path
	// (review.Hashes of review.Scan), which the records' are compared
	// with.
	Hashes map[string]string
}

// An Output is a site built by BuildFrom, to be written by its WriteDir.
type Output struct {
	// Files are the files this build rendered.
	Files Files
	// Kept are the files of the last site left as they were (none of
	// Files), sorted.
	Kept []string
	// Rendered is the number of pages rendered; Resumed is set when the
	// build started from the last site, and Why says why it did not.
	Rendered int
	Resumed  bool
	Why      string

	records map[string]Record // by path, each but its Hash (see WriteDir)
}

// WriteDir writes the site to dir as [Files.WriteDirFrom] does, the kept
// files carried over from the site at dir that prev describes, and
// returns its manifest, with a record of each review.
func (o *Output) WriteDir(dir, repo string, prev *Manifest) (*Manifest, error) {
	m, err := writeSite(dir, repo, o.Files, o.Kept, prev)
	if err != nil {
		return nil, err
	}
	o.record(m)
	return m, nil
}

// record adds to m, the manifest of the site written, the record of each
// review. A review's hash is that of its source as published: its
// file's.
func (o *Output) record(m *Manifest) {
	m.Reviews = make(map[string]Record, len(o.records))
	for p, r := range o.records {
		st, ok := m.Files[sourceFile(&review.Review{ID: r.ID})]
		if !ok {
			m.Reviews = nil // not published: no build can start from this one
			return
		}
		r.Hash = st.Hash
		m.Reviews[p] = r
	}
}

// Replace makes the files under dir (a folder's slash path, ending in
// "/") those of files, and no others: those of the last site are kept no
// more. An empty dir changes nothing.
func (o *Output) Replace(dir string, files map[string][]byte) {
	if dir == "" {
		return
	}
	o.Kept = slices.DeleteFunc(o.Kept, func(name string) bool { return strings.HasPrefix(name, dir) })
	for name := range o.Files {
		if strings.HasPrefix(name, dir) {
			delete(o.Files, name)
		}
	}
	maps.Copy(o.Files, files)
}

// BuildFrom renders the site of repo. When last holds a site built with
// the same options (the caller compares what else the site is made from:
// Manifest.Base), only the pages that depend on the reviews that changed
// since are rendered, and the others kept; else every page.
func BuildFrom(repo *review.Repo, last *Last, opt Options) (*Output, error) {
	r := newRenderer(false)
	s, why, err := start(repo, last, opt, r)
	if err != nil {
		return nil, err
	}
	if s != nil {
		return output(s, true, ""), nil
	}
	if s, err = newSite(repo, opt, r, nil); err != nil {
		return nil, err
	}
	if err := s.build(); err != nil {
		return nil, err
	}
	return output(s, false, why), nil
}

// start builds repo from last when it can (see resume), and says why not
// when it cannot; the error is a review's, which a build of every page
// would meet too.
func start(repo *review.Repo, last *Last, opt Options, r *renderer) (*site, string, error) {
	if last == nil || last.Manifest == nil {
		return nil, "no last site", nil
	}
	s, err := resume(repo, last, opt, r)
	switch {
	case err != nil:
		if _, ok := errors.AsType[*ReviewError](err); ok {
			return nil, "", err
		}
		return nil, err.Error(), nil
	case s == nil:
		return nil, "too much changed", nil
	}
	return s, "", nil
}

// A Target is where WriteSite writes a site.
type Target struct {
	Dir  string    // the site's folder (--out)
	Repo string    // the review repository, never replaced; "" for none
	Prev *Manifest // the manifest of the site at Dir; nil for none

	// Extra are files made elsewhere (the search index): every file of
	// the site under ExtraDir, a folder's slash path ending in "/". A
	// build of every page writes them first, and deletes each from the
	// map once written, so that the memory they take is free before the
	// pages are rendered.
	ExtraDir string
	Extra    map[string][]byte
}

// A WriteError is an error writing a site to its folder, rather than
// rendering it.
type WriteError struct{ Err error }

func (e *WriteError) Error() string { return e.Err.Error() }
func (e *WriteError) Unwrap() error { return e.Err }

// WriteSite builds the site of repo, with the files of t.Extra, and writes
// it to t.Dir as [Files.WriteDirFrom] does; it returns what it built and
// the manifest of the site written, with a record of each review. It
// starts from the last site when last allows (as BuildFrom), and then
// writes the files it rendered and carries the others over (an error
// wrapping ErrKeptChanged when one changed since: nothing is written).
// Else it renders every page, and writes each into the new folder as
// soon as it is rendered, so that the build never holds the whole site
// in memory. Errors writing are *WriteError.
func WriteSite(repo *review.Repo, last *Last, opt Options, t Target) (*Output, *Manifest, error) {
	for name := range t.Extra {
		if t.ExtraDir == "" || !strings.HasPrefix(name, t.ExtraDir) {
			return nil, nil, fmt.Errorf("%s is not under %q", name, t.ExtraDir)
		}
	}
	r := newRenderer(false)
	s, why, err := start(repo, last, opt, r)
	if err != nil {
		return nil, nil, err
	}
	if s != nil {
		o := output(s, true, "")
		if t.ExtraDir != "" {
			o.Replace(t.ExtraDir, t.Extra)
		}
		m, err := o.WriteDir(t.Dir, t.Repo, t.Prev)
		if err != nil {
			return nil, nil, &WriteError{err}
		}
		return o, m, nil
	}
	if s, err = newSite(repo, opt, r, nil); err != nil {
		return nil, nil, err
	}
	k, err := openSink(t.Dir, t.Repo, t.Prev)
	if err != nil {
		return nil, nil, &WriteError{err}
	}
	for name, data := range t.Extra {
		k.put(name, data)
		delete(t.Extra, name) // its memory is free before the pages take theirs
	}
	s.sink = k
	if err := s.build(); err != nil {
		k.abort()
		return nil, nil, err
	}
	o := output(s, false, why)
	m, err := k.close()
	if err != nil {
		return nil, nil, &WriteError{err}
	}
	o.record(m)
	return o, m, nil
}

// output is what the build s made.
func output(s *site, resumed bool, why string) *Output {
	o := &Output{Files: s.out, Rendered: s.pages, Resumed: resumed, Why: why, records: make(map[string]Record, len(s.reviews))}
	for name := range s.kept {
		if _, ok := s.out[name]; !ok {
			o.Kept = append(o.Kept, name)
		}
	}
	slices.Sort(o.Kept)
	for _, rv := range s.reviews {
		o.records[rv.Path] = Record{ID: rv.ID, History: historyHash(s.opt, rv), Related: s.related[rv.ID], JSON: s.jsonAt[rv]}
	}
	return o
}

// resume builds repo from the last site; a nil site and no error when too
// much changed, an error that says why when the last site cannot be
// started from.
func resume(repo *review.Repo, last *Last, opt Options, r *renderer) (*site, error) {
	m := last.Manifest
	if m.Reviews == nil {
		return nil, fmt.Errorf("its manifest has no record of the reviews")
	}
	old := make(map[string]string, len(m.Reviews))
	for p, rec := range m.Reviews {
		old[p] = rec.Hash
	}
	ch := review.Diff(old, last.Hashes)
	// A review whose history changed (a commit) is changed too.
	changed := map[string]bool{}
	for _, p := range ch.Changed {
		changed[p] = true
	}
	for _, rv := range repo.Reviews {
		if rec, ok := m.Reviews[rv.Path]; ok && !changed[rv.Path] && rec.History != historyHash(opt, rv) {
			ch.Changed = append(ch.Changed, rv.Path)
			changed[rv.Path] = true
		}
	}
	slices.Sort(ch.Changed)
	if ch.Len() > maxChanged {
		return nil, nil
	}
	before, err := earlier(repo, ch, m, last.Dir)
	if err != nil {
		return nil, err
	}
	o, err := newSite(before, opt, r, nil)
	if err != nil {
		return nil, err
	}
	o.kept = make(map[string]bool, len(m.Files))
	for name := range maps.Keys(m.Files) {
		o.kept[name] = true
	}
	for _, rec := range m.Reviews {
		o.related[rec.ID] = rec.Related
	}
	o.entries = lastEntries(o, m, last.Dir)
	b := &Builder{render: r, last: o}
	if _, ok, err := b.update(repo, ch, opt); err != nil || !ok {
		return nil, err
	}
	return b.last, nil
}

// lastEntries returns the entries of the reviews of the last build o in
// the reviews.json of the site at dir, as their records place them; none
// when that file is not the one the manifest stamps (then json encodes
// every entry again).
func lastEntries(o *site, m *Manifest, dir string) map[*review.Review][]byte {
	entries := map[*review.Review][]byte{}
	data, err := os.ReadFile(filepath.Join(dir, "reviews.json"))
	if err != nil || hashOf(data) != m.Files["reviews.json"].Hash {
		return entries
	}
	for _, rv := range o.reviews {
		at := m.Reviews[rv.Path].JSON
		if at[1] > 0 && at[0]+at[1] <= len(data) {
			entries[rv] = data[at[0] : at[0]+at[1]]
		}
	}
	return entries
}

// earlier returns the repository as the last build read it: the reviews
// of repo that did not change, and the last versions of those changed or
// removed, read back from their sources in the site at dir (each checked
// against the hash its record says).
func earlier(repo *review.Repo, ch review.Changes, m *Manifest, dir string) (*review.Repo, error) {
	dir, err := resolve(dir)
	if err != nil {
		return nil, err
	}
	now := map[string]bool{}
	for _, p := range slices.Concat(ch.Added, ch.Changed) {
		now[p] = true
	}
	out := &review.Repo{Config: repo.Config, FS: repo.FS}
	for _, rv := range repo.Reviews {
		if !now[rv.Path] {
			out.Reviews = append(out.Reviews, rv)
		}
	}
	src := sources{fsys: os.DirFS(dir), names: map[string]string{}}
	for _, p := range slices.Concat(ch.Changed, ch.Removed) {
		rec, ok := m.Reviews[p]
		if !ok {
			continue // not in the last site
		}
		name := sourceFile(&review.Review{ID: rec.ID})
		data, err := fs.ReadFile(src.fsys, name)
		if err != nil {
			return nil, fmt.Errorf("the last version of %s: %w", p, err)
		}
		if hashOf(data) != rec.Hash {
			return nil, fmt.Errorf("the last version of %s: %s is not the file its record says", p, name)
		}
		src.names[p] = name
		rv, _ := review.ReadFile(src, p, &repo.Config, time.Now())
		if rv == nil {
			return nil, fmt.Errorf("the last version of %s cannot be read", p)
		}
		out.Reviews = append(out.Reviews, rv)
	}
	return out, nil
}

// sources are the review files of the last build, each at its path, read
// from its source in a site.
type sources struct {
	fsys  fs.FS
	names map[string]string // review path → the source's path in fsys
}

func (s sources) Open(name string) (fs.File, error) {
	n, ok := s.names[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return s.fsys.Open(n)
}

// historyHash is the hash of what git says of rv, as its pages show it;
// "" without history.
func historyHash(opt Options, rv *review.Review) string {
	f := opt.History[rv.Path]
	if f == nil {
		return ""
	}
	data, err := json.Marshal(f)
	if err != nil {
		// reviews.json fails on it too: no site is written.
		return "unencodable: " + err.Error()
	}
	return hashOf(data)
}
