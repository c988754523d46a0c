package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/gofrs/flock"
	"golang.org/x/sync/errgroup"

	"github.com/fupan/fupan/internal/progress"
	"github.com/fupan/fupan/internal/review"
)

// Index is the search index of a review repository.
type Index struct {
	bi   bleve.Index
	disk bool         // kept in a state folder, not in memory
	lock *flock.Flock // on the state folder, held until Close; nil in memory

	// Update says what Open did to bring the index up to date.
	Update Update

	// sources gives what each document was indexed from, by id, from
	// the manifest Open left (nil for FromReviews): see Export.Sources.
	sources func() (map[string]string, error)

	// The custom fields' names, read from the index once (CustomKeys):
	// an Index does not change after Open.
	customOnce sync.Once
	custom     []string
	customErr  error
}

// Options tell Open where the index is kept and whom to tell what it does.
type Options struct {
	// Dir is the state folder the index is kept in, which Open creates;
	// with "", the index is built in memory.
	Dir string

	// Name is what notes call Dir, such as ".fupan/search"; Dir when
	// empty.
	Name string

	// StatCache is the file of the review.StatCache that remembers each
	// review file's hash by its size and modification time, shared with
	// the other commands (.fupan/stat); with "", every file is read.
	StatCache string

	// Listing, when set and scanned, is the review files as the caller
	// listed and stat'ed them a moment before (review.Options.Listing):
	// Open takes their states rather than stat-ing each file again.
	Listing *review.Listing

	// Progress, when set, is told how the indexing goes, review by
	// review, when Open indexes any.
	Progress progress.Reporter

	// Indexing, when set, is called before Open indexes reviews (it
	// updates or rebuilds the index, or builds one in memory): the long
	// part of a run, which a caller may prepare for.
	Indexing func()

	// Note, when set, is told in one line what Open does beyond the
	// ordinary: it waits for another process that updates the index, it
	// rebuilds an index that is damaged or of another version, it builds
	// one in memory because the state folder cannot be used.
	Note func(string)
}

func (o *Options) note(format string, args ...any) {
	if o.Note != nil {
		// One line, whatever the errors quoted hold.
		o.Note(strings.Join(strings.Fields(fmt.Sprintf(format, args...)), " "))
	}
}

func (o *Options) name() string { return cmp.Or(o.Name, o.Dir) }

func (o *Options) indexing() {
	if o.Indexing != nil {
		o.Indexing()
	}
}

// Files under the state folder.
const (
	manifestFile = "manifest"
	bleveDir     = "index.bleve"
)

// Reviews per bleve batch. The memory an index takes while it is built
// grows with the batch (bleve holds the analysis of every field of its
// reviews until it has made the batch's segment: about 0.5 MB a review),
// and searching an index in memory slows with the number of its segments.
// An index on disk takes small batches, which scorch merges in tiers as
// they come (buildConfig) and into one segment at the end (forceMerge);
// one in memory, which is never merged, larger.
const (
	diskBatchSize   = 100
	memoryBatchSize = 500
)

// buildConfig is the scorch runtime config of an index built on disk from
// nothing (rebuild): scorch merges the batches' segments in tiers while
// they come, ten segments of about the same size a task (ten batches make
// a segment of 1,000 reviews, ten of those one of 10,000, …), and the last
// few are merged into one when the last batch is in (forceMerge). So each
// review is copied once a tier, log10(n/100) times, and the index never
// has more than about ten segments a tier. Holding the merges back until
// the end, as a rebuild did before, left a segment a batch: each batch then
// cost scorch work for every segment before it (it looks up the batch's
// ids in each, writes a snapshot that lists them all, and lists the
// folder's files after each), so the index phase grew with the square of
// the reviews: 1,000 segments at 100,000 reviews, past the 1,000 files at
// which scorch's persister also starts to wait for merges that never came.
// A merge task of ten is what zapx does well: it compares the term of
// every segment of a task at each step.
func buildConfig() map[string]any {
	return map[string]any{"scorchMergePlanOptions": map[string]any{
		"FloorSegmentSize":     diskBatchSize, // the first tier: one batch
		"MaxSegmentsPerTier":   10,
		"SegmentsPerMergeTask": 10,
		"TierGrowth":           10.0,
	}}
}

