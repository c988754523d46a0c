package site

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/fupan/fupan/internal/review"
)

// A Kind is a way of grouping reviews, with an index page and a page per
// term: every review that raised requests.exceptions.ConnectTimeout, every
// review of order-api.
type Kind struct {
	Dir   string // the folder of its pages: "exceptions"
	Title string // the message id of its title
	terms func(*review.Review) []string
}

var kinds = []Kind{
	{"exceptions", "Exceptions", (*review.Review).Exceptions},
	{"services", "Services", func(r *review.Review) []string { return r.Services }},
	{"dependencies", "Dependencies", func(r *review.Review) []string {
		if r.Failure.Dependency == "" {
			return nil
		}
		return []string{r.Failure.Dependency}
	}},
	{"tags", "Tags", func(r *review.Review) []string { return r.Tags }},
	{"years", "Years", func(r *review.Review) []string {
		if len(r.Date) < 4 {
			return nil
		}
		return []string{r.Date[:4]}
	}},
}

// kindOf returns the kind whose pages are under dir.
func kindOf(dir string) *Kind {
	for i := range kinds {
		if kinds[i].Dir == dir {
			return &kinds[i]
		}
	}
	panic("site: no kind " + dir) // a defect: dir is one of the literals above
}

// A Term is one exception type, service, dependency, tag or year, and the
// reviews that name it, newest first.
type Term struct {
	Kind    *Kind
	Name    string
	Slug    string
	Reviews []*review.Review
}

// URL is the term's page, relative to the site root.
func (t *Term) URL() string { return t.Kind.Dir + "/" + t.Slug + "/" }

// index is every term of every kind.
type index struct {
	byKind map[string][]*Term          // sorted by name (years: newest first)
	lookup map[string]map[string]*Term // kind → name → term
}

func newIndex(reviews []*review.Review) *index {
	ix := &index{byKind: map[string][]*Term{}, lookup: map[string]map[string]*Term{}}
	for i := range kinds {
		k := &kinds[i]
		m := map[string]*Term{}
		for _, r := range reviews {
			for _, name := range k.terms(r) {
				t := m[name]
				if t == nil {
					t = &Term{Kind: k, Name: name}
					m[name] = t
				}
				if len(t.Reviews) == 0 || t.Reviews[len(t.Reviews)-1] != r {
					t.Reviews = append(t.Reviews, r)
				}
			}
		}
		terms := make([]*Term, 0, len(m))
		for _, t := range m {
			terms = append(terms, t)
		}
		slices.SortFunc(terms, func(a, b *Term) int { return strings.Compare(a.Name, b.Name) })
		if k.Dir == "years" {
			slices.Reverse(terms)
		}
		slugs := map[string]bool{}
		for _, t := range terms {
			t.Slug = uniqueSlug(slugify(t.Name), slugs)
		}
		ix.byKind[k.Dir] = terms
		ix.lookup[k.Dir] = m
	}
	return ix
}

// term returns the term of a kind by name (nil when there is none).
func (ix *index) term(kind, name string) *Term { return ix.lookup[kind][name] }

// terms returns the terms of kind for names, in the order of names.
func (ix *index) terms(kind string, names []string) []*Term {
	var out []*Term
	for _, n := range names {
		if t := ix.term(kind, n); t != nil {
			out = append(out, t)
		}
	}
	return out
}

// slugify makes a file name of a term: lowercase ASCII letters, digits,
// dots and hyphens; other characters become hyphens. Names of other scripts
// (a Chinese tag) keep their letters, which browsers and servers handle as
// UTF-8 paths.
func slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(name) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '.' || c == '_',
			c > unicode.MaxASCII && (unicode.IsLetter(c) || unicode.IsDigit(c)):
			b.WriteRune(c)
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = true
		}
	}
	s := strings.Trim(b.String(), "-.")
	if len(s) > 80 {
		// Cut at 80 bytes, drop a rune the cut split, then the joiners
		// it leaves at the end.
		s = strings.TrimRight(strings.ToValidUTF8(s[:80], ""), "-.")
	}
	if s == "" {
		s = "x"
	}
	return s
}

// uniqueSlug returns s, or s-2, s-3… when s is taken, and marks it taken.
func uniqueSlug(s string, taken map[string]bool) string {
	out := s
	for n := 2; taken[out]; n++ {
		out = s + "-" + strconv.Itoa(n)
	}
	taken[out] = true
	return out
}
