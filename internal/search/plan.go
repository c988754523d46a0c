package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fupan/fupan/internal/analysis"
)

// A Plan is what a parsed query matches, once the index has been asked
// which of its terms it holds: the units that are matched and scored, what
// is left out, and the filters. The JavaScript port derives the same plan
// from the same query and the same index; the parity tests compare them.
type Plan struct {
	Units   []Unit   `json:"units"`
	Exclude []Node   `json:"exclude,omitempty"` // a review that matches one is left out
	Filters []Filter `json:"filters"`
	// Typos are the terms read as others: "showing results for …".
	Typos []Typo `json:"typos,omitempty"`
}

// A Typo is a term of the query that no review holds, read as the terms
// nearest to it.
type Typo struct {
	Term string   `json:"term"`
	As   []string `json:"as"`
}

// A Unit is a word, a phrase or an OR group of them: what the ranking
// counts (coverage is the number of units a review matches).
type Unit struct {
	Label string `json:"label"`
	Node  Node   `json:"node"`
	// Names are the exception names the unit names: a review that raised
	// an exception whose whole name or a dotted suffix (RaisedNames) is
	// one of them is "raised" for the unit.
	Names []Name `json:"names,omitempty"`
	// InARow is set on the unit of the query's words in a row (see
	// inARow), the last unit when there is one: it counts in coverage,
	// so reviews that hold the words as typed come first, but a review
	// need not match it to match all the words (Hit.AllWords).
	InARow bool `json:"in_a_row,omitempty"`
}

// A Name is an exception name a query names, lower-cased, or, as typed
// last, the beginning of one.
type Name struct {
	Name   string `json:"name"`
	Prefix bool   `json:"prefix,omitempty"`
}

// A Node is a query of a plan:
//
//	term    Term (a prefix if Prefix) in any text field
//	phrase  Terms at consecutive positions in one text field
//	all     every one of Kids (a conjunction)
//	any     at least Min of Kids (a disjunction)
type Node struct {
	Op     string   `json:"op"`
	Term   string   `json:"term,omitempty"`
	Prefix bool     `json:"prefix,omitempty"`
	Terms  []string `json:"terms,omitempty"`
	Kids   []Node   `json:"kids,omitempty"`
	Min    int      `json:"min,omitempty"`
	// Boost multiplies the fields' boosts of a term; 0 stands for 1.
	Boost float64 `json:"boost,omitempty"`
}

// A lexicon is what a plan needs to know of the index.
type lexicon interface {
	// has tells whether a text field holds term, or, for a prefix, a
	// term that begins with it.
	has(term string, prefix bool) bool
	// vocabulary returns the terms of InVocabulary, sorted.
	vocabulary() []string
	// expand returns the terms of the text fields that begin with p,
	// sorted.
	expand(p string) []string
}

// minSuffix is the shortest dotted suffix, in bytes, that a term falls
// back to.
const minSuffix = 3

// plan returns the plan of a query over an index.
func plan(q Query, lx lexicon) Plan {
	p := Plan{Filters: q.Filters}
	group := map[int]int{} // Alt → index in p.Units
	add := func(alt int, label string, n Node, name string, prefix bool) {
		var names []Name
		if name != "" {
			names = []Name{{name, prefix}}
		}
		if i, ok := group[alt]; ok && alt != 0 {
			u := &p.Units[i]
			u.Label += " OR " + label
			u.Node.Kids = append(u.Node.Kids, n)
			for _, nm := range names {
				if !slices.Contains(u.Names, nm) {
					u.Names = append(u.Names, nm)
				}
			}
			return
		}
		if alt != 0 {
			group[alt] = len(p.Units)
			n = Node{Op: "any", Min: 1, Kids: []Node{n}}
		}
		p.Units = append(p.Units, Unit{Label: label, Node: n, Names: names})
	}
	for _, w := range q.Words {
		if w.Not {
			kids := make([]Node, len(w.Terms))
			for i, t := range w.Terms {
				kids[i] = Node{Op: "term", Term: t}
			}
			p.Exclude = append(p.Exclude, allNode(kids))
			continue
		}
		n, name, prefix := wordNode(w, lx, &p.Typos)
		add(w.Alt, w.Text, n, name, prefix)
	}
	for _, ph := range q.Phrases {
		add(ph.Alt, `"`+ph.Text+`"`, Node{Op: "phrase", Terms: ph.Terms}, phraseName(ph), false)
	}
	if text, terms := inARow(q); terms != nil && allHeld(lx, terms) {
		p.Units = append(p.Units, Unit{Label: `"` + text + `"`, Node: Node{Op: "phrase", Terms: terms}, InARow: true})
	}
	return p
}

