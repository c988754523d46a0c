package site

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/fupan/fupan/internal/review"
)

// A Kind is a way of grouping reviews, with an index page and a page per
// term: every review that raised requests.exceptions.ConnectTimeout, every
// review of order-api.
type Kind struct {
	Dir   string // the folder of its pages: "exceptions"
	Title string // the message id of its title
	terms func(*review.Review) []string
	// field is the field of a review that names a term, as check's
	// findings name it: "tags[2]".
	field func(r *review.Review, name string) string
}

var kinds = []Kind{
	{"exceptions", "Exceptions", (*review.Review).Exceptions, func(r *review.Review, name string) string {
		if i := slices.Index(r.Failure.Exceptions, name); i >= 0 {
			return "failure.exceptions[" + strconv.Itoa(i) + "]"
		}
		return "traceback"
	}},
	{"services", "Services", func(r *review.Review) []string { return r.Services }, func(r *review.Review, name string) string {
		return listField("services", r.Services, name)
	}},
	{"dependencies", "Dependencies", func(r *review.Review) []string {
		if !isDependency(r.Failure.Dependency) {
			return nil
		}
		return []string{r.Failure.Dependency}
	}, func(*review.Review, string) string { return "failure.dependency" }},
	{"tags", "Tags", func(r *review.Review) []string { return r.Tags }, func(r *review.Review, name string) string {
		return listField("tags", r.Tags, name)
	}},
	{"years", "Years", func(r *review.Review) []string {
		if len(r.Date) < 4 {
			return nil
		}
		return []string{r.Date[:4]}
	}, func(*review.Review, string) string { return "date" }},
}

// isDependency reports whether failure.dependency names one: not empty,
// and not a failure inside the process ("none (in-process)", "n/a",
// "无（进程内）"), which is no dependency to count or list.
func isDependency(dep string) bool {
	d := strings.ToLower(strings.TrimSpace(dep))
	switch d {
	case "", "none", "n/a", "na", "-", "—", "无", "没有":
		return false
	}
	for _, p := range []string{"none ", "none(", "none,", "无（", "无(", "无 "} {
		if strings.HasPrefix(d, p) {
			return false
		}
	}
	return !strings.Contains(d, "in-process") && !strings.Contains(d, "in process") && !strings.Contains(d, "进程内")
}

// listField is the field of the item name of the list field: "tags[2]".
func listField(field string, list []string, name string) string {
	if i := slices.Index(list, name); i >= 0 {
		return field + "[" + strconv.Itoa(i) + "]"
	}
	return field
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
	url     string // URL, made once its slug is known
}

// URL is the term's page, relative to the site root.
func (t *Term) URL() string {
	if t.url != "" {
		return t.url
	}
	return t.Kind.Dir + "/" + t.Slug + "/"
}

// source returns the review that names the term first (the newest) and the
// field that does, for errors.
func (t *Term) source() (*review.Review, string) {
	rv := t.Reviews[0]
	return rv, t.Kind.field(rv, t.Name)
}

// A catalog is every term of every kind: what the term pages list.
type catalog struct {
	byKind map[string][]*Term          // sorted by name (years: newest first)
	lookup map[string]map[string]*Term // kind → name → term
}

func newCatalog(reviews []*review.Review) *catalog {
	ix := &catalog{byKind: map[string][]*Term{}, lookup: map[string]map[string]*Term{}}
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
		taken := map[string]bool{}
		for _, t := range terms {
			t.Slug = uniqueSlug(slugify(t.Name), taken)
			t.url = k.Dir + "/" + t.Slug + "/" // the URL of every page that links it
		}
		ix.byKind[k.Dir] = terms
		ix.lookup[k.Dir] = m
	}
	return ix
}

// term returns the term of a kind by name (nil when there is none).
func (ix *catalog) term(kind, name string) *Term { return ix.lookup[kind][name] }

// terms returns the terms of kind for names, in the order of names.
func (ix *catalog) terms(kind string, names []string) []*Term {
	var out []*Term
	for _, n := range names {
		if t := ix.term(kind, n); t != nil {
			out = append(out, t)
		}
	}
	return out
}

// slugify makes a folder name of a term: lowercase ASCII letters, digits,
// dots, underscores and hyphens; other characters become hyphens. Names of
// other scripts (a Chinese tag) keep their letters, which browsers and
// servers handle as UTF-8 paths.
//
// The name is never one the site or a file system has a use for: never
// empty, "." or ".." (those give "x"), never ending in ".html" or ".htm"
// ("index.html" gives "index-html", so no term's folder is a kind's
// index.html), never a name Windows keeps for a device ("con", "nul.txt"
// give "con_", "nul_.txt"). Different names that give the same slug are
// told apart by uniqueSlug.
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
	for _, ext := range []string{".html", ".htm"} {
		if stem, ok := strings.CutSuffix(s, ext); ok {
			s = stem + "-" + ext[1:]
		}
	}
	if stem, _, _ := strings.Cut(s, "."); windowsDevices[stem] {
		s = stem + "_" + s[len(stem):]
	}
	return s
}

// windowsDevices are the names Windows keeps for devices, with or without
// an extension, in any case (slugs are lowercase).
var windowsDevices = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// uniqueSlug returns s, or s-2, s-3… when s is taken, and marks it taken.
// Slugs are compared as a file system that ignores case and Unicode
// normalisation compares names (macOS, Windows): "σ" and "ς", "ſ" and
// "s", a Hangul syllable and its jamo are the same slug.
func uniqueSlug(s string, taken map[string]bool) string {
	out := s
	for n := 2; taken[foldName(out)]; n++ {
		out = s + "-" + strconv.Itoa(n)
	}
	taken[foldName(out)] = true
	return out
}

// foldName is the form of a file name that two names a case-insensitive,
// normalisation-insensitive file system takes for the same have alike.
func foldName(s string) string {
	return strings.Map(func(r rune) rune {
		r = unicode.ToUpper(r)
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		return m
	}, norm.NFC.String(s))
}
