package site

import "github.com/fupan/fupan/internal/review"

// A CustomField is a custom field of a review as its page shows it: the
// label fupan.yaml gives it, the value, and for a url field the link.
type CustomField struct {
	Name, Label, Value string
	Link               string // the value, when it is an http(s) or mailto link; else ""
}

// customFields returns the custom fields a review has values for, in the
// order fupan.yaml declares them.
func (s *site) customFields(rv *review.Review) []CustomField {
	var out []CustomField
	for i := range s.cfg.Fields {
		spec := &s.cfg.Fields[i]
		cv, ok := rv.CustomValue(spec.Name)
		if !ok {
			continue
		}
		f := CustomField{Name: spec.Name, Label: spec.DisplayLabel(), Value: cv.Value}
		if spec.Type == "url" {
			f.Link = safeLink(cv.Value)
		}
		out = append(out, f)
	}
	return out
}
