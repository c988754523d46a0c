package search

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
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
	// Parts are, per term, the terms of the phrase of its parts
	// ([PhraseTerms] of the text the term was read from), when it has two
	// or more (exceptions.ReadTimeout → exceptions, read, timeout); nil
	// otherwise, and nil for the word when no term has them. A term that
	// the index does not hold falls back to them (see the package doc).
	Parts [][]string `json:"parts,omitempty"`
	// Not is set on a word written -word: reviews that hold it are left
	// out; it is not matched or scored.
	Not bool `json:"not,omitempty"`
	// Alt numbers the group of words and phrases joined by OR (from 1, in
	// the order of the query); 0 when the word is in none.
	Alt int `json:"alt,omitempty"`
}

// A Phrase is a quoted phrase: its terms, one per position; "" stands for
// a position with no term (a part too long to index), which any term fills.
type Phrase struct {
	Text  string   `json:"text"`
	Terms []string `json:"terms"`
	Alt   int      `json:"alt,omitempty"` // as Word.Alt
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

// The limits of a query. A query is what someone types or pastes into a
// search box: 1,000 bytes is some 150 English words or 330 Chinese
// characters, several times the longest exception name with its message;
// and 64 terms are more words than a query needs to find a review, where
// a term is a word's term ([WordTerms]: an identifier is one, a CJK run
// gives one per two characters) or a phrase's. Each term costs a term
// query per field, in every tier, so a search's time grows with them (at
// the limits, a few tenths of a second over 2,000 reviews on two cores:
// BenchmarkSearchMaxQuery); a 120 kB query used to take 30 s and 557 MB.
// Parse refuses a longer query before reading any of it, and one with more
// terms once it has read them, each with a message that says so.
const (
	MaxQueryBytes = 1000
	MaxQueryTerms = 64
)

// ErrEmptyQuery is the error, wrapped, of a query with nothing to search
// for: no word, phrase or filter.
var ErrEmptyQuery = errors.New("empty query")

// emptyError is ErrEmptyQuery with the text of the query (from its first
// item to its last), "" when it holds only white space.
type emptyError struct{ text string }

func (e *emptyError) Error() string {
	const hint = `give a word, a "phrase" or a filter such as service:order-api`
	if e.text == "" {
		return "empty query: " + hint
	}
	return fmt.Sprintf(`no searchable words in "%s": punctuation, symbols and words over %d bytes are not indexed; %s`,
		e.text, analysis.MaxTermBytes, hint)
}

func (e *emptyError) Is(target error) bool { return target == ErrEmptyQuery }

// Parse parses a query string. The string is read from left to right:
//
//   - whitespace separates items;
//   - a double quote starts a phrase, which runs to the next double quote
//     (or the end); its terms are those of [PhraseTerms];
//   - an item key:value whose key is one of [FilterKeys] (any case) and whose
//     value is not empty is a filter; since: and until: take a date that
//     exists, YYYY, YYYY-MM or YYYY-MM-DD (2025-02-29 is an error);
//   - any other item is a word, or several: an item that mixes CJK text
//     with other text is cut where one meets the other ([cjkPieces]:
//     Redis超时了 is the words Redis and 超时了, as if typed with a space);
//     a word's terms are those of [WordTerms], and a word without terms
//     (only punctuation) is dropped.
//
// The last item is matched as a prefix when it is a word, the string does
// not end with whitespace, and its last term is at least 2 bytes long.
//
// A query longer than [MaxQueryBytes] is an error, found before anything
// else; so are a bad date, more terms than [MaxQueryTerms], and a query
// with nothing to search for ([ErrEmptyQuery]). Each error says what is
// wrong with the query, and what to do.
func Parse(s string) (Query, error) { return ParseCustom(s, nil) }

// ParseCustom is Parse with the names of the custom fields of fupan.yaml
// as filter keys besides [FilterKeys]: incident_id:INC-123 keeps the
// reviews whose incident_id is INC-123 (any case), or holds it in a list.
func ParseCustom(s string, custom []string) (Query, error) {
	if len(s) > MaxQueryBytes {
		return Query{}, fmt.Errorf("query is %s bytes; the limit is %s: search for the most distinctive words",
			thousands(len(s)), thousands(MaxQueryBytes))
	}
	var q Query
	lastWord := -1        // index in q.Words of a word that is the last item
	first, last := -1, -1 // where the first item begins and the last ends
	// For OR: the last word or phrase (none, a word or a phrase, and its
	// index), whether an OR came after it, and the OR groups so far.
	prevKind, prevIndex := 0, 0
	or, alts := false, 0
	const none, word, phrase = 0, 1, 2
	alt := func(kind, i int) *int {
		if kind == word {
			return &q.Words[i].Alt
		}
		return &q.Phrases[i].Alt
	}
	join := func(kind, i int) { // the item kind i was just added
		if or && prevKind != none {
			p := alt(prevKind, prevIndex)
			if *p == 0 {
				alts++
				*p = alts
			}
			*alt(kind, i) = *p
		}
		or = false
		prevKind, prevIndex = kind, i
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += n
			lastWord = -1
			continue
		}
		if first < 0 {
			first = i
		}
		if r == '"' {
			end := strings.IndexByte(s[i+1:], '"')
			text := s[i+1:]
			next := len(s)
			if end >= 0 {
				text, next = s[i+1:i+1+end], i+1+end+1
			}
			last = next
			if terms := PhraseTerms(text); len(terms) > 0 {
				q.Phrases = append(q.Phrases, Phrase{Text: text, Terms: terms})
				join(phrase, len(q.Phrases)-1)
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
		i, lastWord, last = j, -1, j
		if key, value, ok := strings.Cut(item, ":"); ok && value != "" && (isFilterKey(key) || isCustomKey(key, custom)) {
			key = strings.ToLower(key)
			if key == "since" || key == "until" {
				if err := checkDate(value); err != nil {
					return Query{}, fmt.Errorf("%s:%s: %v", key, value, err)
				}
			}
			q.Filters = append(q.Filters, Filter{Key: key, Value: strings.ToLower(value)})
			prevKind, or = none, false
			continue
		}
		if item == "OR" && prevKind != none && strings.TrimSpace(s[j:]) != "" {
			or = true
			continue
		}
		if isNot(item) {
			if terms := WordTerms(item[1:]); len(terms) > 0 {
				q.Words = append(q.Words, Word{Text: item, Terms: terms, Not: true})
			}
			continue
		}
		for _, piece := range cjkPieces(item) {
			if terms, parts := wordTerms(piece); len(terms) > 0 {
				q.Words = append(q.Words, Word{Text: piece, Terms: terms, Parts: parts})
				lastWord = len(q.Words) - 1
				join(word, lastWord)
			}
		}
	}
	if lastWord >= 0 {
		w := &q.Words[lastWord]
		w.Prefix = len(w.Terms[len(w.Terms)-1]) >= minPrefix
	}
	if n := q.terms(); n > MaxQueryTerms {
		return Query{}, fmt.Errorf(`query has %d terms; the limit is %d: search for the most distinctive words (a term is a word, a part of a "phrase", or two CJK characters)`,
			n, MaxQueryTerms)
	}
	if len(q.Words)+len(q.Phrases)+len(q.Filters) == 0 {
		if first < 0 {
			return Query{}, &emptyError{}
		}
		return Query{}, &emptyError{s[first:last]}
	}
	return q, nil
}

// cjkPieces cuts a query item where a CJK code point ([analysis.IsCJK])
// follows one that is not, or the other way round: Redis超时了 gives Redis
// and 超时了, 证书过期SSLError 证书过期 and SSLError. Chinese is written
// without spaces, also around the English words in it, and a word's terms
// must all be in one review: read whole, Redis超时了 would find only the
// reviews that hold both, where Redis 超时了 ranks them first and then
// finds those that hold either. An item of one kind is one piece.
func cjkPieces(item string) []string {
	var pieces []string
	start, prev := 0, false
	for i, r := range item {
		cjk := analysis.IsCJK(r)
		if i > 0 && cjk != prev {
			pieces = append(pieces, item[start:i])
			start = i
		}
		prev = cjk
	}
	return append(pieces, item[start:])
}

// terms is the number of terms of the query's words and phrases.
func (q Query) terms() int {
	n := 0
	for _, w := range q.Words {
		n += len(w.Terms)
	}
	for _, p := range q.Phrases {
		n += len(p.Terms)
	}
	return n
}

// checkDate returns what is wrong with a value of since: or until:, or
// nil when it is a date that exists: YYYY, YYYY-MM or YYYY-MM-DD.
func checkDate(v string) error {
	const want = "want a date, YYYY-MM-DD (or YYYY-MM, YYYY)"
	if !dateValue.MatchString(v) {
		return errors.New(want)
	}
	if len(v) == len("2006") {
		return nil
	}
	year, _ := strconv.Atoi(v[:4])
	month, _ := strconv.Atoi(v[5:7])
	if month < 1 || month > 12 {
		return fmt.Errorf("there is no month %s: %s", v[5:7], want)
	}
	if len(v) == len("2006-01") {
		return nil
	}
	if day, _ := strconv.Atoi(v[8:]); day < 1 || day > daysIn(year, month) {
		return fmt.Errorf("%s has %d days: %s", v[:7], daysIn(year, month), want)
	}
	return nil
}

// daysIn is the number of days of a month (1-12) of the Gregorian calendar.
func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// thousands formats n with a comma between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func isCustomKey(key string, custom []string) bool {
	return slices.ContainsFunc(custom, func(c string) bool { return strings.EqualFold(c, key) })
}

func isFilterKey(key string) bool {
	for _, k := range FilterKeys {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}

// isNot tells whether a query item is a word to leave out: "-" and a
// letter (-1 and --verbose are words).
func isNot(item string) bool {
	if len(item) < 2 || item[0] != '-' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(item[1:])
	return unicode.IsLetter(r)
}

// WordTerms returns the primary terms of a word: of the tokens of
// analysis.Tokens, each CJK token (a bigram or a lone CJK code point), and
// each other token that starts at or after the end of the last primary
// non-CJK token. So a code identifier gives its whole (ConnectTimeout →
// connecttimeout, not connect and timeout), a word broken by quotes or
// brackets gives its pieces (status='pending' → status, pending), and a CJK
// run its bigrams (证书过期 → 证书, 书过, 过期). Repeated terms are kept once.
func WordTerms(s string) []string {
	terms, _ := wordTerms(s)
	return terms
}

// wordTerms returns WordTerms(s) and Word.Parts.
func wordTerms(s string) (terms []string, parts [][]string) {
	end := 0
	seen := map[string]bool{}
	any := false
	for _, t := range analysis.Tokens(s) {
		r, _ := utf8.DecodeRuneInString(t.Term)
		cjk := analysis.IsCJK(r)
		if !cjk && t.Start < end {
			continue
		}
		if !cjk {
			end = t.End
		}
		if seen[t.Term] {
			continue
		}
		seen[t.Term] = true
		terms = append(terms, t.Term)
		var ps []string
		if !cjk {
			if ph := PhraseTerms(s[t.Start:t.End]); distinctParts(ph) >= 2 {
				ps, any = ph, true
			}
		}
		parts = append(parts, ps)
	}
	if !any {
		parts = nil
	}
	return terms, parts
}

// distinctParts counts the distinct terms of a phrase, "" aside.
func distinctParts(terms []string) int {
	n := 0
	for i, t := range terms {
		if t != "" && !slices.Contains(terms[:i], t) {
			n++
		}
	}
	return n
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
