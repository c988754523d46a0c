package review

import (
	"bytes"
	"embed"
	"fmt"
	"slices"
	"strings"
	"text/template"

	"github.com/fupan/fupan/internal/traceback"
)

//go:embed templates
var templates embed.FS

// Languages are the languages 'fupan new' writes a template in.
var Languages = []string{"en", "zh-CN"}

// NewReview is what a new review's template is filled with.
type NewReview struct {
	Title      string
	Date       string // YYYY-MM-DD
	Lang       string // one of Languages; "" is en
	Severities []string
	Traceback  string       // optional: fills traceback and failure.exceptions
	Fields     CustomFields // fupan.yaml's custom fields, listed after the contract's
}

// Template returns a new draft review holding every field of the contract,
// each with a comment on what it wants. A traceback that does not parse is
// an error.
func Template(nr NewReview) ([]byte, error) {
	lang := nr.Lang
	if lang == "" {
		lang = "en"
	}
	if !slices.Contains(Languages, lang) {
		return nil, fmt.Errorf("language %q: use one of %s", lang, strings.Join(Languages, ", "))
	}
	data := map[string]any{
		"Title":       nr.Title,
		"Date":        nr.Date,
		"Severities":  strings.Join(cmpOr(nr.Severities, DefaultSeverities), " | "),
		"WindowStart": "",
		"Traceback":   "",
		"Exceptions":  "",
		"Custom":      customLines(nr.Fields),
	}
	if tb := strings.TrimSpace(strings.ReplaceAll(nr.Traceback, "\r\n", "\n")); tb != "" {
		parsed, err := traceback.Parse(tb)
		if err != nil {
			return nil, fmt.Errorf("traceback: %w", err)
		}
		var lines []string
		for _, l := range strings.Split(tb, "\n") {
			lines = append(lines, strings.TrimRight("  "+l, " \t"))
		}
		data["Traceback"] = strings.Join(lines, "\n")
		var types []string
		for _, e := range append(parsed.Chain, parsed.Final()) {
			if q := yamlFlowString(e.Type); !slices.Contains(types, q) {
				types = append(types, q)
			}
		}
		data["Exceptions"] = strings.Join(types, ", ")
	}
	t, err := template.New("new."+lang+".md").Funcs(template.FuncMap{"yamlString": yamlString}).
		ParseFS(templates, "templates/new."+lang+".md")
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func cmpOr(a, b []string) []string {
	if len(a) > 0 {
		return a
	}
	return b
}

// yamlString quotes s as a YAML double-quoted scalar, which is safe for any
// title.
func yamlString(s string) string {
	return fmt.Sprintf("%q", s)
}

// yamlFlowString quotes s when it could not stand bare in a flow list.
func yamlFlowString(s string) string {
	if strings.ContainsAny(s, ",[]{}:#&*!|>'\"%@`") || strings.TrimSpace(s) != s {
		return yamlString(s)
	}
	return s
}

// customLines are the template's lines for the custom fields: each left
// empty, with a comment on what it wants and from which status.
func customLines(fields CustomFields) string {
	var b strings.Builder
	for i := range fields {
		f := &fields[i]
		empty := ""
		if f.Type == "list" {
			empty = " []"
		}
		note := typeText(f)
		if f.Description != "" {
			note = f.Description
		}
		if f.RequiredFrom != "" {
			note += " (" + string(f.RequiredFrom) + ")"
		}
		line := f.Name + ":" + empty
		fmt.Fprintf(&b, "%-27s# %s\n", line, strings.ReplaceAll(note, "\n", " "))
	}
	return b.String()
}
