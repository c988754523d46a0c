package site

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"
	"strings"

	"github.com/fupan/fupan/internal/review"
)

// An Output is a site built by BuildFrom, to be written by its WriteDir.
type Output struct {
	// Files are the files this build rendered and holds: none for a
	// build of every page by WriteSite, which writes each as it is made,
	// and not the reviews.json of one that WriteSite resumed, which is
	// streamed to its file (see stream.go).
	Files Files
	// Kept are the files of the last site left as they were (none of
	// Files), sorted.
	Kept []string
	// Rendered is the number of pages rendered; Resumed is set when the
	// build started from the last site, and Why says why it did not.
	Rendered int
	Resumed  bool
	Why      string

	records map[string]Record      // by path; a Hash "" is its source's (see record)
	streams map[string]io.WriterTo // files besides Files, written as they are made (see stream.go)
	sources sourceLayout
	same    hashedFiles // files given by hash only (Target.ExtraSame)
}

// WriteDir writes the site to dir as [Files.WriteDirFrom] does, the kept
// files carried over from the site at dir that prev describes, and
// returns its manifest, with a record of each review.
func (o *Output) WriteDir(dir, repo string, prev *Manifest) (*Manifest, error) {
	return o.writeDir(Target{Dir: dir, Repo: repo, Prev: prev})
}

// writeDir is WriteDir to the target t, recycling t.Spare.
func (o *Output) writeDir(t Target) (*Manifest, error) {
	m, err := writeSiteWith(t.Dir, t.Repo, t.Spare, o.Files, o.Kept, o.same, o.streams, t.Prev)
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
		if r.Hash == "" {
			st, ok := m.Files[o.sources.file(r.ID)]
			if !ok || o.sources.packed() {
				m.Reviews = nil // no hash: no build can start from this one
				return
			}
			r.Hash = st.Hash
		}
		m.Reviews[p] = r
	}
}

// Replace makes the files under dir (a folder's slash path, ending in
// "/") those of files, and no others: those of the last site are kept no
// more. An empty dir changes nothing.
func (o *Output) Replace(dir string, files map[string][]byte) {
	o.replace(dir, files, hashedFiles{})
}

// replace is Replace, with the files of same besides those of files.
func (o *Output) replace(dir string, files map[string][]byte, same hashedFiles) {
	if dir == "" {
		return
	}
	o.same = same
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
		o := output(s, last, true, "")
		if err := materialise(o.Files, o.streams); err != nil {
			return nil, err
		}
		return o, nil
	}
	if s, err = newSite(repo, opt, r, nil); err != nil {
		return nil, err
	}
	if err := s.build(); err != nil {
		return nil, err
	}
	return output(s, last, false, why), nil
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

	// Spare is a folder where the site swapped out of Dir is kept, for
	// the next build to recycle (see swapspare.go): on the same file
	// system as Dir, or it is removed as without one. "" for none.
	Spare string

	// Extra are files made elsewhere (the search index): every file of
	// the site under ExtraDir, a folder's slash path ending in "/". A
	// build of every page given them writes them first, and deletes each
	// from the map once written, so that the memory they take is free
	// before the pages are rendered.
	ExtraDir string
	Extra    map[string][]byte
	// ExtraSame are more of them, without their bytes: each path with
	// the hex SHA-256 of its content, linked from the last site when it
	// has it, else written with the bytes of ExtraLoad (see extra.go).
	ExtraSame map[string]string
	ExtraLoad func(name string) ([]byte, error)

	// Later, when not nil, gives the files above instead, made
	// meanwhile (the search index, built beside the pages, and its
	// export). It is called once they are needed, and its error ends the
	// build with nothing written. A build that resumes the last site
	// renders its pages (and recycles the spare folder meanwhile) first,
	// and puts them into the new folder while Later runs; a build of
	// every page calls it once every page is rendered and written, so
	// that the pages and the export never take memory at once.
	Later func() (Extras, error)

	// Opening, when not nil, is the new folder of this target, made
	// ready since Open(t) (with the same Dir, Prev and Spare): the first
	// WriteSite given it takes it instead of starting its own.
	Opening *Opening
}

// Extras are a Target's files made elsewhere, as Later gives them.
type Extras struct {
	Files map[string][]byte
	Same  map[string]string
	Load  func(name string) ([]byte, error)
}

// extras makes the files Later gives t's, when t has Later, and checks
// them (see checkExtras); else it does nothing.
func (t *Target) extras() error {
	if t.Later == nil {
		return nil
	}
	e, err := t.Later()
	if err != nil {
		return err
	}
	t.Extra, t.ExtraSame, t.ExtraLoad, t.Later = e.Files, e.Same, e.Load, nil
	return t.checkExtras()
}