// allHeld tells whether the index holds every term of a phrase ("" is
// any term): else it matches no review, and is not worth a unit.
func allHeld(lx lexicon, terms []string) bool {
	for _, t := range terms {
		if t != "" && !lx.has(t, false) {
			return false
		}
	}
	return true
}

// maxInARow is the most terms the words in a row may have: a longer
// query is a paste whose words are found well enough by themselves, and
// the phrase would cost a search as long as the rest of the query.
const maxInARow = 16

// inARow returns the words of a query as one phrase, its text and terms
// (PhraseTerms of the words joined by spaces), when the query is two or
// more words and nothing else to match: no phrase, no OR (filters and
// words left out aside), and the phrase has at most maxInARow terms. The
// plan adds it when the index holds all its terms. Someone who remembers a review types a run of
// its words, or pastes an error message, most often without quotes; as
// a unit of its own, the phrase puts the reviews that hold the words in
// that order above those that hold them scattered. Nil when the words
// give fewer than two terms.
func inARow(q Query) (string, []string) {
	if len(q.Phrases) > 0 {
		return "", nil
	}
	var texts []string
	for _, w := range q.Words {
		if w.Alt != 0 {
			return "", nil
		}
		if !w.Not {
			texts = append(texts, w.Text)
		}
	}
	if len(texts) < 2 {
		return "", nil
	}
	text := strings.Join(texts, " ")
	terms := PhraseTerms(text)
	if len(terms) < 2 || len(terms) > maxInARow {
		return "", nil
	}
	return text, terms
}

// phraseName is the exception name a phrase names: its word, when it is
// one word ("requests.exceptions.ReadTimeout"), else its terms written
// together ("read timeout" names ReadTimeout), "" when it holds CJK text
// or a term too long to index.
func phraseName(ph Phrase) string {
	if ts := WordTerms(ph.Text); len(ts) == 1 {
		if isCJKTerm(ts[0]) {
			return ""
		}
		return ts[0]
	}
	for _, t := range ph.Terms {
		if t == "" || isCJKTerm(t) {
			return ""
		}
	}
	return strings.Join(ph.Terms, "")
}

// wordNode returns the node of a word, and the exception name it names
// ("" when none): its only term, when that is not CJK.
func wordNode(w Word, lx lexicon, typos *[]Typo) (n Node, name string, prefix bool) {
	var kids, cjk []Node
	for i, t := range w.Terms {
		pre := w.Prefix && i == len(w.Terms)-1
		if isCJKTerm(t) {
			cjk = append(cjk, Node{Op: "term", Term: t, Prefix: pre})
			continue
		}
		var parts []string
		if w.Parts != nil {
			parts = w.Parts[i]
		}
		n, typo, nm := fallback(lx, t, pre, parts)
		if typo != nil {
			*typos = append(*typos, *typo)
		}
		kids = append(kids, n)
		name, prefix = nm, pre && typo == nil
	}
	if len(cjk) >= 3 {
		kids = append(kids, Node{Op: "any", Min: (2*len(cjk) + 2) / 3, Kids: cjk})
	} else {
		kids = append(kids, cjk...)
	}
	n = allNode(kids)
	if len(w.Terms) == 1 && name != "" {
		return n, name, prefix
	}
	return n, "", false
}

