package webindex

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
)

// Version is the version of the file format, "v" in entry.json and meta.
const Version = 1

// Dir is where the files go, from the site root. It is named only here:
// the client reads it from format.js (see Client).
const Dir = "search/index/"

// ShardBytes is the size a terms shard is cut at, before gzip.
const ShardBytes = 16 << 10

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

// WriteCached is Write, keeping in the file cache what it exported of
// each term (see exportCache), and starting from what the last export
// kept there: after a few reviews changed, it reads from the index only
// their terms, and writes the same files as Write. A cache that is
// missing, unreadable or of other reviews is made again; "" keeps none.
// When the cache cannot be written, the error is a *CacheError, and files
// are complete all the same.
func WriteCached(files map[string][]byte, ix *search.Index, reviews []*review.Review, cache string) (Stats, error) {
	st, err := write(files, ix, reviews, cache)
	if _, ok := err.(*CacheError); ok {
		return st, err
	}
	if err != nil {
		return st, fmt.Errorf("export the search index: %w", err)
	}
	return st, nil
}

func write(files map[string][]byte, ix *search.Index, reviews []*review.Review, cache string) (Stats, error) {
	var st Stats
	// Number the documents: date descending, id ascending.
	order := slices.Clone(reviews)
	slices.SortFunc(order, review.NewestFirst)
	ex, err := ix.Export(order)
	if err != nil {
		return st, err
	}
	defer ex.Close()
	docs := ex.Docs
	st.Docs = len(docs)

	next := &exportCache{Key: cacheKey(), IDs: make([]string, len(docs)), Sums: make([][16]byte, len(docs))}
	for i, rv := range docs {
		next.IDs[i] = rv.ID
	}
	if cache != "" {
		sums(docs, next.Sums)
	}
	prev := loadCache(cache, next.IDs)
	changed := prev.changed(next.Sums)
	next.Terms, st.Kept, st.Spliced, err = terms(ex, prev, changed)
	if err != nil {
		return st, err
	}
	out := outFiles{}
	shards := writeShards(out, next.Terms, &st)
	docDir, err := writeCards(out, docs)
	if err != nil {
		return st, err
	}
	filterName, values, err := writeFilters(out, docs)
	if err != nil {
		return st, err
	}
	vocab, err := ex.Vocabulary()
	if err != nil {
		return st, err
	}
	vocabData, err := json.Marshal(nonNil(vocab))
	if err != nil {
		return st, err
	}
	vocabName := out.put("v", vocabData)
	fields := make([]fieldRow, len(ex.Fields))
	for i, f := range ex.Fields {
		fields[i] = fieldRow{f.Name, f.Boost, f.AvgLen}
	}
	meta, err := json.Marshal(metaFile{
		V: Version, N: len(docs), Fields: fields, Shards: shards,
		Docs: docsRef{docDir, DocsPerFragment}, Filters: filterName, Values: values, Vocab: vocabName,
		Custom: customKeys(docs),
	})
	if err != nil {
		return st, err
	}
	entry, err := json.Marshal(entryFile{V: Version, Meta: out.put("meta", meta)})
	if err != nil {
		return st, err
	}
	out["entry.json"] = entry

	for name, data := range out {
		files[Dir+name] = data
		st.Bytes += len(data)
	}
	st.Files = len(out)
	// Without a change, the entries are the cache's.
	if cache != "" && (prev == nil || len(changed) > 0) {
		if err := next.save(cache); err != nil {
			return st, &CacheError{err}
		}
	}
	return st, nil
}

// sums sets the search.DocSum of each document, on every core.
func sums(docs []*review.Review, out [][16]byte) {
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
}

// outFiles are the files of an export, by name under Dir.
type outFiles map[string][]byte

// put adds a file named for its content: prefix.HASH.json.
func (out outFiles) put(prefix string, data []byte) string {
	name := prefix + "." + hash(data) + ".json"
	out[name] = data
	return name
}

// putDir adds numbered files in a folder named for their content, and
// returns the folder's name with a final "/".
func (out outFiles) putDir(prefix string, names []string, data [][]byte) string {
	h := sha256.New()
	for i, d := range data {
		fmt.Fprintf(h, "%s %d\n", names[i], len(d))
		h.Write(d)
	}
	dir := prefix + "." + hex.EncodeToString(h.Sum(nil)[:6]) + "/"
	for i, d := range data {
		out[dir+names[i]] = d
	}
	return dir
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
