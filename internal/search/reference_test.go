package search

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestReferenceScore recomputes the ranking of the package doc from the
// index's postings (Terms, Postings, Stats: what an export holds) and
// requires the order and the scores of Index.Search. It is the reference
// for the browser's port: if it fails, the doc or the code is wrong.
func TestReferenceScore(t *testing.T) {
	ix := examples(t)
	ref := newRefIndex(t, ix)
	queries := []string{
		"ConnectTimeout", "ConnectTimeout ", "requests.exceptions.ConnectTimeout ",
		"ReadTimeout", "ConnectTim", "timeout", "redis timeout", "redis timeout ",
		"status='pending'", "证书过期", "证", "tenacity ReadTimeout", "retry tenacity KeyError",
		`"connect timeout"`, `cache "socket timeout"`, "get_user_pro", "nil map",
		"ConnectTimeout ReadTimeout ", "zzzunknown timeout",
		// Fallbacks: a dotted suffix, the phrase of the parts, the parts.
		"exceptions.ReadTimeout ", "java.net.ConnectTimeout", "redis-py@4.6.0 ", "celery 4.6.0",
		"exceptions.ReadTim", "zzz.ConnectTimeout.Other ",
		// Chinese without spaces: two thirds of the bigrams.
		"证书过期导致登录失败", "超时锁定版本",
		// OR and -word.
		"ConnectTimeout OR ReadTimeout ", `"connect timeout" OR KeyError redis`, "timeout -redis", "-redis",
		// Typos.
		"ReadTimout", "postgers celry", "kombu.exceptions.OperationalEror ", "tenacty retry",
		// Word endings.
		"restarting consumers", "migrations ", "retrying", "expires certificates ", "throttled",
	}
	for _, q := range queries {
		t.Run(q, func(t *testing.T) {
			hits, err := ix.Search(context.Background(), q, 100)
			if err != nil {
				t.Fatal(err)
			}
			want := ref.search(t, ix, q)
			if got, w := ids(hits), refIDs(want); !slices.Equal(got, w) {
				t.Fatalf("Search(%q) = %v,\nreference  %v", q, got, w)
			}
			for i, h := range hits {
				r := want[i]
				if math.Abs(h.Score-r.score) > 1e-6*math.Abs(r.score) {
					t.Errorf("%s: score %v, reference %v", h.ID, h.Score, r.score)
				}
				if h.AllWords != r.all || h.Raised != r.raised {
					t.Errorf("%s: all %v raised %v, reference %v %v", h.ID, h.AllWords, h.Raised, r.all, r.raised)
				}
			}
		})
	}
}

// refIndex is the index as an export holds it.
type refIndex struct {
	terms    map[string][]string                      // field → terms
	postings map[string]map[string]map[string]Posting // field → term → id → posting
	stats    map[string]FieldStats
	dates    map[string]string
	// exceptions are each review's values of the exception field.
	exceptions map[string][]string
}

func newRefIndex(t *testing.T, ix *Index) *refIndex {
	r := &refIndex{terms: map[string][]string{}, postings: map[string]map[string]map[string]Posting{},
		stats: map[string]FieldStats{}, dates: map[string]string{}}
	for _, f := range Fields {
		terms, err := ix.Terms(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		r.terms[f.Name] = terms
		r.postings[f.Name] = map[string]map[string]Posting{}
		for _, term := range terms {
			ps, err := ix.Postings(f.Name, term)
			if err != nil {
				t.Fatal(err)
			}
			m := map[string]Posting{}
			for _, p := range ps {
				m[p.ID] = p
			}
			r.postings[f.Name][term] = m
		}
		if r.stats[f.Name], err = ix.Stats(f.Name); err != nil {
			t.Fatal(err)
		}
	}
	all, err := ix.Search(context.Background(), "since:1900", 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range all {
		r.dates[h.ID] = h.Date
	}
	req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 1000, 0, false)
	req.Fields = []string{fieldException}
	res, err := ix.bi.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	r.exceptions = map[string][]string{}
	for _, d := range res.Hits {
		r.exceptions[d.ID] = listField(d.Fields, fieldException)
	}
	return r
}

type refHit struct {
	id          string
	score       float64
	all, raised bool
}

func refIDs(hs []refHit) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.id
	}
	return out
}

