package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/fupan/fupan/internal/review"
)

// An Export reads the whole index, for a static copy of it (the site's
// search, internal/webindex): per field its statistics, its terms and their
// postings, with the documents numbered in an order the caller chooses,
// and a card per document. Close it when done.
type Export struct {
	r   index.IndexReader
	num map[string]int          // internal id → document number
	ids []index.IndexInternalID // document number → internal id

	sources func() (map[string]string, error) // the Index's (Sources)

	// Docs are the reviews the index holds, in the order asked for; a
	// posting's Doc is an index into it.
	Docs []*review.Review

	// Fields are the text fields, in the order of the package's Fields,
	// with what the score needs of each.
	Fields []ExportField
}

// An ExportField is a text field of the index and its numbers.
type ExportField struct {
	Field
	AvgLen float64 // avg(f) of the score over Docs; 0 when there are none
}

// An ExportPosting is a document that holds a term in a field.
type ExportPosting struct {
	Doc  int   // the document's number, an index into Export.Docs
	Freq int   // occurrences in the field
	Len  int   // the field's length in tokens, as the score takes it
	Pos  []int // the token positions, ascending
}

// A Card is what a result list shows of a review before it is opened.
type Card struct {
	ID, Title, Date, Severity string
	Services, Exceptions      []string
	Summary                   string
}

// CardOf returns the card of a review.
func CardOf(rv *review.Review) Card {
	return Card{rv.ID, rv.Title, rv.Date, rv.Severity, rv.Services, rv.Exceptions(), rv.Summary}
}

// Export starts an export of the reviews in the order given; reviews
// the index does not hold, and repeats, are left out.
func (ix *Index) Export(order []*review.Review) (*Export, error) {
	r, err := ix.reader()
	if err != nil {
		return nil, err
	}
	e := &Export{r: r, num: map[string]int{}, sources: ix.sources}
	iids, err := internalIDs(r, order)
	if err != nil {
		r.Close()
		return nil, err
	}
	for i, rv := range order {
		if iid := iids[i]; iid != nil {
			e.num[string(iid)] = len(e.Docs)
			e.ids = append(e.ids, iid)
			e.Docs = append(e.Docs, rv)
		}
	}
	for _, f := range Fields {
		avg, err := avgLen(r, f.Name, len(e.Docs))
		if err != nil {
			r.Close()
			return nil, err
		}
		e.Fields = append(e.Fields, ExportField{f, avg})
	}
	return e, nil
}

// internalIDs returns the internal id of each review of order that the
// index holds, nil for the others and for a review whose id came before.
// It lists the documents of the index once, with their ids, rather than
// looking up each review's (bleve's InternalID opens a postings reader
// of the id's term each time).
func internalIDs(r index.IndexReader, order []*review.Review) ([]index.IndexInternalID, error) {
	at := make(map[string]int, len(order)) // the first review of each id
	for i, rv := range order {
		if _, dup := at[rv.ID]; !dup {
			at[rv.ID] = i
		}
	}
	out := make([]index.IndexInternalID, len(order))
	all, err := r.DocIDReaderAll()
	if err != nil {
		return nil, fmt.Errorf("read index: %w", err)
	}
	defer all.Close()
	for {
		iid, err := all.Next()
		if err != nil {
			return nil, fmt.Errorf("read index: %w", err)
		}
		if iid == nil {
			return out, nil
		}
		id, err := r.ExternalID(iid)
		if err != nil {
			return nil, fmt.Errorf("read index: %w", err)
		}
		if i, ok := at[id]; ok {
			out[i] = iid
		}
	}
}

// Close releases the index reader.
func (e *Export) Close() error { return e.r.Close() }

// Terms returns the terms of field i (an index into Fields), in byte order.
func (e *Export) Terms(i int) ([]string, error) { return terms(e.r, e.Fields[i].Name) }

