package search

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// A Hit is a review found, with where it matched.
type Hit struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Date      string     `json:"date"`
	Severity  string     `json:"severity"`
	Path      string     `json:"path"`
	Score     float64    `json:"score"`
	AllWords  bool       `json:"all_words"` // it matched every word and phrase of the query
	Raised    bool       `json:"raised"`    // a word or phrase matched its exceptions
	Fragments []Fragment `json:"fragments"`
	Reasons   []string   `json:"reasons,omitempty"` // for Similar: what it shares with the traceback
}

// A Fragment is a piece of a field's text around a match. Highlights are
// the matched spans [start, end) into Text, in three units: UTF-8 byte
// offsets (Go, Rust: text[start:end]), UTF-16 code units (JavaScript:
// text.slice(start, end)) and code points (Python: text[start:end]).
type Fragment struct {
	Field      string   `json:"field"`
	Text       string   `json:"text"`
	Highlights [][2]int `json:"highlights"`
	UTF16      [][2]int `json:"highlights_utf16"`
	CodePoints [][2]int `json:"highlights_codepoints"`
}

// A unit is one word or phrase of a query: a query that matches a review
// or not, and a label and terms to tell why it matched.
type unit struct {
	label  string
	q      query.Query
	terms  []string
	prefix bool // the last term is a prefix
	any    bool // one of the terms is enough (they are alternatives)

	// raised is q limited to the exceptions field, with boost 0: it
	// selects the reviews that raised what the unit names and adds
	// nothing to their score. Nil for Similar's units.
	raised query.Query
}

// exceptionsField is the text field of the exception types a review
// raised, which decides the "raised" tier.
const exceptionsField = "exceptions"

// Search runs a query string (see [Parse]) and returns at most limit hits,
// best first. The package doc says how they are ranked.
func (ix *Index) Search(ctx context.Context, s string, limit int) ([]Hit, error) {
	custom, err := ix.CustomKeys()
	if err != nil {
		return nil, err
	}
	q, err := ParseCustom(s, custom)
	if err != nil {
		return nil, err
	}
	p, err := ix.plan(q)
	if err != nil {
		return nil, err
	}
	return ix.runPlan(ctx, p, limit)
}

// A Result is what Query found: the plan the query was run as (its Typos
// say "showing results for …"), the hits, and, for each filter whose
// value no review has, a note with the nearest value.
type Result struct {
	Plan  Plan
	Hits  []Hit
	Notes []string
}

// Query runs a query string as Search does and says how it read it.
func (ix *Index) Query(ctx context.Context, s string, limit int) (Result, error) {
	custom, err := ix.CustomKeys()
	if err != nil {
		return Result{}, err
	}
	q, err := ParseCustom(s, custom)
	if err != nil {
		return Result{}, err
	}
	p, err := ix.plan(q)
	if err != nil {
		return Result{}, err
	}
	hits, err := ix.runPlan(ctx, p, limit)
	if err != nil {
		return Result{}, err
	}
	notes, err := ix.filterNotes(q.Filters)
	return Result{Plan: p, Hits: hits, Notes: notes}, err
}

// termUnit matches a term (or, as a prefix, the terms that begin with it)
// in any text field: a disjunction of one term query per field, boosted.
func termUnit(term string, prefix bool) query.Query {
	return inFields(textFields, func(field string, boost float64) query.Query {
		return termIn(field, term, prefix, boost)
	})
}

// A filter decides whether a review (by its keyword fields) is kept.
type filter func(fields map[string]any) bool

// filterFunc returns the filter of a query's filters: filters with one key
// are alternatives (service:a service:b is a or b), keys must all hold.
func filterFunc(filters []Filter) filter {
	if len(filters) == 0 {
		return nil
	}
	byKey := map[string][]string{}
	for _, f := range filters {
		byKey[f.Key] = append(byKey[f.Key], f.Value)
	}
	return func(fields map[string]any) bool {
		for key, values := range byKey {
			if !slices.ContainsFunc(values, func(v string) bool { return keep(fields, key, v) }) {
				return false
			}
		}
		return true
	}
}

// keep tells one filter.
func keep(fields map[string]any, key, v string) bool {
	switch key {
	case "since":
		d := stringField(fields, fieldDate)
		return d >= v || strings.HasPrefix(d, v)
	case "until":
		d := stringField(fields, fieldDate)
		return d <= v || strings.HasPrefix(d, v)
	case "exception", "service", "tag":
		return slices.ContainsFunc(listField(fields, key), func(e string) bool { return keepValue(key, e, v) })
	case "severity", "status":
		return stringField(fields, key) == v
	default: // a custom field of fupan.yaml
		return slices.Contains(listField(fields, fieldCustom), key+":"+v)
	}
}

func stringField(fields map[string]any, name string) string {
	s, _ := fields[name].(string)
	return s
}

