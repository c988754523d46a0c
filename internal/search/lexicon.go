package search

import (
	"slices"

	index "github.com/blevesearch/bleve_index_api"
)

// indexLexicon is the lexicon of an open index reader.
type indexLexicon struct {
	r     index.IndexReader
	vocab []string
	err   error
}

func (l *indexLexicon) vocabulary() []string {
	if l.vocab == nil && l.err == nil {
		l.vocab, l.err = vocabulary(l.r)
	}
	return l.vocab
}

func (l *indexLexicon) expand(p string) []string {
	seen := map[string]bool{}
	for _, f := range textFields {
		d, err := l.r.FieldDictPrefix(f, []byte(p))
		if err != nil {
			l.err = err
			return nil
		}
		for {
			e, err := d.Next()
			if err != nil {
				l.err = err
				break
			}
			if e == nil {
				break
			}
			seen[e.Term] = true
		}
		d.Close()
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// vocabulary returns the terms of the text fields that are InVocabulary,
// sorted.
func vocabulary(r index.IndexReader) ([]string, error) {
	seen := map[string]bool{}
	for _, f := range textFields {
		ts, err := terms(r, f)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			if InVocabulary(t) {
				seen[t] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	slices.Sort(out)
	return out, nil
}

// Vocabulary returns the terms typos are looked up in (see typo.go),
// sorted: what an export holds for the browser.
func (e *Export) Vocabulary() ([]string, error) { return vocabulary(e.r) }

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
