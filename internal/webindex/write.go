package webindex

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
)

// Version is the version of the file format, "v" in entry.json and meta.
const Version = 2

// Dir is where the files go, from the site root. It is named only here:
// the client reads it from format.js (see Client).
const Dir = "search/index/"

// ShardBytes is the size of a terms shard, before gzip: from half as much
// to twice as much (see cutBefore).
const ShardBytes = 16 << 10

// FragmentsPerFolder is the number of card fragments in a folder.
const FragmentsPerFolder = 64

// The folder of the shards, under Dir, whose files are named for their
// content (see shardName), and the prefix of the card folders' names
// (see writeCards).
const (
	shardsDir = "s/"
	cardsDir  = "d"
)

// DocsPerFragment is the number of documents per metadata fragment (the
// cards of a range of documents, in date order). The hits of a query are
// spread over the years, so a fragment mostly brings one card that is
// shown: eight keep the 20 cards of a first page to about 20 fragments of
// some 3 kB gzipped, while a site of 10,000 reviews has 1,250 card files
// rather than 10,000 (hosts limit the number of files: Cloudflare Pages
// to 20,000).
const DocsPerFragment = 8

// Stats says what Write wrote.
type Stats struct {
	Docs, Terms, Shards, Files int
	Bytes                      int // all files, before compression
	Kept                       int // terms whose entry came from the cache
	Spliced                    int // of the others, those read only for the changed reviews
}

// Write exports the index ix of the reviews into files (paths from the
// site root, as site.Files holds them), under Dir. Reviews that the index
// does not hold, and documents of the index that are not among reviews,
// are left out.
func Write(files map[string][]byte, ix *search.Index, reviews []*review.Review) (Stats, error) {
	return WriteCached(files, ix, reviews, "")
}

// WriteCached is Write, keeping in the folder cache what it exported (see
// exportCache), and starting from what the last export kept there: after
// a few reviews changed, it reads from the index only their terms, and
// writes the same files as Write. A cache that is missing, damaged or of
// other reviews is made again; "" keeps none. When the cache cannot be
// written, the error is a *CacheError, and files are complete all the
// same.
func WriteCached(files map[string][]byte, ix *search.Index, reviews []*review.Review, cache string) (Stats, error) {
	o, err := ExportCached(ix, reviews, cache)
	if o == nil {
		return Stats{}, err
	}
	all, lerr := o.All()
	if lerr != nil {
		return o.Stats, fmt.Errorf("export the search index: %w", lerr)
	}
	maps.Copy(files, all)
	return o.Stats, err
}

// ExportCached is WriteCached, but gives the files whose bytes it did not
// make, those of shards it kept whole from the cache, by their SHA-256
// only (Output.Same): they are those of the last export, which the
// caller may have kept, else reads with Output.Load. The Output is nil
// when the error is not a *CacheError.
func ExportCached(ix *search.Index, reviews []*review.Review, cache string) (*Output, error) {
	o, err := write(ix, reviews, cache)
	if _, ok := err.(*CacheError); ok || err == nil {
		return o, err
	}
	return nil, fmt.Errorf("export the search index: %w", err)
}

func write(ix *search.Index, reviews []*review.Review, cache string) (*Output, error) {
	// Number the documents: date descending, id ascending.
	order := slices.Clone(reviews)
	slices.SortFunc(order, review.NewestFirst)
	ex, err := ix.Export(order)
	if err != nil {
		return nil, err
	}
	defer ex.Close()
	docs := ex.Docs
	next := &exportCache{dir: cache, IDs: make([]string, len(docs)), Sums: make([][16]byte, len(docs))}
	for i, rv := range docs {
		next.IDs[i] = rv.ID
	}
	if cache != "" {
		if err := sums(ex, next.Sums); err != nil {
			return nil, err
		}
	}
	prev := loadCache(cache, next.IDs)
	// The shards made copy what they take of prev's records: none is
	// used once the export is made.
	defer prev.release()
	o, records, err := writeFrom(ex, prev, next)
	if errors.Is(err, errDamaged) {
		// A record is not what the head says: the cache is not trusted.
		prev = nil
		o, records, err = writeFrom(ex, nil, next)
	}
	if err != nil {
		return nil, err
	}
	// Without a change, the cache is the same.
	if cache != "" && (prev == nil || len(records) > 0 || len(prev.changed(next.Sums)) > 0) {
		if err := next.save(prev, records); err != nil {
			return o, &CacheError{err}
		}
	}
	return o, nil
}