func listField(fields map[string]any, name string) []string {
	switch v := fields[name].(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// filterFields are the keyword fields the filters read.
var filterFields = []string{fieldDate, fieldSeverity, fieldStatus, fieldService, fieldTag, fieldException, fieldCustom}

// withFilter wraps q so that only reviews that keep passes and whose id
// is not in exclude are returned; scores are not changed.
func withFilter(q query.Query, keep filter, exclude map[string]bool) query.Query {
	if keep == nil && len(exclude) == 0 {
		return q
	}
	var fields []string
	if keep != nil {
		fields = filterFields
	}
	fn := func(_ context.Context, d *bsearch.DocumentMatch) (bool, error) {
		if exclude[d.ID] {
			return false, nil
		}
		return keep == nil || keep(d.Fields), nil
	}
	return query.NewCustomFilterQueryWithFilter(q, fn, fields, nil)
}

// storedFields are the fields a hit loads: for display and snippets.
var storedFields = func() []string {
	s := []string{fieldID, fieldPath, fieldDate, fieldSeverity}
	for _, f := range Fields {
		s = append(s, f.Name)
	}
	return s
}()

// run searches for the units. Tiered (Search), it returns the groups of
// the package doc in turn, each ranked by score: reviews that match all
// units and raised one, that match all units, that match some and raised
// one, that match some. Untiered (Similar), one group.
func (ix *Index) run(ctx context.Context, units []unit, keep filter, limit int, ts []tier, reasons bool) ([]Hit, error) {
	if limit <= 0 {
		return nil, nil
	}
	if len(units) == 0 {
		// Filters only: every review that passes, newest first.
		req := ix.request(withFilter(query.NewMatchAllQuery(), keep, nil), limit, []string{"-" + fieldDate, "_id"})
		return ix.collect(ctx, req, units, tier{}, reasons)
	}
	qs := make([]query.Query, len(units))
	var raised []query.Query
	for i, u := range units {
		qs[i] = u.q
		if u.raised != nil {
			raised = append(raised, u.raised)
		}
	}
	var hits []Hit
	exclude := map[string]bool{}
	for _, t := range ts {
		if t.raised && len(raised) == 0 {
			continue // no unit can be raised: the tier is empty
		}
		match := query.NewDisjunctionQuery(qs)
		if t.all {
			match.SetMin(float64(len(units)))
		} else {
			match.SetMin(1)
		}
		var q query.Query = match
		if t.raised {
			// Boost 0: the score stays that of match, to the last bit.
			q = query.NewConjunctionQuery([]query.Query{match, query.NewDisjunctionQuery(raised)})
		}
		req := ix.request(withFilter(q, keep, exclude), limit-len(hits), nil)
		group, err := ix.collect(ctx, req, units, t, reasons)
		if err != nil {
			return nil, err
		}
		hits = append(hits, group...)
		if len(hits) == limit {
			break
		}
		for _, h := range group {
			exclude[h.ID] = true
		}
	}
	return hits, nil
}

// A tier is a group of the ranking: what every hit of it is known to do.
type tier struct{ all, raised bool }

// request is a search request for the top n hits of q, with the stored
// fields and term locations that hits are made from.
func (ix *Index) request(q query.Query, n int, sort []string) *bleve.SearchRequest {
	req := bleve.NewSearchRequestOptions(q, n, 0, false)
	req.Fields = storedFields
	req.IncludeLocations = true
	if sort == nil {
		sort = []string{"-_score", "-" + fieldDate, "_id"}
	}
	req.SortBy(sort)
	return req
}

// collect runs req and makes hits; t says what the group is known to do,
// reasons that each hit should list the units it matches.
func (ix *Index) collect(ctx context.Context, req *bleve.SearchRequest, units []unit, t tier, reasons bool) ([]Hit, error) {
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	hits := make([]Hit, 0, len(res.Hits))
	for _, d := range res.Hits {
		h := Hit{
			ID:       d.ID,
			Title:    stringField(d.Fields, "title"),
			Date:     stringField(d.Fields, fieldDate),
			Severity: strings.ToUpper(stringField(d.Fields, fieldSeverity)),
			Path:     stringField(d.Fields, fieldPath),
			Score:    d.Score,
			AllWords: t.all,
			Raised:   t.raised,
		}
		h.Fragments = fragments(d)
		if len(units) > 0 && (!t.all || reasons) {
			m := matched(d, units)
			h.AllWords = len(m) == len(units)
			if reasons {
				for _, u := range m {
					h.Reasons = append(h.Reasons, u.label)
				}
			}
		}
		hits = append(hits, h)
	}
	return hits, nil
}

// matched returns the units whose terms all occur in the hit's locations.
func matched(d *bsearch.DocumentMatch, units []unit) []unit {
	found := map[string]bool{}
	for _, terms := range d.Locations {
		for t := range terms {
			found[t] = true
		}
	}
	var out []unit
	for _, u := range units {
		ok := true
		if u.any {
			ok = slices.ContainsFunc(u.terms, func(t string) bool { return found[t] })
			if ok {
				out = append(out, u)
			}
			continue
		}
		for i, t := range u.terms {
			if t == "" {
				continue
			}
			if found[t] {
				continue
			}
			// A prefix term is found through the terms it expanded to.
			if i == len(u.terms)-1 && u.prefix && anyPrefix(found, t) {
				continue
			}
			ok = false
			break
		}
		if ok {
			out = append(out, u)
		}
	}
	return out
}

func anyPrefix(found map[string]bool, p string) bool {
	for t := range found {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}
