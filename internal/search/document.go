package search

import (
	"strings"

	"github.com/fupan/fupan/internal/review"
)

// document returns what the index holds of a review: each text field of
// [Fields] as one string (lists joined by newlines), and the keyword fields.
func document(r *review.Review) map[string]any {
	lower := func(ss []string) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = strings.ToLower(s)
		}
		return out
	}
	exceptions := r.Exceptions()
	body := []string{r.WhyNotCaught, r.CatchNextTime, r.Verification.Traffic}
	if e := r.EdgeInputs; e != nil {
		body = append(body, e.None, e.Empty, e.Long, e.Negative)
	}
	for _, a := range r.Actions {
		body = append(body, a.Do, a.Owner)
	}
	body = append(body, r.Body)
	firstLook := []string{r.FirstLook.Metric, r.FirstLook.Log, r.FirstLook.Config}
	for _, w := range r.Verification.Watch {
		firstLook = append(firstLook, w.Metric)
	}
	// Custom fields: their values are searched as body text, and
	// filtered by name:value.
	var custom []string
	for _, cv := range r.Custom {
		body = append(body, strings.Join(cv.Values, "\n"))
		for _, v := range cv.Values {
			custom = append(custom, strings.ToLower(cv.Name+":"+v))
		}
	}
	return map[string]any{
		"title":                r.Title,
		"summary":              r.Summary,
		"exceptions":           strings.Join(exceptions, "\n"),
		"function":             r.Failure.Function,
		"caller":               r.Failure.Caller,
		"dependency":           r.Failure.Dependency,
		"config":               strings.Join(r.Config, "\n"),
		"versions":             strings.Join(r.Versions, "\n"),
		"traceback":            joinNonEmpty(r.Traceback, r.TracebackAbsent),
		"reproduction":         r.Reproduction,
		"first_look":           joinNonEmpty(firstLook...),
		"contributing_factors": strings.Join(r.ContributingFactors, "\n"),
		"tags":                 strings.Join(r.Tags, "\n"),
		"services":             strings.Join(r.Services, "\n"),
		"body":                 joinNonEmpty(body...),

		fieldID:        r.ID,
		fieldPath:      r.Path,
		fieldDate:      r.Date,
		fieldSeverity:  strings.ToLower(r.Severity),
		fieldStatus:    strings.ToLower(string(r.Status)),
		fieldService:   lower(r.Services),
		fieldTag:       lower(r.Tags),
		fieldException: lower(exceptions),
		fieldRaised:    RaisedNames(exceptions),
		fieldCustom:    custom,
	}
}

func joinNonEmpty(ss ...string) string {
	var b strings.Builder
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(s)
		}
	}
	return b.String()
}
