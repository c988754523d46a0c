package search

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fupan/fupan/internal/analysis"
)

// A Query is a search query as parsed by [Parse]: what the JavaScript port
// must derive from the same string, and what its tests compare with.
type Query struct {
	Words   []Word   `json:"words"`
	Phrases []Phrase `json:"phrases"`
	Filters []Filter `json:"filters"`
}

// A Word is a plain word of a query: its primary terms, all of which a
// review must hold (in any text field) for the word to match.
type Word struct {
	Text  string   `json:"text"`
	Terms []string `json:"terms"`
	// Prefix is set on the last word of a query that does not end with a
	// space: its last term matches every term that begins with it.
	Prefix bool `json:"prefix,omitempty"`
}

// A Phrase is a quoted phrase: its terms, one per position; "" stands for
// a position with no term (a part too long to index), which any term fills.
type Phrase struct {
	Text  string   `json:"text"`
	Terms []string `json:"terms"`
}

// A Filter keeps the reviews whose Key field has Value (lower-cased).
type Filter struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// FilterKeys are the filters a query may hold, as key:value.
var FilterKeys = []string{"service", "severity", "status", "exception", "tag", "since", "until"}

// minPrefix is the shortest prefix, in bytes, that the last word is
// matched as: a single ASCII letter would match too many terms.
const minPrefix = 2

// dateValue is a value of since: and until:.
var dateValue = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// Parse parses a query string. The string is read from left to right:
//
//   - whitespace separates items;
//   - a double quote starts a phrase, which runs to the next double quote
//     (or the end); its terms are those of [PhraseTerms];
//   - an item key:value whose key is one of [FilterKeys] (any case) and whose
//     value is not empty is a filter; since: and until: take YYYY, YYYY-MM
//     or YYYY-MM-DD;
//   - any other item is a word; its terms are those of [WordTerms], and a
//     word without terms (only punctuation) is dropped.
//
// The last item is matched as a prefix when it is a word, the string does
// not end with whitespace, and its last term is at least 2 bytes long.
func Parse(s string) (Query, error) {
	var q Query
	lastWord := -1 // index in q.Words of a word that is the last item
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += n
			lastWord = -1
			continue
		}
		if r == '"' {
			end := strings.IndexByte(s[i+1:], '"')
			text := s[i+1:]
			next := len(s)
			if end >= 0 {
				text, next = s[i+1:i+1+end], i+1+end+1
			}
			if terms := PhraseTerms(text); len(terms) > 0 {
				q.Phrases = append(q.Phrases, Phrase{Text: text, Terms: terms})
			}
			i, lastWord = next, -1
			continue
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) || r == '"' {
				break
			}
			j += n
		}
		item := s[i:j]
		i, lastWord = j, -1
		if key, value, ok := strings.Cut(item, ":"); ok && value != "" && isFilterKey(key) {
			key = strings.ToLower(key)
			if (key == "since" || key == "until") && !dateValue.MatchString(value) {
				return Query{}, fmt.Errorf("%s:%s: want a date, YYYY-MM-DD (or YYYY-MM, YYYY)", key, value)
			}
			q.Filters = append(q.Filters, Filter{Key: key, Value: strings.ToLower(value)})
			continue
		}
		if terms := WordTerms(item); len(terms) > 0 {
			q.Words = append(q.Words, Word{Text: item, Terms: terms})
			lastWord = len(q.Words) - 1
		}
	}
	if lastWord >= 0 {
		w := &q.Words[lastWord]
		w.Prefix = len(w.Terms[len(w.Terms)-1]) >= minPrefix
	}
	return q, nil
}

func isFilterKey(key string) bool {
	for _, k := range FilterKeys {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}

// WordTerms returns the primary terms of a word: of the tokens of
// analysis.Tokens, each CJK token (a bigram or a lone CJK code point), and
// each other token that starts at or after the end of the last primary
// non-CJK token. So a code identifier gives its whole (ConnectTimeout →
// connecttimeout, not connect and timeout), a word broken by quotes or
// brackets gives its pieces (status='pending' → status, pending), and a CJK
// run its bigrams (证书过期 → 证书, 书过, 过期). Repeated terms are kept once.
func WordTerms(s string) []string {
	var terms []string
	end := 0
	seen := map[string]bool{}
	for _, t := range analysis.Tokens(s) {
		r, _ := utf8.DecodeRuneInString(t.Term)
		cjk := analysis.IsCJK(r)
		if !cjk && t.Start < end {
			continue
		}
		if !cjk {
			end = t.End
		}
		if !seen[t.Term] {
			seen[t.Term] = true
			terms = append(terms, t.Term)
		}
	}
	return terms
}

// PhraseTerms returns the terms of a phrase, one per position from the
// first position of analysis.Tokens to the last: the last token produced
// at that position, which is the finest part there (ConnectTimeout →
// connect, timeout), or "" when no token has it. A text indexed with a
// compound holds its parts at consecutive positions, so "connect timeout"
// finds ConnectTimeout and "requests.exceptions.ConnectTimeout" finds
// exactly that identifier.
func PhraseTerms(s string) []string {
	tokens := analysis.Tokens(s)
	if len(tokens) == 0 {
		return nil
	}
	first := tokens[0].Position
	terms := make([]string, tokens[len(tokens)-1].Position-first+1)
	for _, t := range tokens {
		terms[t.Position-first] = t.Term
	}
	return terms
}

// String formats a query back, normalised: words, phrases, filters.
func (q Query) String() string {
	var parts []string
	for _, w := range q.Words {
		s := strings.Join(w.Terms, " ")
		if w.Prefix {
			s += "*"
		}
		parts = append(parts, s)
	}
	for _, p := range q.Phrases {
		parts = append(parts, `"`+strings.Join(p.Terms, " ")+`"`)
	}
	for _, f := range q.Filters {
		parts = append(parts, f.Key+":"+f.Value)
	}
	return strings.Join(parts, " ")
}