// writeFrom exports ex from prev, the last export's cache (nil for
// none), into next, the cache of this one; it returns the export and the
// records of the shards it made, as the entries each is written from.
func writeFrom(ex *search.Export, prev, next *exportCache) (*Output, map[*shardHead][]*termEntry, error) {
	docs := ex.Docs
	o := &Output{Files: map[string][]byte{}, Same: map[string]string{}, cache: next, kept: map[string]*shardHead{}}
	o.Stats.Docs = len(docs)
	// The cards and the filters are made from the reviews alone: on the
	// other core, while the shards are.
	side := make(chan sideFiles, 1)
	go func() { side <- writeSide(docs) }()
	shards, dict, err := exportShards(ex, prev, prev.changed(next.Sums), next.dir != "", &o.Stats)
	sf := <-side
	if err == nil {
		err = sf.err
	}
	if err != nil {
		return nil, nil, err
	}
	maps.Copy(o.Files, sf.files)
	out := outFiles(o.Files)
	records := map[*shardHead][]*termEntry{}
	ref := shardsRef{Dir: shardsDir, First: make([]string, len(shards)), Names: make([]string, len(shards))}
	next.Shards = make([]*shardHead, len(shards))
	for i, s := range shards {
		h := s.head
		name := h.name()
		ref.Names[i], next.Shards[i] = name, h
		if i > 0 {
			ref.First[i] = h.First
		}
		o.Stats.Terms += h.Terms
		o.Stats.Bytes += h.Size + 1 + h.PSize
		tf, pf := Dir+shardsDir+name+".t.json", Dir+shardsDir+name+".p.json"
		if s.t != nil {
			o.Files[tf], o.Files[pf] = s.t, s.p
			if next.dir != "" {
				records[h] = s.entries
			}
			continue
		}
		o.Same[tf], o.Same[pf] = hex.EncodeToString(h.T[:]), hex.EncodeToString(h.P[:])
		o.kept[name] = h
	}
	o.Stats.Shards = len(shards)
	vocabData, err := json.Marshal(nonNil(vocabulary(dict, len(ex.Fields))))
	if err != nil {
		return nil, nil, err
	}
	vocabName := out.put("v", vocabData)
	fields := make([]fieldRow, len(ex.Fields))
	for i, f := range ex.Fields {
		fields[i] = fieldRow{f.Name, f.Boost, f.AvgLen}
	}
	meta, err := json.Marshal(metaFile{
		V: Version, N: len(docs), Fields: fields, Shards: ref,
		Docs: docsRef{sf.cards, FragmentsPerFolder, DocsPerFragment}, Filters: sf.filters, Values: sf.values, Vocab: vocabName,
		Custom: customKeys(docs),
	})
	if err != nil {
		return nil, nil, err
	}
	entry, err := json.Marshal(entryFile{V: Version, Meta: out.put("meta", meta)})
	if err != nil {
		return nil, nil, err
	}
	o.Files[Dir+"entry.json"] = entry
	for name, data := range o.Files {
		if !strings.HasPrefix(name, Dir+shardsDir) {
			o.Stats.Bytes += len(data)
		}
	}
	o.Stats.Files = len(o.Files) + len(o.Same)
	return o, records, nil
}

// sums sets the sum of each document, which tells whether it holds the
// postings it held in the last export (see exportCache): the SHA-256 of
// what the index says it was indexed from (search.Export.Sources), by
// this fupan (cacheKey), or, when either is not known, its search.DocSum, on every core (which
// builds each document's whole text).
func sums(ex *search.Export, out [][16]byte) error {
	sources, ok, err := ex.Sources()
	if err != nil {
		return err
	}
	if ok && review.Program() != "" { // a fupan that cannot be told makes no cache key
		for i, s := range sources {
			sum := sha256.Sum256([]byte("source\x00" + s))
			out[i] = [16]byte(sum[:16])
		}
		return nil
	}
	docs := ex.Docs
	var wg sync.WaitGroup
	n := runtime.GOMAXPROCS(0)
	for w := range n {
		wg.Go(func() {
			for i := w; i < len(docs); i += n {
				out[i] = search.DocSum(docs[i])
			}
		})
	}
	wg.Wait()
	return nil
}

// sideFiles are the files of an export made from the reviews alone, the
// cards and the filters (writeSide).
type sideFiles struct {
	files   outFiles
	cards   []string            // the card folders
	filters string              // the filter file's name
	values  map[string][]string // meta's values
	err     error
}

// writeSide makes the card and filter files of the documents docs.
func writeSide(docs []*review.Review) sideFiles {
	sf := sideFiles{files: outFiles{}}
	if sf.cards, sf.err = writeCards(sf.files, docs); sf.err == nil {
		sf.filters, sf.values, sf.err = writeFilters(sf.files, docs)
	}
	return sf
}

// vocabulary returns the terms of dict that a typo is looked up in
// (search.InVocabulary) and that a text field holds (an index below
// nfields), in byte order: what search.Export.Vocabulary returns, from
// the dictionary the shards were cut from.
func vocabulary(dict []dictTerm, nfields int) []string {
	var out []string
	for _, d := range dict {
		if d.fields[0] < int32(nfields) && search.InVocabulary(d.term) {
			out = append(out, d.term)
		}
	}
	return out
}

// outFiles are the files of an export, by site path.
type outFiles map[string][]byte

// put adds a file named for its content, Dir + prefix.HASH.json, and
// returns its name under Dir.
func (out outFiles) put(prefix string, data []byte) string {
	name := prefix + "." + hash(data) + ".json"
	out[Dir+name] = data
	return name
}

// hash is the content hash of a file name: 12 hex digits of its SHA-256.
func hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:6])
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
