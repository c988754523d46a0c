package search

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// nodeQuery returns the bleve query of a plan's node (the package doc's
// "Queries").
func nodeQuery(n Node) query.Query {
	switch n.Op {
	case "term":
		if n.Boost != 0 {
			return inFields(textFields, func(field string, boost float64) query.Query {
				return termIn(field, n.Term, n.Prefix, boost*n.Boost)
			})
		}
		return termUnit(n.Term, n.Prefix)
	case "phrase":
		return inFields(textFields, func(field string, boost float64) query.Query {
			return phraseIn(field, n.Terms, boost)
		})
	case "all":
		qs := make([]query.Query, len(n.Kids))
		for i, k := range n.Kids {
			qs[i] = nodeQuery(k)
		}
		return allOf(qs)
	default: // any
		qs := make([]query.Query, len(n.Kids))
		for i, k := range n.Kids {
			qs[i] = nodeQuery(k)
		}
		d := query.NewDisjunctionQuery(qs)
		d.SetMin(float64(max(n.Min, 1)))
		return d
	}
}

// runPlan runs a plan and returns at most limit hits, in the order of the
// package doc's "Ranking": by the number of units matched, then raised,
// then score, date and id. It runs one bleve search per group (n units
// matched and raised, n matched, n-1 matched and raised, …), each of the
// reviews not found before, until the limit is reached.
func (ix *Index) runPlan(ctx context.Context, p Plan, limit int) ([]Hit, error) {
	if limit <= 0 {
		return nil, nil
	}
	keep := filterFunc(p.Filters)
	exclude, err := ix.excluded(ctx, p.Exclude)
	if err != nil {
		return nil, err
	}
	if len(p.Units) == 0 {
		req := ix.request(withFilter(query.NewMatchAllQuery(), keep, exclude), limit, []string{"-" + fieldDate, "_id"})
		return ix.collect(ctx, req, nil, tier{all: true}, false)
	}
	qs := make([]query.Query, len(p.Units))
	for i, u := range p.Units {
		qs[i] = nodeQuery(u.Node)
	}
	raised, err := ix.raised(ctx, p.Units)
	if err != nil {
		return nil, err
	}
	var hits []Hit
	n := len(p.Units)
	words := n // the units a review must match to match all the words
	if p.Units[n-1].InARow {
		words--
	}
	for k := n; k >= 1; k-- {
		for _, r := range []bool{true, false} {
			if r && len(raised) == 0 {
				continue
			}
			match := query.NewDisjunctionQuery(qs)
			match.SetMin(float64(k))
			var q query.Query = match
			if r {
				q = onlyIDs(match, raised)
			}
			req := ix.request(withFilter(q, keep, exclude), limit-len(hits), nil)
			group, err := ix.collect(ctx, req, nil, tier{all: k >= words, raised: r}, false)
			if err != nil {
				return nil, err
			}
			hits = append(hits, group...)
			if len(hits) == limit {
				return hits, nil
			}
			if exclude == nil {
				exclude = map[string]bool{}
			}
			for _, h := range group {
				exclude[h.ID] = true
			}
		}
	}
	return hits, nil
}

// raised returns the ids of the reviews raised for one of the units: whose
// field raised holds one of their names.
func (ix *Index) raised(ctx context.Context, units []Unit) (map[string]bool, error) {
	var qs []query.Query
	for _, u := range units {
		for _, n := range u.Names {
			qs = append(qs, termIn(fieldRaised, n.Name, n.Prefix, 1))
		}
	}
	return ix.ids(ctx, qs)
}

// onlyIDs keeps of q's matches the reviews in ids; scores are not changed.
func onlyIDs(q query.Query, ids map[string]bool) query.Query {
	fn := func(_ context.Context, d *bsearch.DocumentMatch) (bool, error) { return ids[d.ID], nil }
	return query.NewCustomFilterQueryWithFilter(q, fn, nil, nil)
}

// excluded returns the ids of the reviews that match one of the nodes.
func (ix *Index) excluded(ctx context.Context, nodes []Node) (map[string]bool, error) {
	qs := make([]query.Query, len(nodes))
	for i, n := range nodes {
		qs[i] = nodeQuery(n)
	}
	return ix.ids(ctx, qs)
}

// ids returns the ids of the reviews that match one of qs.
func (ix *Index) ids(ctx context.Context, qs []query.Query) (map[string]bool, error) {
	if len(qs) == 0 {
		return nil, nil
	}
	count, err := ix.bi.DocCount()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	req := bleve.NewSearchRequestOptions(query.NewDisjunctionQuery(qs), int(count), 0, false)
	req.Score = bleve.ScoreNone // a set of ids: no score is read
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out := make(map[string]bool, len(res.Hits))
	for _, d := range res.Hits {
		out[d.ID] = true
	}
	return out, nil
}
