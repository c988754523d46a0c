package search

import "github.com/blevesearch/bleve/v2/search/query"

// The leaf queries of every search, built here once: a term, a prefix or
// a phrase in one field with the field's boost, and their disjunction over
// several fields. Boost 0 leaves a score as it is, to the last bit: the
// "raised" tier's queries use it, since they only decide the tier.

// termIn matches term (or, with prefix, the terms that begin with it) in
// one field.
func termIn(field, term string, prefix bool, boost float64) query.Query {
	if prefix {
		q := query.NewPrefixQuery(term)
		q.SetField(field)
		q.SetBoost(boost)
		return q
	}
	q := query.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// phraseIn matches the terms in a row in one field.
func phraseIn(field string, terms []string, boost float64) query.Query {
	q := query.NewPhraseQuery(terms, field)
	q.SetBoost(boost)
	return q
}

// inFields is the disjunction of leaf(name, boost) for each of the named
// fields, each with its boost.
func inFields(names []string, leaf func(field string, boost float64) query.Query) query.Query {
	qs := make([]query.Query, len(names))
	for i, name := range names {
		qs[i] = leaf(name, boost(name))
	}
	return query.NewDisjunctionQuery(qs)
}

// textFields are the names of Fields.
var textFields = func() []string {
	names := make([]string, len(Fields))
	for i, f := range Fields {
		names[i] = f.Name
	}
	return names
}()

// allOf is q alone, or the conjunction of qs.
func allOf(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}
