package search

import (
	index "github.com/blevesearch/bleve_index_api"
)

// indexLexicon is the lexicon of an open index reader.
type indexLexicon struct {
	r   index.IndexReader
	err error
}

func (l *indexLexicon) has(term string, prefix bool) bool {
	for _, f := range textFields {
		d, err := l.r.FieldDictPrefix(f, []byte(term))
		if err != nil {
			l.err = err
			return false
		}
		e, err := d.Next()
		d.Close()
		if err != nil {
			l.err = err
			return false
		}
		if e != nil && (prefix || e.Term == term) {
			return true
		}
	}
	return false
}

// Plan returns the plan of a query string (see [Plan]) over the index.
func (ix *Index) Plan(s string) (Plan, error) {
	q, err := Parse(s)
	if err != nil {
		return Plan{}, err
	}
	return ix.plan(q)
}

func (ix *Index) plan(q Query) (Plan, error) {
	r, err := ix.reader()
	if err != nil {
		return Plan{}, err
	}
	defer r.Close()
	lx := &indexLexicon{r: r}
	p := plan(q, lx)
	return p, lx.err
}
