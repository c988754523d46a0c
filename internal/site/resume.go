package site

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing/fstest"
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

// hash is the content hash of the review file at path now, "" when last
// does not say (the record then takes the hash of its published source).
func (last *Last) hash(path string) string {
	if last == nil {
		return ""
	}
	return last.Hashes[path]
}

// resume builds repo from the last site; a nil site and no error when too
// much changed, an error that says why when the last site cannot be
// started from.
func resume(repo *review.Repo, last *Last, opt Options, r *renderer) (*site, error) {
	m := last.Manifest
	if m.Reviews == nil {
		return nil, fmt.Errorf("its manifest has no record of the reviews")
	}
	// A first look at the folder: the site the manifest describes, or
	// not worth rendering anything from (every kept file is checked when
	// it is linked).
	dir, err := resolve(last.Dir)
	if err != nil {
		return nil, err
	}
	if !marked(dir) {
		return nil, fmt.Errorf("no site at %s", last.Dir)
	}
	for _, name := range []string{"index.html", "reviews.json"} {
		p := filepath.Join(dir, name)
		info, err := os.Lstat(p)
		if st, ok := m.Files[name]; !ok || err != nil || !st.holds(p, info) {
			return nil, fmt.Errorf("%s is not the site its manifest describes", last.Dir)
		}
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
	before, err := earlier(repo, ch, m, last.Dir, sourcesFor(len(m.Reviews), opt.FileBudget))
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
	// What the last build made of each review, read back at once: each
	// sets its own field of o.
	var wg sync.WaitGroup
	wg.Go(func() { o.lastJSON = openLastJSON(o, m, last.Dir) })
	wg.Go(func() { o.llmsLines = lastLLMs(o, m, last.Dir) })
	o.restoreRecurrence()
	wg.Wait()
	b := &Builder{render: r, last: o}
	if _, ok, err := b.update(repo, ch, opt); err != nil || !ok {
		return nil, err
	}
	b.last.saveRecurrence()
	return b.last, nil
}

// A lastJSON is the reviews.json of the last site, from which the new one
// copies the entries of the reviews that did not change, a run of them at
// once, as it is written (see jsonFile), rather than reading it all or
// encoding them again.
type lastJSON struct {
	f  *os.File
	st Stamp
	// at is each review's entry (offset, length), keyed by the review
	// of the site resumed from: a review that changed since is another
	// *review.Review, so it has none here, and its entry is made again.
	at     map[*review.Review][2]int
	byPath map[string][2]int // every entry, by the path of the review file, changed or not
}

// openLastJSON opens the reviews.json of the site at dir for the build o
// made again from it, when it is the file the manifest stamps (its size
// and time); nil when it is not, and json encodes every entry again.
func openLastJSON(o *site, m *Manifest, dir string) *lastJSON {
	st := m.Files["reviews.json"]
	f, err := os.Open(filepath.Join(dir, "reviews.json"))
	if err != nil {
		return nil
	}
	if !stampedNow(f, st) {
		f.Close()
		return nil
	}
	j := &lastJSON{f: f, st: st, at: make(map[*review.Review][2]int, len(o.reviews)), byPath: make(map[string][2]int, len(m.Reviews))}
	for p, rec := range m.Reviews {
		if at := rec.JSON; at[1] > 0 && at[0] >= 0 && int64(at[0]+at[1]) <= st.Size {
			j.byPath[p] = at
		}
	}
	for _, rv := range o.reviews {
		if at, ok := j.byPath[rv.Path]; ok {
			j.at[rv] = at
		}
	}
	return j
}

// stampedNow reports whether f is a regular file of st's size and time.
func stampedNow(f *os.File, st Stamp) bool {
	sized, timed := stampedAs(f, st)
	return sized && timed
}

// stampedAs reports whether f is a regular file of st's size, and whether
// it is of st's time too.
func stampedAs(f *os.File, st Stamp) (sized, timed bool) {
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() != st.Size {
		return false, false
	}
	return true, info.ModTime().UnixNano() == st.MTime
}

// entry returns where the entry of rv is in the last reviews.json; ok is
// false when it is not there (or there is none).
func (j *lastJSON) entry(rv *review.Review) (at [2]int, ok bool) {
	if j == nil {
		return at, false
	}
	at, ok = j.at[rv]
	return at, ok
}

// close closes the file; j is not used after.
func (j *lastJSON) close() {
	if j != nil {
		j.f.Close()
	}
}

// readStamped reads the file name when it is the one st stamps: as
// Stamp.holds tells it, by its size and time, else by its hash (a 31 MB
// reviews.json is not hashed again on every build).
func readStamped(name string, st Stamp) ([]byte, bool) {
	f, err := os.Open(name)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	sized, timed := stampedAs(f, st)
	if !sized {
		return nil, false
	}
	data := make([]byte, st.Size)
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, false
	}
	return data, timed || hashOf(data) == st.Hash
}

// earlier returns the repository as the last build read it: the reviews
// of repo that did not change, and the last versions of those changed or
// removed, read back from their sources in the site at dir, published in
// the layout of the last build's (each checked against the hash its record
// says).
func earlier(repo *review.Repo, ch review.Changes, m *Manifest, dir string, layout sourceLayout) (*review.Repo, error) {
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
	site := os.DirFS(dir)
	src := fstest.MapFS{}
	for _, p := range slices.Concat(ch.Changed, ch.Removed) {
		rec, ok := m.Reviews[p]
		if !ok {
			continue // not in the last site
		}
		name := layout.file(rec.ID)
		data, err := fs.ReadFile(site, name)
		if err != nil {
			return nil, fmt.Errorf("the last version of %s: %w", p, err)
		}
		if layout.packed() {
			data = unpack(data, rec.ID, rec.Hash)
		}
		if data == nil || hashOf(data) != rec.Hash {
			return nil, fmt.Errorf("the last version of %s: %s does not hold the file its record says", p, name)
		}
		src[p] = &fstest.MapFile{Data: data}
		rv, _ := review.ReadFile(src, p, &repo.Config, time.Now())
		if rv == nil {
			return nil, fmt.Errorf("the last version of %s cannot be read", p)
		}
		out.Reviews = append(out.Reviews, rv)
	}
	return out, nil
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