// A decoded review file, ready for a batch.
type decoded struct {
	path, hash string         // the SHA-256 of the content decoded
	id         string         // "" when the file does not decode
	doc        map[string]any // nil when the file does not decode
	err        error          // a *readError: the file cannot be read
}

// A source is a review file to decode, and its content when it was read
// already (nil: read it when it is decoded).
type source struct {
	path string
	data []byte
}

// decode reads and decodes the review files srcs of fsys on GOMAXPROCS
// goroutines and sends each, in no particular order; a file that does not
// decode has no document (it is not a review the index can hold). It
// decodes without checking (review.Decode: the checks are 'fupan check's),
// and lets go of each file's content once decoded (srcs[i].data is set to
// nil), so that the files are not all held until the last is indexed.
// Closing stop makes it read and decode no more files.
func decode(fsys fs.FS, srcs []source, stop <-chan struct{}) <-chan decoded {
	out := make(chan decoded, 64)
	go func() {
		var g errgroup.Group
		g.SetLimit(runtime.GOMAXPROCS(0))
		for i := range srcs {
			g.Go(func() error {
				s := &srcs[i]
				data := s.data
				s.data = nil
				d := decoded{path: s.path}
				select {
				case <-stop:
					return nil
				default:
				}
				if data == nil {
					var err error
					if data, err = fs.ReadFile(fsys, s.path); err != nil {
						d.err = &readError{fmt.Errorf("read %s: %w", s.path, err)}
						out <- d
						return nil
					}
				}
				d.hash = hash(data)
				if r := review.Decode(s.path, data); r.ID != "" {
					d.id, d.doc = r.ID, document(r)
				}
				out <- d
				return nil
			})
		}
		g.Wait() // a file that does not decode is no error here
		close(out)
	}()
	return out
}

// Open opens the index of the repository fsys (reviews under "reviews/")
// kept in the state folder opt.Dir and brings it up to date: reviews
// added, edited or deleted since the last Open are indexed or removed.
// What changed is what review.Scan and review.Diff say, the content hashes
// of the files against those the index was made from: with
// opt.StatCache, only the files whose size or modification time are not
// those of the cache are read.
//
// The state folder is never trusted blindly (see "The index on disk" in
// the package doc): an index of another [Version], or one that is damaged,
// is rebuilt, with a note. Processes share it through a lock; one that
// must wait says so in a note. When the folder cannot be used (it cannot
// be written, the disk is full), the index is built in memory, with a
// note: the error returned is only one that an index in memory has too,
// such as a review file that cannot be read. With opt.Dir "", the index is
// built in memory.
//
// ctx stops a wait for the lock.
func Open(ctx context.Context, fsys fs.FS, opt Options) (*Index, error) {
	ix, files, err := openScanned(fsys, &opt)
	if ix != nil || err != nil {
		return ix, err
	}
	if opt.Dir == "" {
		opt.indexing()
		return openMemory(fsys, files, Update{Rebuilt: InMemory}, opt.Progress)
	}
	ix, err = openDisk(ctx, fsys, files, &opt)
	var rerr *readError
	if err == nil || errors.As(err, &rerr) || ctx.Err() != nil {
		return ix, err
	}
	opt.note("cannot use the search index in %s (%v): using one in memory this time", opt.name(), err)
	opt.indexing()
	return openMemory(fsys, files, Update{Rebuilt: MemoryFallback, Why: err.Error()}, opt.Progress)
}