// checkExtras says when a file made elsewhere is not under t.ExtraDir.
func (t *Target) checkExtras() error {
	for _, names := range []iter.Seq[string]{maps.Keys(t.Extra), maps.Keys(t.ExtraSame)} {
		for name := range names {
			if t.ExtraDir == "" || !strings.HasPrefix(name, t.ExtraDir) {
				return fmt.Errorf("%s is not under %q", name, t.ExtraDir)
			}
		}
	}
	return nil
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
// in memory, and then the files Later gives. Errors writing are
// *WriteError.
func WriteSite(repo *review.Repo, last *Last, opt Options, t Target) (*Output, *Manifest, error) {
	if err := t.checkExtras(); err != nil {
		return nil, nil, err
	}
	// The new folder is made, and the spare recycled into it, while the
	// site is resumed from the last or made anew (or since Open, for a
	// target with its Opening): neither needs the other.
	open := t.Opening.take()
	if open == nil {
		open = openingSink(t)
	}
	r := newRenderer(false)
	s, why, err := start(repo, last, opt, r)
	if err != nil {
		open.abort()
		return nil, nil, err
	}
	if s != nil {
		return writeResumed(output(s, last, true, ""), t, open)
	}
	if s, err = newSite(repo, opt, r, nil); err != nil {
		open.abort()
		return nil, nil, err
	}
	k, err := open.wait()
	if err != nil {
		return nil, nil, &WriteError{err}
	}
	later := t.Later != nil
	if !later {
		putExtras(k, t) // their memory is free before the pages take theirs
	}
	s.sink = k
	if err := s.build(); err != nil {
		k.abort()
		return nil, nil, err
	}
	// What the site needs no more (its pages' caches, the catalog of
	// terms) is garbage from here: s is not used again.
	o := output(s, last, false, why)
	if later {
		// Made meanwhile, beside the pages; asked for once the pages
		// are written, so that the two never take memory at once.
		if err := t.extras(); err != nil {
			k.abort()
			return nil, nil, err
		}
		putExtras(k, t)
	}
	m, err := k.close()
	if err != nil {
		return nil, nil, &WriteError{err}
	}
	o.record(m)
	return o, m, nil
}

// putExtras writes t's files made elsewhere to k, and deletes each from
// t.Extra once written, so that its memory is free.
func putExtras(k *sink, t Target) {
	for name, data := range t.Extra {
		k.put(name, data)
		delete(t.Extra, name)
	}
	g := putters()
	hashedFiles{t.ExtraSame, t.ExtraLoad}.put(k, g)
	g.Wait() // the sink keeps the first error
}

// writeResumed writes o, a site resumed from the last, to t, into the
// sink being opened: it puts the site's own files while t's files made
// elsewhere are made (t.Later), and theirs once they are.
func writeResumed(o *Output, t Target, open *pendingSink) (*Output, *Manifest, error) {
	if err := checkMarker(t.Dir, t.Repo, o.Files, o.Kept); err != nil {
		open.abort()
		return nil, nil, &WriteError{err}
	}
	k, err := open.wait()
	if err != nil {
		return nil, nil, &WriteError{err}
	}
	g := putters()
	early := t.Later != nil && t.ExtraDir != ""
	if early {
		files, kept := o.outside(t.ExtraDir)
		put(k, g, files, kept, hashedFiles{}, o.streams)
	}
	if err := t.extras(); err != nil {
		g.Wait()
		k.abort()
		return nil, nil, err
	}
	if t.ExtraDir != "" {
		o.replace(t.ExtraDir, t.Extra, hashedFiles{t.ExtraSame, t.ExtraLoad})
	}
	if early {
		put(k, g, t.Extra, nil, o.same, nil)
	} else {
		put(k, g, o.Files, o.Kept, o.same, o.streams)
	}
	g.Wait() // the sink keeps the first error
	m, err := k.close()
	if err != nil {
		return nil, nil, &WriteError{err}
	}
	o.record(m)
	return o, m, nil
}

// outside returns the files and the kept of o that are not under dir (a
// folder's slash path, ending in "/").
func (o *Output) outside(dir string) (Files, []string) {
	files := make(Files, len(o.Files))
	for name, data := range o.Files {
		if !strings.HasPrefix(name, dir) {
			files[name] = data
		}
	}
	kept := slices.DeleteFunc(slices.Clone(o.Kept), func(name string) bool { return strings.HasPrefix(name, dir) })
	return files, kept
}

// output is what the build s made.
func output(s *site, last *Last, resumed bool, why string) *Output {
	o := &Output{Files: s.out, Rendered: s.pages, Resumed: resumed, Why: why, sources: s.sources, records: make(map[string]Record, len(s.reviews)), streams: s.streams}
	for name := range s.kept {
		_, streamed := s.streams[name]
		if _, ok := s.out[name]; !ok && !streamed {
			o.Kept = append(o.Kept, name)
		}
	}
	slices.Sort(o.Kept)
	for _, rv := range s.reviews {
		o.records[rv.Path] = Record{ID: rv.ID, Hash: last.hash(rv.Path), History: historyHash(s.opt, rv), Related: s.related[rv.ID], JSON: s.jsonAt[rv]}
	}
	return o
}