// Postings returns the postings of term in field i among Docs, by
// document number.
func (e *Export) Postings(i int, term string) ([]ExportPosting, error) {
	field := e.Fields[i].Name
	var list []ExportPosting
	var pos positions
	err := postings(e.r, field, term, func(n uint64) { list = make([]ExportPosting, 0, n) }, func(d *index.TermFieldDoc) error {
		doc, ok := e.num[string(d.ID)]
		if !ok {
			return nil
		}
		p, err := exportPosting(doc, d, &pos)
		list = append(list, p)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("postings of %s:%s: %w", field, term, err)
	}
	slices.SortFunc(list, func(a, b ExportPosting) int { return cmp.Compare(a.Doc, b.Doc) })
	return list, nil
}

// exportPosting is the posting d of the document numbered doc, its
// positions taken from pos.
func exportPosting(doc int, d *index.TermFieldDoc, pos *positions) (ExportPosting, error) {
	length := int(math.Round(1 / (d.Norm * d.Norm)))
	if norm(length) != d.Norm {
		return ExportPosting{}, fmt.Errorf("norm %v is not that of a length (%d gives %v)", d.Norm, length, norm(length))
	}
	p := ExportPosting{Doc: doc, Freq: int(d.Freq), Len: length}
	p.Pos = pos.take(len(d.Vectors))
	for i, v := range d.Vectors {
		p.Pos[i] = int(v.Pos)
	}
	slices.Sort(p.Pos)
	if len(p.Pos) != p.Freq {
		return ExportPosting{}, fmt.Errorf("%d positions for a frequency of %d", len(p.Pos), p.Freq)
	}
	return p, nil
}

// positions hands out the position lists of a term's postings from a few
// large arrays rather than one small one each.
type positions struct{ free []int }

// take returns a list of n positions (nil for none).
func (p *positions) take(n int) []int {
	if n == 0 {
		return nil
	}
	if n > len(p.free) {
		p.free = make([]int, max(n, positionsChunk))
	}
	out := p.free[:n:n]
	p.free = p.free[n:]
	return out
}

// positionsChunk is the number of positions positions allocates at a time.
const positionsChunk = 1024

// norm is the field norm bleve (zap) keeps for a field of length tokens.
func norm(length int) float64 {
	return float64(float32(1 / math.Sqrt(float64(length))))
}

// terms reads the term dictionary of a field.
func terms(r index.IndexReader, field string) ([]string, error) {
	dict, err := dictionary(r, field)
	out := make([]string, len(dict))
	for i, t := range dict {
		out[i] = t.Term
	}
	return out, err
}

// postings calls fn with each posting of term in field, in the index's
// document order, with term vectors; first, when size is not nil, with
// the number of postings (deleted documents' included). fn is given the
// same TermFieldDoc each time, filled anew: it must not keep it.
func postings(r index.IndexReader, field, term string, size func(uint64), fn func(*index.TermFieldDoc) error) error {
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), field, true, true, true)
	if err != nil {
		return err
	}
	defer tfr.Close()
	if size != nil {
		size(tfr.Count())
	}
	var buf index.TermFieldDoc
	for {
		d, err := tfr.Next(&buf)
		if err != nil {
			return err
		}
		if d == nil {
			return nil
		}
		if err := fn(d); err != nil {
			return err
		}
	}
}

// avgLen returns avg(f) of the score for a field over n documents:
// ceil(C(f)/n), C(f) bleve's field cardinality; 0 when n is 0.
func avgLen(r index.IndexReader, field string, n int) (float64, error) {
	br, ok := r.(index.BM25Reader)
	if !ok || n == 0 {
		return 0, nil
	}
	c, err := br.FieldCardinality(field)
	if err != nil {
		return 0, fmt.Errorf("length of %s: %w", field, err)
	}
	return math.Ceil(float64(c) / float64(n)), nil
}

// RaisedTerms returns the names that reviews are raised for (see
// [RaisedNames]), in byte order.
func (e *Export) RaisedTerms() ([]string, error) { return terms(e.r, fieldRaised) }

// Raised returns the documents raised for a name, ascending.
func (e *Export) Raised(name string) ([]int, error) {
	var docs []int
	err := postings(e.r, fieldRaised, name, nil, func(d *index.TermFieldDoc) error {
		if doc, ok := e.num[string(d.ID)]; ok {
			docs = append(docs, doc)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postings of %s:%s: %w", fieldRaised, name, err)
	}
	slices.Sort(docs)
	return docs, nil
}

// dictionary reads the term dictionary of a field, with the counts.
func dictionary(r index.IndexReader, field string) ([]DictTerm, error) {
	d, err := r.FieldDict(field)
	if err != nil {
		return nil, fmt.Errorf("terms of %s: %w", field, err)
	}
	defer d.Close()
	var out []DictTerm
	for {
		t, err := d.Next()
		if err != nil {
			return nil, fmt.Errorf("terms of %s: %w", field, err)
		}
		if t == nil {
			return out, nil
		}
		out = append(out, DictTerm{t.Term, int(t.Count)})
	}
}