// openMemory builds the index of files in memory.
// why says why it is in memory.
func openMemory(fsys fs.FS, files []review.State, why Update, p progress.Reporter) (*Index, error) {
	// Scorch in memory, not bleve.NewMemOnly's upsidedown: upsidedown has
	// no field cardinality, so bleve would score it with TF-IDF.
	bi, err := bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	ix := &Index{bi: bi, Update: why}
	m := newManifest()
	if err := ix.apply(fsys, files, m, nil, p); err != nil {
		bi.Close()
		return nil, err
	}
	if err := ix.checkDocs(m); err != nil {
		bi.Close()
		return nil, err
	}
	ix.setManifest(m)
	return ix, nil
}

// checkDocs reports whether the index holds as many documents as the
// manifest says: no run may search or export an index that lacks reviews.
func (ix *Index) checkDocs(m *manifest) error {
	n, err := ix.bi.DocCount()
	if err != nil {
		return damaged("count the documents: %v", err)
	}
	if want := m.docs(); n != want {
		return damaged("the index holds %d reviews, the manifest %d", n, want)
	}
	return nil
}

// Close closes the index and lets go of the state folder.
func (ix *Index) Close() error {
	err := ix.bi.Close()
	if ix.lock != nil {
		err = errors.Join(err, ix.lock.Close())
	}
	return err
}

// distinct returns states without the files whose id an earlier one has.
func distinct(states []review.State) []review.State {
	files := states[:0]
	seen := make(map[string]bool, len(states))
	for _, s := range states {
		if seen[s.ID] {
			continue
		}
		seen[s.ID] = true
		files = append(files, s)
	}
	return files
}

// changes is what diff found.
type changes struct {
	read    map[string][]byte // path → content, of files to index (nil: not read yet)
	deleted []string          // ids
}

func (c *changes) dirty() bool {
	return len(c.read) > 0 || len(c.deleted) > 0
}

// A readError is a review file that cannot be read.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// diff compares the files with the manifest, as review.Diff compares
// content hashes: the files added or changed are to be indexed, the ids of
// the files removed (and not moved) are deleted. The files to index are
// read now when read is set (an index updated in place is then not touched
// when one cannot be read), else as they are decoded: an index built from
// nothing does not hold every file's content at once.
func diff(fsys fs.FS, files []review.State, m *manifest, read bool) (*changes, error) {
	old := make(map[string]string, len(m.reviews))
	for _, e := range m.reviews {
		old[e.Path] = e.Hash
	}
	ch := review.Diff(old, review.Hashes(files))
	c := &changes{read: map[string][]byte{}}
	for _, p := range slices.Concat(ch.Added, ch.Changed) {
		var data []byte
		if read {
			var err error
			if data, err = fs.ReadFile(fsys, p); err != nil {
				return nil, &readError{fmt.Errorf("read %s: %w", p, err)}
			}
		}
		c.read[p] = data
	}
	present := make(map[string]bool, len(files))
	for _, f := range files {
		present[f.ID] = true
	}
	for id := range m.reviews {
		if !present[id] {
			c.deleted = append(c.deleted, id)
		}
	}
	return c, nil
}

