package search

import (
	"fmt"

	index "github.com/blevesearch/bleve_index_api"
)

// What an export of the index (the static site's search) reads: per text
// field, the term dictionary and each term's postings, and the two numbers
// of the field that the score uses beside them. The package doc's
// "Ranking" says how they make a score.

// A Posting is a review that holds a term in a field.
type Posting struct {
	ID        string   // the review id
	Freq      int      // occurrences of the term in the field
	Norm      float32  // float32(1/sqrt(len)), len the field's token count, as stored
	Positions []int    // the term's token positions, ascending (1 is the first)
	Offsets   [][2]int // the byte spans [start, end) of the occurrences, for highlighting
}

// Len returns the field length the score uses: 1/(norm·norm), in float64.
func (p Posting) Len() float64 {
	n := float64(p.Norm)
	return 1 / (n * n)
}

// FieldStats are the numbers of a field that the score uses.
type FieldStats struct {
	Docs   int     // N: the reviews in the index
	AvgLen float64 // avg(f) = ceil(C(f)/N), C(f) bleve's field cardinality
}

// Terms returns the terms of a text field, in byte order.
func (ix *Index) Terms(field string) ([]string, error) {
	r, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return terms(r, field)
}

// Postings returns the postings of a term in a text field, in the index's
// document order.
func (ix *Index) Postings(field, term string) ([]Posting, error) {
	r, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var out []Posting
	err = postings(r, field, term, nil, func(d *index.TermFieldDoc) error {
		id, err := r.ExternalID(d.ID)
		if err != nil {
			return err
		}
		p := Posting{ID: id, Freq: int(d.Freq), Norm: float32(d.Norm)}
		for _, v := range d.Vectors {
			p.Positions = append(p.Positions, int(v.Pos))
			p.Offsets = append(p.Offsets, [2]int{int(v.Start), int(v.End)})
		}
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postings of %s:%s: %w", field, term, err)
	}
	return out, nil
}

// Stats returns the numbers of a text field that the score uses, as bleve
// computes them when it searches.
func (ix *Index) Stats(field string) (FieldStats, error) {
	r, err := ix.reader()
	if err != nil {
		return FieldStats{}, err
	}
	defer r.Close()
	n, err := r.DocCount()
	if err != nil {
		return FieldStats{}, err
	}
	avg, err := avgLen(r, field, int(n))
	return FieldStats{Docs: int(n), AvgLen: avg}, err
}

func (ix *Index) reader() (index.IndexReader, error) {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return nil, fmt.Errorf("read index: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("read index: %w", err)
	}
	return r, nil
}
