package review

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Custom fields: a team declares fields of its own in fupan.yaml
// (incident_id, ticket, lead, customer_impact), each with a type, an
// optional pattern or enum and the status from which it is required. They
// join the JSON Schema (SchemaFor), so they are checked with positions like
// every field; the review keeps their values (Review.Custom) for its page
// and for search.
//
//	fields:
//	  incident_id: {type: string, pattern: "^INC-[0-9]+$", required_from: ready}
//	  ticket: {type: url}
//	  customer_impact: {type: enum, enum: [none, minor, major], required_from: final}

// urlPattern is what a url field's value must match besides being a URI:
// a web address.
const urlPattern = `^https?://\S+$`

// FieldTypes are the types a custom field may have.
var FieldTypes = []string{"string", "number", "integer", "boolean", "date", "datetime", "url", "enum", "list"}

// fieldSpecKeys are the settings of a custom field.
var fieldSpecKeys = []string{"description", "enum", "label", "pattern", "required_from", "type"}

var fieldNameRE = lazyRegexp(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// A FieldSpec is a custom field as fupan.yaml declares it.
type FieldSpec struct {
	Name         string   // the key in the front matter, snake_case
	Type         string   // one of FieldTypes
	Description  string   // what it wants; in messages and the schema
	Label        string   // shown on the review page; else from Name
	Pattern      string   // a regular expression a string (or each list item) must match
	Enum         []string // the values an enum (or each list item) may take
	RequiredFrom Status   // draft, ready or final; "" when optional

	line, col int                 // of the name in fupan.yaml
	at        map[string][2]int   // line and column of each setting's value
	unknown   map[string][2]int   // settings that are not fieldSpecKeys
	bad       map[string]struct{} // settings whose value has the wrong shape
}

// DisplayLabel is the label of the field on a review page: Label, else
// the name with its underscores as spaces, capitalised: "Incident id".
func (f *FieldSpec) DisplayLabel() string {
	if f.Label != "" {
		return f.Label
	}
	s := strings.ReplaceAll(f.Name, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// CustomFields are the custom fields of fupan.yaml, in the order written.
type CustomFields []FieldSpec

// UnmarshalYAML reads the fields mapping, keeping the order and the
// position of everything, so that the checks point into fupan.yaml. Bad
// settings are kept for checkFields to report, never a decoding error.
func (cf *CustomFields) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		*cf = CustomFields{{Name: "", line: n.Line, col: n.Column}}
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		f := FieldSpec{Name: k.Value, line: k.Line, col: k.Column, at: map[string][2]int{}, unknown: map[string][2]int{}, bad: map[string]struct{}{}}
		if v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
			f.Type = v.Value // incident_id: string
			f.at["type"] = [2]int{v.Line, v.Column}
		} else if v.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(v.Content); j += 2 {
				sk, sv := v.Content[j], v.Content[j+1]
				f.at[sk.Value] = [2]int{sv.Line, sv.Column}
				var err error
				switch sk.Value {
				case "type":
					err = sv.Decode(&f.Type)
				case "description":
					err = sv.Decode(&f.Description)
				case "label":
					err = sv.Decode(&f.Label)
				case "pattern":
					err = sv.Decode(&f.Pattern)
				case "required_from":
					var s string
					err = sv.Decode(&s)
					f.RequiredFrom = Status(s)
				case "enum":
					err = sv.Decode(&f.Enum)
				default:
					f.unknown[sk.Value] = [2]int{sk.Line, sk.Column}
				}
				if err != nil {
					f.bad[sk.Value] = struct{}{}
				}
			}
		} else {
			f.bad["type"] = struct{}{}
			f.at["type"] = [2]int{v.Line, v.Column}
		}
		*cf = append(*cf, f)
	}
	return nil
}

// Lookup returns the custom field of that name, or nil.
func (cf CustomFields) Lookup(name string) *FieldSpec {
	for i := range cf {
		if cf[i].Name == name {
			return &cf[i]
		}
	}
	return nil
}

