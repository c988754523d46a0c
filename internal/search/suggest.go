package search

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/fupan/fupan/internal/editdist"
	"github.com/fupan/fupan/internal/review"
)

// filterNotes says, for each filter whose value no review has, which value
// was maybe meant: "service:order matches no review; did you mean
// service:order-api?".
func (ix *Index) filterNotes(filters []Filter) ([]string, error) {
	var notes []string
	values := map[string][]string{}
	for _, f := range filters {
		field := f.Key
		switch field {
		case "service", "tag", "exception", "severity", "status":
		default: // dates, custom fields
			continue
		}
		if _, ok := values[field]; !ok {
			r, err := ix.reader()
			if err != nil {
				return nil, err
			}
			vs, err := terms(r, field)
			r.Close()
			if err != nil {
				return nil, err
			}
			values[field] = vs
		}
		vs := values[field]
		if slices.ContainsFunc(vs, func(v string) bool { return keepValue(f.Key, v, f.Value) }) {
			continue
		}
		note := fmt.Sprintf("%s:%s matches no review", f.Key, f.Value)
		if s := Suggest(f.Value, vs); s != "" {
			if (f.Key == "service" || f.Key == "tag") && strings.ContainsFunc(s, unicode.IsSpace) {
				s = nameKey(s) // as it can be typed
			}
			note += fmt.Sprintf("; did you mean %s:%s?", f.Key, s)
		}
		notes = append(notes, note)
	}
	return notes, nil
}

// keepValue tells whether a review with value v of the filter's key is
// kept by the filter's value want (both lower-cased): an exception by its
// full name or its last dotted parts (ConnectTimeout or
// exceptions.ConnectTimeout for requests.exceptions.ConnectTimeout), a
// service or tag by its name with any spelling of the gaps between its
// words ([nameKey]: stack-exchange, stack_exchange for "Stack Exchange"),
// anything else by the value.
func keepValue(key, v, want string) bool {
	switch key {
	case "exception":
		return v == want || strings.HasSuffix(v, "."+want)
	case "service", "tag":
		return v == want || nameKey(v) == nameKey(want)
	}
	return v == want
}

// nameKey is a service or tag name with each run of characters other
// than letters, digits and "." made one "-", and none at the ends: a
// filter value has no spaces, so service:stack-exchange stands for the
// service "Stack Exchange", and order_api for order-api.
func nameKey(s string) string {
	return review.JoinRuns(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) || r == '.' })
}

// Suggest returns the value of values (sorted) that want most likely
// meant: the shortest that holds it (order → order-api), else the nearest
// within an edit distance of 2 (the first in order among equals), else "".
func Suggest(want string, values []string) string {
	best := ""
	for _, v := range values {
		if strings.Contains(v, want) && (best == "" || len(v) < len(best)) {
			best = v
		}
	}
	if best != "" {
		return best
	}
	dist := 3
	for _, v := range values {
		if d := editdist.OSA(want, v, dist); d < dist {
			best, dist = v, d
		}
	}
	return best
}