// apply indexes what changed (everything when c is nil), removes what was
// deleted, and updates the reviews of the manifest to match; p, when set,
// is told how the indexing goes.
func (ix *Index) apply(fsys fs.FS, files []review.State, m *manifest, c *changes, p progress.Reporter) error {
	if c == nil {
		var err error
		if c, err = diff(fsys, files, m, false); err != nil {
			return err
		}
	}
	u := &ix.Update
	u.Deleted = len(c.deleted)
	if !c.dirty() {
		u.Unchanged = len(files)
		return nil
	}
	byPath := make(map[string]review.State, len(files))
	for _, f := range files {
		byPath[f.Path] = f
	}

	// Decode the files that changed with the review package, each on its
	// own (the rules across files do not matter to the index), in
	// parallel, and index them in batches, one at a time: bleve analyses
	// a batch's reviews on every core, and builds its segment on one core
	// while the next reviews are decoded. (Two batches at a time, when a
	// rebuild held scorch's merges back, now and then made scorch use a
	// segment it had closed: "assignment to entry in nil map" in zapx.)
	//
	// The hash of what was read, which the scan's may not be when the file
	// changed in between (the next scan then sees it changed), is taken
	// before the content is let go.
	srcs := make([]source, 0, len(c.read))
	for p, data := range c.read {
		srcs = append(srcs, source{p, data})
	}
	c.read = nil
	slices.SortFunc(srcs, func(a, b source) int { return strings.Compare(a.path, b.path) })
	stop := make(chan struct{})
	docs := decode(fsys, srcs, stop)
	ph := progress.Start(p, "search index", "review", len(srcs))
	defer ph.Done()

	size := memoryBatchSize
	if ix.disk {
		size = diskBatchSize
	}
	b := ix.bi.NewBatch()
	nbatches := 0
	flush := func() error {
		if b.Size() == 0 {
			return nil
		}
		if err := ix.bi.Batch(b); err != nil {
			return fmt.Errorf("index reviews: %w", err)
		}
		nbatches++
		b = ix.bi.NewBatch()
		return nil
	}
	drain := func() {
		close(stop)
		for range docs {
		}
	}
	for _, id := range c.deleted {
		b.Delete(id)
		delete(m.reviews, id)
	}
	indexed := map[string]bool{}
	hashes := make(map[string]string, len(srcs))
	for d := range docs {
		if d.err != nil {
			drain()
			return d.err
		}
		hashes[d.path] = d.hash
		if d.doc == nil {
			continue
		}
		if err := b.Index(d.id, d.doc); err != nil {
			drain()
			return fmt.Errorf("index %s: %w", d.path, err)
		}
		indexed[d.path] = true
		ph.Add(1)
		if b.Size() >= size {
			if err := flush(); err != nil {
				drain()
				return err
			}
		}
	}
	for p, h := range hashes {
		f := byPath[p]
		if _, ok := m.reviews[f.ID]; ok {
			u.Changed++
		} else {
			u.Added++
		}
		if !indexed[p] {
			// It no longer decodes: drop what the index had of it. Its
			// entry stays, so that it is not read again until it changes.
			b.Delete(f.ID)
		}
		m.reviews[f.ID] = entry{ID: f.ID, Path: p, Hash: h, Doc: indexed[p]}
	}
	if err := flush(); err != nil {
		return err
	}
	if nbatches > 1 && ix.disk {
		// Several batches make several segments: merge them into one,
		// which opens faster and which the doc's avg(f) describes.
		if err := ix.forceMerge(); err != nil {
			return err
		}
	}
	u.Unchanged = len(files) - u.Added - u.Changed
	return nil
}

// forceMerge merges the segments of the index on disk into one. Scorch's
// ForceMerge plans once, ten segments a task, so that it leaves a segment
// for every ten it found; forceMerge asks again until one is left.
func (ix *Index) forceMerge() error {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return fmt.Errorf("merge index: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	for last := 0; ; {
		n, err := segmentCount(s)
		if err != nil {
			return fmt.Errorf("merge index: %w", err)
		}
		if n <= 1 {
			return nil
		}
		if last != 0 && n >= last {
			return fmt.Errorf("merge index: %d segments left after a merge of %d", n, last)
		}
		last = n
		if err := s.ForceMerge(context.Background(), nil); err != nil {
			return fmt.Errorf("merge index: %w", err)
		}
	}
}

// segmentCount is the number of segments of the index s holds now.
func segmentCount(s *scorch.Scorch) (int, error) {
	r, err := s.Reader()
	if err != nil {
		return 0, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return 0, errors.New("not a scorch snapshot")
	}
	return len(snap.Segments()), nil
}
