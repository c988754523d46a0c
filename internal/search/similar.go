package search

import (
	"context"
	"errors"
	"path"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/fupan/fupan/internal/traceback"
)

// Limits on what Similar looks for, so that a deep stack does not drown
// the exception in frames, nor a chain of thousands of exceptions or an
// exception named by a line of a hundred thousand words (a pasted log can
// hold either) make a query of as many terms.
const (
	maxChain        = 10
	maxFrames       = 20
	maxMessageWords = 12
	maxPhraseTerms  = 16
	// A review is like a traceback when it shares an exception, a frame
	// function or file with it, or minMessageWords words of its message
	// at least; else it is not shown. A hit's reasons are its strongest
	// maxReasons (the message words count as one).
	minMessageWords = 3
	maxReasons      = 3
)

// stopWords are message words too common to say what failed: they are
// not looked for. The browser's similar.js holds the same list.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the and for with from that this was were are has have had not but you your its into than then
		when which while value line lines none null true false object type self call most recent last cannot could would
		should there their been being also only other some such more per via all any each one two see use used got get
		set new old out too can did does doing done may might must our than them they what where who why will yet`) {
		stopWords[w] = true
	}
}

// ErrNoTraceback is returned by ParseLog for text without a traceback.
var ErrNoTraceback = errors.New("no traceback found (Python, Java or Go)")

// A feature is one thing a traceback can share with a review.
type feature struct {
	kind   string // exception, function, file, message
	text   string
	fields []string
}

// features lists what Similar looks for, without repeats: every exception
// type of the chain near the final exception (nearFinal; its whole name,
// and its class name), the functions and files of their frames (innermost
// first), and the words of the final message.
func features(tb *traceback.Traceback) []feature {
	var out []feature
	seen := map[string]bool{}
	add := func(kind, text string, fields ...string) {
		key := kind + "\x00" + strings.ToLower(text)
		if text == "" || seen[key] {
			return
		}
		seen[key] = true
		out = append(out, feature{kind, text, fields})
	}
	chain := nearFinal(tb)
	for i := len(chain) - 1; i >= 0; i-- {
		add("exception", chain[i].Type, "exceptions", "traceback", "summary", "title")
	}
	var frames []traceback.Frame
	for i := len(chain) - 1; i >= 0; i-- {
		fs := chain[i].Frames
		for j := len(fs) - 1; j >= 0; j-- {
			frames = append(frames, fs[j])
		}
	}
	n := 0
	for _, f := range frames {
		if n == maxFrames {
			break
		}
		n++
		if fn := f.Function; fn != "" && !strings.HasPrefix(fn, "<") {
			add("function", fn, "function", "traceback", "caller")
		}
		if f.File != "" {
			add("file", f.File, "traceback")
		}
	}
	words := 0
	for _, t := range WordTerms(tb.Final().Message) {
		if words == maxMessageWords {
			break
		}
		if len(t) < 3 || strings.ContainsFunc(t, unicode.IsDigit) || stopWords[t] {
			continue // too short, a number, address or id, or a stop word
		}
		words++
		add("message", t, "traceback", "summary", "title", "body")
	}
	return out
}

// nearFinal returns the part of tb's chain that Similar looks at: the
// final exception and those printed nearest it, maxChain at most, in the
// order printed.
func nearFinal(tb *traceback.Traceback) []traceback.Exception {
	c := tb.Chain
	if len(c) <= maxChain {
		return c
	}
	if tb.Language == traceback.Python {
		return c[len(c)-maxChain:] // the final exception is the last one
	}
	return c[:maxChain]
}

// unit makes the query of a feature: for an exception, its whole name or
// its class name; for a function, its last name (a Go method's
// pkg.(*T).M gives M); for a file, its path; for a message word, the word;
// each looked up in the feature's fields with their boosts.
func (f feature) unit() unit {
	var terms []string
	switch f.kind {
	case "exception":
		whole := WordTerms(f.text)
		if len(whole) == 1 {
			terms = whole
			if i := strings.LastIndexByte(f.text, '.'); i >= 0 {
				terms = append(terms, WordTerms(f.text[i+1:])...)
			}
		} else {
			// A Go panic value is prose: match it as a phrase, by its
			// first maxPhraseTerms terms.
			terms := phraseHead(PhraseTerms(f.text))
			q := inFields(f.fields, func(field string, boost float64) query.Query {
				return phraseIn(field, terms, boost)
			})
			return unit{label: f.kind + " " + f.text, terms: terms, q: q, raised: phraseIn(exceptionsField, terms, 0)}
		}
	case "function":
		t := WordTerms(f.text)
		terms = t[len(t)-1:]
	case "file":
		terms = WordTerms(strings.TrimPrefix(f.text, "/"))[:1]
	default:
		terms = []string{f.text}
	}
	var qs []query.Query
	for _, t := range terms {
		for _, name := range f.fields {
			qs = append(qs, termIn(name, t, false, boost(name)))
		}
	}
	label := f.kind + " " + f.text
	if f.kind == "file" {
		label = f.kind + " " + path.Base(f.text)
	}
	u := unit{label: label, terms: terms, any: true, q: query.NewDisjunctionQuery(qs)}
	if f.kind == "exception" {
		// The reviews that raised this exception: its whole name or its
		// class name in their exceptions field.
		rs := make([]query.Query, len(terms))
		for i, t := range terms {
			rs[i] = termIn(exceptionsField, t, false, 0)
		}
		u.raised = query.NewDisjunctionQuery(rs)
	}
	return u
}

// phraseHead returns the first maxPhraseTerms terms of a phrase, without
// the gaps ("") that would end it.
func phraseHead(terms []string) []string {
	if len(terms) <= maxPhraseTerms {
		return terms
	}
	terms = terms[:maxPhraseTerms]
	for len(terms) > 0 && terms[len(terms)-1] == "" {
		terms = terms[:len(terms)-1]
	}
	return terms
}

// Similar ranks the reviews by what they share with a traceback: exception
// types, frame functions and files, and words of the final message (less
// stop words). A review that shares no exception, function or file, and
// fewer than minMessageWords message words, is not like it and is left
// out: a traceback like nothing before gets no hit. The
// reviews that raised one of the traceback's exceptions (its whole name or
// class name in their exceptions field) come first, then the others; by
// score within each. Each hit's Reasons say what it shares.
func (ix *Index) Similar(ctx context.Context, tb *traceback.Traceback, limit int) ([]Hit, error) {
	var units []unit
	for _, f := range features(tb) {
		u := f.unit()
		if len(u.terms) > 0 && u.terms[0] != "" {
			units = append(units, u)
		}
	}
	if len(units) == 0 {
		return nil, ErrNoTraceback
	}
	hits, err := ix.run(ctx, units, nil, limit, []tier{{raised: true}, {}}, true)
	if err != nil {
		return nil, err
	}
	out := hits[:0]
	for _, h := range hits {
		if !alike(h.Reasons) {
			continue
		}
		h.Reasons = groupReasons(h.Reasons)
		if len(h.Reasons) > maxReasons {
			h.Reasons = h.Reasons[:maxReasons]
		}
		out = append(out, h)
	}
	return out, nil
}

// alike reports whether a hit's reasons make it like the traceback: an
// exception, function or file shared, or minMessageWords message words.
func alike(reasons []string) bool {
	words := 0
	for _, r := range reasons {
		if !strings.HasPrefix(r, "message ") {
			return true
		}
		words++
	}
	return words >= minMessageWords
}

// groupReasons folds the message words into one reason:
// "message words: timeout, host".
func groupReasons(reasons []string) []string {
	var out, words []string
	for _, r := range reasons {
		if w, ok := strings.CutPrefix(r, "message "); ok {
			words = append(words, w)
			continue
		}
		out = append(out, r)
	}
	if len(words) > 0 {
		out = append(out, "message words: "+strings.Join(words, ", "))
	}
	return out
}