// fallback returns the node of a term of a word: the term, when the index
// holds it; else its longest dotted suffix that the index holds and that
// begins with a letter (java.net.ConnectException → connectexception);
// else the nearest terms of the vocabulary (a typo, see typo.go), when
// there are (QueryCancelled → querycanceled), or the phrase of its parts
// or, scored lower, all its parts (exceptions.ReadTimeout → "exceptions
// read timeout" or exceptions, read and timeout anywhere; celery@5.3.6 →
// "celery 5 3 6", which celery==5.3.6 holds) or those nearest terms, when
// it has parts and the index holds them all; else the phrase and parts, or
// the term, which match nothing.
func fallback(lx lexicon, term string, prefix bool, parts []string) (Node, *Typo, string) {
	var forms []Node // other forms of the word, when it is one
	if parts == nil && analysis.Stemmable(term) {
		for _, v := range variants(lx, term) {
			forms = append(forms, Node{Op: "term", Term: v, Boost: formBoost})
		}
	}
	if lx.has(term, prefix) {
		n := Node{Op: "term", Term: term, Prefix: prefix}
		if len(forms) > 0 {
			n = Node{Op: "any", Min: 1, Kids: append([]Node{n}, forms...)}
		}
		return n, nil, term
	}
	if len(forms) > 0 {
		return Node{Op: "any", Min: 1, Kids: forms}, nil, term
	}
	for _, s := range suffixes(term) {
		if lx.has(s, prefix) {
			return Node{Op: "term", Term: s, Prefix: prefix}, nil, s
		}
	}
	var all []Node
	held := true
	for i, t := range parts {
		if t != "" && !slices.Contains(parts[:i], t) {
			all = append(all, Node{Op: "term", Term: t})
			held = held && lx.has(t, false)
		}
	}
	if t := typoTarget(term); t != "" {
		if near := nearest(t, lx.vocabulary(), maxTypos(t)); len(near) > 0 {
			kids := make([]Node, len(near))
			for i, t := range near {
				kids[i] = Node{Op: "term", Term: t}
			}
			n := Node{Op: "any", Min: 1, Kids: kids}
			if len(kids) == 1 {
				n = kids[0]
			}
			if parts != nil && held { // the parts too: QueryCancelled
				n = Node{Op: "any", Min: 1, Kids: []Node{{Op: "phrase", Terms: parts}, {Op: "all", Kids: all}, n}}
			}
			return n, &Typo{Term: t, As: near}, near[0]
		}
	}
	if parts == nil {
		return Node{Op: "term", Term: term, Prefix: prefix}, nil, term
	}
	return Node{Op: "any", Min: 1, Kids: []Node{{Op: "phrase", Terms: parts}, {Op: "all", Kids: all}}}, nil, ""
}

// Word endings: a plain word (analysis.Stemmable, and not the part of an
// identifier) also matches the other forms of it that the index holds,
// the terms with its stem (throttled: throttle, throttling), each at
// formBoost, so that the form typed ranks above the others. They are
// looked up among the terms that begin with the stem less a final e or i
// (throttl, repl for replies and reply), at most maxForms in byte order.
// A word of fewer than minForms letters has no other forms looked up: as
// it is typed (tim, time) they would be most of the dictionary's terms
// that begin with it.
const (
	formBoost = 0.5
	maxForms  = 16
	minForms  = 4
)

// variants returns the other forms of a word that the index holds.
func variants(lx lexicon, word string) []string {
	if len(word) < minForms {
		return nil
	}
	st := analysis.Stem(word)
	p := strings.TrimRight(st, "ei")
	if len(st)-len(p) > 1 {
		p = st[:len(st)-1]
	}
	if len(p) < 3 {
		return nil
	}
	var out []string
	for _, t := range lx.expand(p) {
		if t != word && analysis.Stemmable(t) && analysis.Stem(t) == st {
			out = append(out, t)
			if len(out) == maxForms {
				break
			}
		}
	}
	return out
}

// typoTarget is what a term is looked up as in the vocabulary: the term,
// or else its last dotted segment (kombu.exceptions.OperationalEror →
// operationaleror), "" when neither can be.
func typoTarget(term string) string {
	if maxTypos(term) > 0 {
		return term
	}
	if s := suffixes(term); len(s) > 0 && maxTypos(s[len(s)-1]) > 0 {
		return s[len(s)-1]
	}
	return ""
}

// suffixes returns the dotted suffixes of a term that it may fall back
// to, longest first: those of minSuffix bytes or more that begin with a
// letter.
func suffixes(term string) []string {
	var out []string
	for i := 0; i < len(term); i++ {
		if term[i] != '.' {
			continue
		}
		s := term[i+1:]
		r, _ := utf8.DecodeRuneInString(s)
		if len(s) >= minSuffix && unicode.IsLetter(r) {
			out = append(out, s)
		}
	}
	return out
}

// allNode is the node alone, or all of them.
func allNode(kids []Node) Node {
	if len(kids) == 1 {
		return kids[0]
	}
	return Node{Op: "all", Kids: kids}
}

// RaisedNames returns what a review that raised exceptions is raised for:
// each exception's whole name and its dotted suffixes, lower-cased
// (requests.exceptions.ConnectTimeout: that, exceptions.connecttimeout
// and connecttimeout), so that a query names an exception with any of
// them but not with a part inside one (timeout in SocketTimeoutException).
func RaisedNames(exceptions []string) []string {
	var out []string
	for _, e := range exceptions {
		for s := strings.ToLower(e); s != ""; {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
			i := strings.IndexByte(s, '.')
			if i < 0 {
				break
			}
			s = s[i+1:]
		}
	}
	return out
}

func isCJKTerm(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return analysis.IsCJK(r)
}