// checkFields reports what is wrong with the custom fields of fupan.yaml,
// at its line and column, and drops the fields that are wrong from cfg,
// so that the reviews are checked against the rest.
func checkFields(cfg *Config) []Finding {
	var out []Finding
	builtin := fields()[""].Fields
	var ok CustomFields
	for _, f := range cfg.Fields {
		at := func(setting string, format string, args ...any) {
			line, col := f.line, f.col
			if p, found := f.at[setting]; found {
				line, col = p[0], p[1]
			}
			if p, found := f.unknown[setting]; found {
				line, col = p[0], p[1]
			}
			field := "fields." + f.Name
			if setting != "" {
				field += "." + setting
			}
			out = append(out, Finding{File: ConfigFile, Line: line, Col: col, Severity: Error, Field: field, Message: fmt.Sprintf(format, args...)})
		}
		n := len(out)
		switch {
		case f.Name == "" && f.at == nil:
			at("", "fields is a mapping of field name to its settings, e.g. fields: {incident_id: {type: string, pattern: \"^INC-[0-9]+$\"}}")
			continue
		case !fieldNameRE().MatchString(f.Name):
			at("", "custom field %q: a field name is lowercase snake_case, e.g. incident_id", f.Name)
		case slices.Contains(builtin, f.Name):
			at("", "custom field %q is a field of the review format already: pick another name", f.Name)
		}
		for _, name := range sortedKeys(f.unknown) {
			msg := fmt.Sprintf("unknown setting %q of custom field %s", name, f.Name)
			if s := suggest(name, fieldSpecKeys); s != "" {
				msg += fmt.Sprintf(": did you mean %q?", s)
			} else {
				msg += ": the settings are " + strings.Join(fieldSpecKeys, ", ")
			}
			at(name, "%s", msg)
		}
		for _, name := range sortedKeys(f.bad) {
			if name == "enum" {
				at(name, "enum of custom field %s is a list of values, e.g. [none, minor, major]", f.Name)
			} else {
				at(name, "%s of custom field %s is a single value", name, f.Name)
			}
		}
		switch {
		case f.Type == "" && len(f.bad) == 0:
			at("", "custom field %s has no type: give one of %s", f.Name, strings.Join(FieldTypes, ", "))
		case f.Type != "" && !slices.Contains(FieldTypes, f.Type):
			msg := fmt.Sprintf("type %q of custom field %s is unknown", f.Type, f.Name)
			if s := suggest(f.Type, FieldTypes); s != "" {
				msg += fmt.Sprintf(": did you mean %q?", s)
			} else {
				msg += ": use one of " + strings.Join(FieldTypes, ", ")
			}
			at("type", "%s", msg)
		}
		if f.Pattern != "" {
			if f.Type != "string" && f.Type != "list" {
				at("pattern", "pattern of custom field %s applies to a string or a list, not a %s", f.Name, f.Type)
			} else if _, err := regexp.Compile(f.Pattern); err != nil {
				at("pattern", "pattern of custom field %s is not a regular expression: %v", f.Name, err)
			}
		}
		switch {
		case f.Type == "enum" && len(f.Enum) == 0:
			at("", "custom field %s of type enum needs its values: enum: [none, minor, major]", f.Name)
		case len(f.Enum) > 0 && f.Type != "enum" && f.Type != "list":
			at("enum", "enum of custom field %s applies to type enum or list, not %s", f.Name, f.Type)
		}
		if f.RequiredFrom != "" && !slices.Contains([]Status{Draft, Ready, Final}, f.RequiredFrom) {
			at("required_from", "required_from of custom field %s is %q: use draft, ready or final", f.Name, f.RequiredFrom)
		}
		if len(out) == n {
			ok = append(ok, f)
		}
	}
	cfg.Fields = ok
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// schemaOf is the JSON Schema of a custom field's value.
func (f *FieldSpec) schemaOf() map[string]any {
	s := map[string]any{}
	str := func() map[string]any {
		m := map[string]any{"type": "string", "minLength": 1}
		if f.Pattern != "" {
			m["pattern"] = f.Pattern
		}
		return m
	}
	switch f.Type {
	case "string":
		s = str()
	case "number":
		s["type"] = "number"
	case "integer":
		s["type"] = "integer"
	case "boolean":
		s["type"] = "boolean"
	case "date":
		s["type"], s["format"] = "string", "date"
	case "datetime":
		s["type"], s["format"] = "string", "date-time"
	case "url":
		s["type"], s["format"], s["pattern"] = "string", "uri", urlPattern
	case "enum":
		s["enum"] = f.Enum
	case "list":
		item := str()
		if len(f.Enum) > 0 {
			item = map[string]any{"enum": f.Enum}
		}
		s["type"], s["minItems"], s["items"] = "array", 1, item
	}
	desc := f.Description
	if desc == "" {
		desc = fmt.Sprintf("A custom field of this repository (fupan.yaml): %s.", typeText(f))
	}
	s["description"] = desc
	return s
}

// typeText says what a custom field's type wants, for its description.
func typeText(f *FieldSpec) string {
	switch f.Type {
	case "enum":
		return "one of " + strings.Join(f.Enum, ", ")
	case "list":
		return "a list of strings"
	case "url":
		return "an http or https URL"
	case "date":
		return "a date YYYY-MM-DD"
	case "datetime":
		return "an RFC 3339 timestamp with offset"
	}
	t := "a " + f.Type
	if f.Type == "integer" {
		t = "an integer"
	}
	if f.Pattern != "" {
		t += " matching " + f.Pattern
	}
	return t
}

// A CustomValue is the value of a custom field in a review, as text: a
// number as written, a list's items joined by ", ".
type CustomValue struct {
	Name   string
	Value  string
	Values []string // a list's items; the value alone otherwise
	List   bool     // written as a list
}

// decodeCustom returns the values of the top-level keys of the front
// matter m that are not fields of the review format: the custom fields
// (an undeclared key is one too, and the schema reports it), sorted by
// name.
func decodeCustom(m map[string]any) []CustomValue {
	builtin := fields()[""].Fields
	var out []CustomValue
	for k, v := range m {
		if slices.Contains(builtin, k) {
			continue
		}
		var cv CustomValue
		switch v := v.(type) {
		case string:
			cv.Values = []string{v}
		case int64:
			cv.Values = []string{strconv.FormatInt(v, 10)}
		case float64:
			cv.Values = []string{strconv.FormatFloat(v, 'g', -1, 64)}
		case bool:
			cv.Values = []string{strconv.FormatBool(v)}
		case []any:
			cv.List = true
			for _, x := range v {
				if s, ok := x.(string); ok {
					cv.Values = append(cv.Values, s)
				} else if x != nil {
					cv.Values = append(cv.Values, fmt.Sprint(x))
				}
			}
		default:
			continue // a mapping: not a custom field's value
		}
		if len(cv.Values) == 0 {
			continue
		}
		cv.Name = k
		cv.Value = strings.Join(cv.Values, ", ")
		out = append(out, cv)
	}
	slices.SortFunc(out, func(a, b CustomValue) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// CustomValue returns the value of the custom field name, if the review
// has one.
func (r *Review) CustomValue(name string) (CustomValue, bool) {
	for _, cv := range r.Custom {
		if cv.Name == name {
			return cv, true
		}
	}
	return CustomValue{}, false
}
