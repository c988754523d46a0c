package search

import (
	"fmt"
	"slices"
	"strings"

	"github.com/fupan/fupan/internal/editdist"
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
			note += fmt.Sprintf("; did you mean %s:%s?", f.Key, s)
		}
		notes = append(notes, note)
	}
	return notes, nil
}

// keepValue tells whether a review with value v of the filter's key is
// kept by the filter's value want.
func keepValue(key, v, want string) bool {
	if key == "exception" {
		return v == want || strings.HasSuffix(v, "."+want)
	}
	return v == want
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