// A refLeaf is a Term(f, t)^boost of the doc.
type refLeaf struct {
	field, term string
	boost       float64
}

// weight is boost·idf; idf is that of BM25 for a field with terms, that of
// bleve's TF-IDF for a field without (avg(f) = 0).
func (r *refIndex) idf(l refLeaf) float64 {
	s := r.stats[l.field]
	df := float64(len(r.postings[l.field][l.term]))
	n := float64(s.Docs)
	if s.AvgLen > 0 {
		return math.Log(1 + (n-df+0.5)/(df+0.5))
	}
	return 1 + math.Log(n/(df+1))
}

// score is the leaf's score of doc id, and whether it matches.
func (r *refIndex) score(l refLeaf, id string, qnorm float64) (float64, bool) {
	p, ok := r.postings[l.field][l.term][id]
	if !ok {
		return 0, false
	}
	const k1, b = 1.2, 0.75
	idf := r.idf(l)
	tf := math.Sqrt(float64(p.Freq))
	bm25 := idf * (tf * k1) / (tf + k1*(1-b+b*p.Len()/r.stats[l.field].AvgLen))
	return bm25 * (l.boost * idf * qnorm), true
}

// A refNode is a unit's part: its leaves (for qnorm) and its score.
type refNode struct {
	leaves []refLeaf
	score  func(id string, qnorm float64) (float64, bool)
}

// disjunction: Σ of the matching children × matched/children, when at
// least min match.
func disjunction(children []refNode, min int) refNode {
	var n refNode
	for _, c := range children {
		n.leaves = append(n.leaves, c.leaves...)
	}
	n.score = func(id string, qnorm float64) (float64, bool) {
		sum, m := 0.0, 0
		for _, c := range children {
			if s, ok := c.score(id, qnorm); ok {
				sum += s
				m++
			}
		}
		return sum * (float64(m) / float64(len(children))), m > 0 && m >= min
	}
	return n
}

// conjunction: Σ of the children, all matching.
func conjunction(children []refNode, keep func(id string) bool) refNode {
	var n refNode
	for _, c := range children {
		n.leaves = append(n.leaves, c.leaves...)
	}
	n.score = func(id string, qnorm float64) (float64, bool) {
		sum := 0.0
		for _, c := range children {
			s, ok := c.score(id, qnorm)
			if !ok {
				return 0, false
			}
			sum += s
		}
		if keep != nil && !keep(id) {
			return 0, false
		}
		return sum, true
	}
	return n
}

func (r *refIndex) leaf(field, term string) refNode { return r.leafBoost(field, term, 1) }

func (r *refIndex) leafBoost(field, term string, b float64) refNode {
	l := refLeaf{field, term, boost(field) * b}
	return refNode{leaves: []refLeaf{l}, score: func(id string, qnorm float64) (float64, bool) {
		return r.score(l, id, qnorm)
	}}
}

// termNode is Term(f, t), or for a prefix the disjunction of its
// expansions in f (Term(f, t) when there are none).
func (r *refIndex) termNode(field, term string, prefix bool, b float64) refNode {
	if !prefix {
		return r.leafBoost(field, term, b)
	}
	var exp []refNode
	for _, e := range r.terms[field] {
		if strings.HasPrefix(e, term) {
			exp = append(exp, r.leafBoost(field, e, b))
		}
	}
	if len(exp) == 0 {
		return r.leafBoost(field, term, b)
	}
	return disjunction(exp, 1)
}

