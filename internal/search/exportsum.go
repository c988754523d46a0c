package search

import (
	"crypto/sha256"
	"encoding/binary"

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
