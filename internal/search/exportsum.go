package search

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/fupan/fupan/internal/review"
)

// DocSum returns a fingerprint of what the index holds of rv in the fields
// an export reads (the text fields of Fields and the raised names): two
// versions of a review with the same sum give the same postings. So an
// export that keeps what it read of each term (internal/webindex) reads
// again only the terms of the reviews whose sum changed.
func DocSum(rv *review.Review) [16]byte {
	doc := document(rv)
	h := sha256.New()
	put := func(s string) {
		var n [binary.MaxVarintLen64]byte
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		h.Write([]byte(s))
	}
	for _, f := range Fields {
		put(f.Name)
		put(doc[f.Name].(string))
	}
	put(fieldRaised)
	for _, name := range doc[fieldRaised].([]string) {
		put(name)
	}
	var sum [16]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

// A DictTerm is a term of a field's dictionary and the number of
// documents of the index that hold it, deleted ones that the index has
// not yet merged away included: never fewer than its postings among Docs.
type DictTerm struct {
	Term  string
	Count int
}

// Dictionary returns the terms of field i (an index into Fields, or
// len(Fields) for the raised names), in byte order, with their counts.
func (e *Export) Dictionary(i int) ([]DictTerm, error) {
	field := fieldRaised
	if i < len(e.Fields) {
		field = e.Fields[i].Name
	}
	return dictionary(e.r, field)
}

// PostingsOf returns the postings of term in field i (an index into
// Fields) of the documents docs (numbers into Docs) only, by document
// number: those Postings returns of them, without reading the others'. So
// an export that keeps the entries of its last (internal/webindex) reads
// of a term that many documents hold only what the changed ones hold.
func (e *Export) PostingsOf(i int, term string, docs []int) ([]ExportPosting, error) {
	field := e.Fields[i].Name
	want := make([]index.IndexInternalID, 0, len(docs))
	for _, d := range docs {
		want = append(want, e.ids[d])
	}
	// Advanced to each in the index's order.
	slices.SortFunc(want, func(a, b index.IndexInternalID) int { return bytes.Compare(a, b) })
	tfr, err := e.r.TermFieldReader(context.Background(), []byte(term), field, true, true, true)
	if err != nil {
		return nil, fmt.Errorf("postings of %s:%s: %w", field, term, err)
	}
	defer tfr.Close()
	var list []ExportPosting
	var buf index.TermFieldDoc // filled anew by each Advance
	var pos positions
	for _, id := range want {
		d, err := tfr.Advance(id, &buf)
		if err != nil {
			return nil, fmt.Errorf("postings of %s:%s: %w", field, term, err)
		}
		if d == nil || !d.ID.Equals(id) {
			continue
		}
		p, err := exportPosting(e.num[string(id)], d, &pos)
		if err != nil {
			return nil, fmt.Errorf("postings of %s:%s: %w", field, term, err)
		}
		list = append(list, p)
	}
	slices.SortFunc(list, func(a, b ExportPosting) int { return cmp.Compare(a.Doc, b.Doc) })
	return list, nil
}