// phraseAt tells whether the phrase occurs in the field of doc id.
func (r *refIndex) phraseAt(field string, terms []string, id string) bool {
	first, ok := r.postings[field][terms[0]][id]
	if !ok {
		return false
	}
	for _, p := range first.Positions {
		all := true
		for i, term := range terms[1:] {
			if term == "" {
				continue
			}
			q, ok := r.postings[field][term][id]
			if !ok || !slices.Contains(q.Positions, p+i+1) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// node is the reference form of a plan's node.
func (r *refIndex) node(n Node) refNode {
	switch n.Op {
	case "term":
		var fields []refNode
		for _, f := range Fields {
			fields = append(fields, r.termNode(f.Name, n.Term, n.Prefix, cmp.Or(n.Boost, 1)))
		}
		return disjunction(fields, 1)
	case "phrase":
		var fields []refNode
		for _, f := range Fields {
			var leaves []refNode
			for _, term := range n.Terms {
				if term != "" {
					leaves = append(leaves, r.leaf(f.Name, term))
				}
			}
			fields = append(fields, conjunction(leaves, func(id string) bool { return r.phraseAt(f.Name, n.Terms, id) }))
		}
		return disjunction(fields, 1)
	case "all":
		var kids []refNode
		for _, k := range n.Kids {
			kids = append(kids, r.node(k))
		}
		if len(kids) == 1 {
			return kids[0]
		}
		return conjunction(kids, nil)
	}
	var kids []refNode
	for _, k := range n.Kids {
		kids = append(kids, r.node(k))
	}
	return disjunction(kids, n.Min)
}

func (r *refIndex) search(t *testing.T, ix *Index, s string) []refHit {
	p, err := ix.Plan(s)
	if err != nil {
		t.Fatal(err)
	}
	var units []refNode
	var names []Name
	words := 0 // the units to match for all the words: all but the words in a row
	for _, u := range p.Units {
		units = append(units, r.node(u.Node))
		names = append(names, u.Names...)
		if !u.InARow {
			words++
		}
	}
	var exclude []refNode
	for _, n := range p.Exclude {
		exclude = append(exclude, r.node(n))
	}
	if len(units) == 0 { // words left out only: the others, newest first
		var hits []refHit
		for id := range r.dates {
			if !slices.ContainsFunc(exclude, func(n refNode) bool { _, ok := n.score(id, 1); return ok }) {
				hits = append(hits, refHit{id: id, score: 1, all: true})
			}
		}
		slices.SortFunc(hits, func(a, b refHit) int {
			return cmp.Or(strings.Compare(r.dates[b.id], r.dates[a.id]), strings.Compare(a.id, b.id))
		})
		return hits
	}
	top := disjunction(units, 1)
	sum := 0.0
	for _, l := range top.leaves {
		w := l.boost * r.idf(l)
		sum += w * w
	}
	qnorm := 1 / math.Sqrt(sum)
	var hits []refHit
	count := map[string]int{}
	for id := range r.dates {
		score, ok := top.score(id, qnorm)
		if !ok || slices.ContainsFunc(exclude, func(n refNode) bool { _, ok := n.score(id, 1); return ok }) {
			continue
		}
		h := refHit{id: id, score: score}
		for _, u := range units {
			if _, ok := u.score(id, qnorm); ok {
				count[id]++
			}
		}
		h.all = count[id] >= words
		h.raised = slices.ContainsFunc(RaisedNames(r.exceptions[id]), func(e string) bool {
			return slices.ContainsFunc(names, func(n Name) bool { return e == n.Name || n.Prefix && strings.HasPrefix(e, n.Name) })
		})
		hits = append(hits, h)
	}
	slices.SortFunc(hits, func(a, b refHit) int {
		if count[a.id] != count[b.id] {
			return count[b.id] - count[a.id]
		}
		if a.raised != b.raised {
			return boolFirst(a.raised)
		}
		return cmp.Or(cmp.Compare(b.score, a.score), strings.Compare(r.dates[b.id], r.dates[a.id]), strings.Compare(a.id, b.id))
	})
	return hits
}

func boolFirst(b bool) int {
	if b {
		return -1
	}
	return 1
}
