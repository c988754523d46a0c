package webindex

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/fupan/fupan/internal/review"
)

// writeFilters writes the filter file and returns its name, with the
// values each filter offers in the page (severity, service, exception,
// year).
func writeFilters(out outFiles, docs []*review.Review) (string, map[string][]string, error) {
	f := filters(docs)
	data, err := json.Marshal(f)
	if err != nil {
		return "", nil, err
	}
	values := map[string][]string{}
	for key, m := range map[string]map[string][]int{"severity": f.Severity, "service": f.Service, "exception": f.Exception} {
		for v := range m {
			values[key] = append(values[key], v)
		}
		slices.Sort(values[key])
	}
	for _, rv := range docs {
		if y := rv.Date[:min(4, len(rv.Date))]; !slices.Contains(values["year"], y) {
			values["year"] = append(values["year"], y)
		}
	}
	return out.put("f", data), values, nil
}

// filters returns the content of the filter file: per key, each value
// (lower case) with its documents as deltas.
func filters(docs []*review.Review) filterFile {
	lists := map[string]map[string][]int{}
	add := func(key, value string, doc int) {
		if value == "" {
			return
		}
		value = strings.ToLower(value)
		m := lists[key]
		if m == nil {
			m = map[string][]int{}
			lists[key] = m
		}
		if l := m[value]; len(l) > 0 && l[len(l)-1] == doc {
			return
		}
		m[value] = append(m[value], doc)
	}
	var dates [][2]any
	for i, rv := range docs {
		add("severity", rv.Severity, i)
		add("status", string(rv.Status), i)
		for _, s := range rv.Services {
			add("service", s, i)
		}
		for _, s := range rv.Tags {
			add("tag", s, i)
		}
		for _, s := range rv.Exceptions() {
			add("exception", s, i)
		}
		for _, cv := range rv.Custom {
			for _, v := range cv.Values {
				add("field", cv.Name+":"+v, i)
			}
		}
		if k := len(dates) - 1; k >= 0 && dates[k][0] == rv.Date {
			dates[k][1] = dates[k][1].(int) + 1
		} else {
			dates = append(dates, [2]any{rv.Date, 1})
		}
	}
	delta := func(key string) map[string][]int {
		enc := map[string][]int{}
		for v, l := range lists[key] {
			d := make([]int, len(l))
			prev := 0
			for i, x := range l {
				d[i] = x - prev
				prev = x
			}
			enc[v] = d
		}
		return enc
	}
	return filterFile{
		Dates:     nonNil(dates),
		Severity:  delta("severity"),
		Status:    delta("status"),
		Service:   delta("service"),
		Tag:       delta("tag"),
		Exception: delta("exception"),
		Field:     delta("field"),
	}
}

// customKeys returns the names of the custom fields the reviews have
// values for, sorted: as search.Index.CustomKeys reads them from the index.
func customKeys(docs []*review.Review) []string {
	var keys []string
	for _, rv := range docs {
		for _, cv := range rv.Custom {
			keys = append(keys, cv.Name)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}
