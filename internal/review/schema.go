package review

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// Schema is the JSON Schema of the front matter: every structural rule
// (types, enums, lengths, the fields each status requires) lives there, once.
// 'fupan schema' prints it for editors.
//
//go:embed schema.json
var Schema []byte

const schemaURL = "https://fupan.dev/schema/review-v1.json"

// SchemaPath is where the schema of a repository's front matter is kept,
// in the repository ('fupan init' writes it there, committed, for editors)
// and on its site ('fupan build' publishes it there).
const SchemaPath = "schema/review.schema.json"

// A schemaSet is the JSON Schema of a repository's front matter, the
// contract's (Schema) with the custom fields of fupan.yaml: the document,
// compiled, and what it says of each field.
type schemaSet struct {
	doc      []byte
	compiled *jsonschema.Schema
	fields   map[string]fieldInfo

	editorOnce sync.Once
	editor     []byte // forEditors(doc), made on first use
}

func newSchemaSet(doc []byte) (*schemaSet, error) {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(schemaURL, v); err != nil {
		return nil, err
	}
	sch, err := c.Compile(schemaURL)
	if err != nil {
		return nil, err
	}
	var root schemaNode
	if err := json.Unmarshal(doc, &root); err != nil {
		return nil, err
	}
	m := map[string]fieldInfo{}
	root.walk("", m)
	return &schemaSet{doc: doc, compiled: sch, fields: m}, nil
}

// baseSchema is the contract's schema, with no custom field.
var baseSchema = sync.OnceValue(func() *schemaSet {
	s, err := newSchemaSet(Schema)
	if err != nil {
		panic("review: embedded schema.json: " + err.Error()) // a build defect, caught by every test
	}
	return s
})

// schemas are the schemas with custom fields, by document: a repository
// has one, built once.
var schemas sync.Map

// schemaFor returns the schema of a repository whose settings are cfg.
func schemaFor(cfg *Config) *schemaSet {
	if cfg == nil || len(cfg.Fields) == 0 {
		return baseSchema()
	}
	doc, err := customSchema(cfg.Fields)
	if err != nil {
		return baseSchema()
	}
	if s, ok := schemas.Load(string(doc)); ok {
		return s.(*schemaSet)
	}
	s, err := newSchemaSet(doc)
	if err != nil {
		return baseSchema() // not after checkFields, which drops a field that would do this
	}
	schemas.Store(string(doc), s)
	return s
}

// SchemaFor returns the JSON Schema of the front matter of a repository
// whose settings are cfg, as editors use it: Schema with cfg's custom
// fields, each with its type, pattern or enum and the status from which
// it is required, and with an empty value (a key with no value, an empty
// list) allowed wherever a field is, as the checker counts it as not
// written (see forEditors). 'fupan schema' prints it, 'fupan init' writes
// it and the site publishes it at SchemaPath.
func SchemaFor(cfg *Config) []byte {
	s := schemaFor(cfg)
	s.editorOnce.Do(func() { s.editor = forEditors(s.doc) })
	return s.editor
}

// forEditors returns the schema doc as an editor's validator should read
// it. The checker drops a field left empty before it validates, so that
// the template of 'fupan new', which lists every field empty, is a valid
// draft; a validator that reads the file as it is sees null and [] there.
// So every field's schema also accepts null, and a list no minimum of
// items: what is left to the checker is only that a required field left
// empty is missing. The draft-07 keywords, which every validator reads
// (Ajv's default, yaml-language-server), are kept as they are.
func forEditors(doc []byte) []byte {
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		return doc
	}
	var walk func(obj map[string]any)
	walk = func(obj map[string]any) {
		props, _ := obj["properties"].(map[string]any)
		for _, p := range props {
			f, ok := p.(map[string]any)
			if !ok {
				continue
			}
			switch t := f["type"].(type) {
			case string:
				f["type"] = []any{t, "null"}
				if t == "array" {
					delete(f, "minItems")
					if c, ok := f["contains"]; ok {
						// An empty list needs no item that matches.
						delete(f, "contains")
						f["if"] = map[string]any{"minItems": 1}
						f["then"] = map[string]any{"contains": c}
					}
				}
			}
			if e, ok := f["enum"].([]any); ok {
				f["enum"] = append(e, nil)
			}
			walk(f)
			if items, ok := f["items"].(map[string]any); ok {
				walk(items)
			}
		}
		if all, ok := obj["allOf"].([]any); ok {
			for _, g := range all {
				if gm, ok := g.(map[string]any); ok {
					if then, ok := gm["then"].(map[string]any); ok {
						walk(then)
					}
				}
			}
		}
	}
	walk(m)
	out, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return doc
	}
	return append(out, '\n')
}

// customSchema returns Schema with the custom fields added.
func customSchema(custom CustomFields) ([]byte, error) {
	var m map[string]any
	if err := json.Unmarshal(Schema, &m); err != nil {
		return nil, err
	}
	props, _ := m["properties"].(map[string]any)
	allOf, _ := m["allOf"].([]any)
	then := func(i int) map[string]any {
		if i >= len(allOf) {
			return map[string]any{}
		}
		gate, _ := allOf[i].(map[string]any)
		t, _ := gate["then"].(map[string]any)
		return t
	}
	require := func(obj map[string]any, name string) {
		list, _ := obj["required"].([]any)
		obj["required"] = append(list, name)
	}
	for i := range custom {
		f := &custom[i]
		props[f.Name] = f.schemaOf()
		switch f.RequiredFrom {
		case Draft:
			require(m, f.Name)
		case Ready:
			require(then(0), f.Name)
		case Final:
			require(then(1), f.Name)
		}
	}
	return json.MarshalIndent(m, "", "  ")
}

// fieldInfo is what the schema says of one field: its description (used in
// messages and in the 'fupan new' template) and, for objects, its fields.
type fieldInfo struct {
	Description string
	Fields      []string
}

// fields maps a field pattern ("window.start", "actions[].owner") to what
// the contract's schema says of it; "" is the root.
func fields() map[string]fieldInfo { return baseSchema().fields }

type schemaNode struct {
	Description string                 `json:"description"`
	Properties  map[string]*schemaNode `json:"properties"`
	Items       *schemaNode            `json:"items"`
}

// schema is the schema the doc is checked against: its repository's.
func (d *doc) schema() *schemaSet {
	if d.set == nil {
		return baseSchema()
	}
	return d.set
}

func (s *schemaNode) walk(path string, m map[string]fieldInfo) {
	info := fieldInfo{Description: s.Description}
	for name, p := range s.Properties {
		info.Fields = append(info.Fields, name)
		p.walk(joinField(path, name), m)
	}
	slices.Sort(info.Fields)
	m[path] = info
	if s.Items != nil {
		s.Items.walk(path+"[]", m)
	}
}

func joinField(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

// pattern turns a JSON pointer into a field pattern: "/actions/0/owner"
// becomes "actions[].owner".
func pattern(ptr string) string {
	var b strings.Builder
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		switch _, err := strconv.Atoi(tok); {
		case tok == "":
		case err == nil:
			b.WriteString("[]")
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(unescapePtr(tok))
		}
	}
	return b.String()
}

// validateSchema runs the JSON Schema on the decoded front matter and maps
// each violation back to the YAML node it is about.
func validateSchema(d *doc) []Finding {
	err := d.schema().compiled.Validate(d.value)
	if err == nil {
		return nil
	}
	verr, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []Finding{{Line: d.lineOff + 1, Col: 1, Severity: Error, Message: err.Error()}}
	}
	var out []Finding
	d.schemaFindings(verr, &out)
	return oneFindingPerTypo(out)
}

// oneFindingPerTypo drops the finding that a field is missing when an
// unknown field beside it is that field misspelt ("sumary"), or another
// finding says why it is empty (meant): the "did you mean" says all, once.
func oneFindingPerTypo(fs []Finding) []Finding {
	meant := map[string]bool{}
	for _, f := range fs {
		if f.meant != "" {
			meant[f.meant] = true
		}
	}
	if len(meant) == 0 {
		return fs
	}
	return slices.DeleteFunc(fs, func(f Finding) bool { return f.missing && meant[f.Field] })
}

func (d *doc) schemaFindings(e *jsonschema.ValidationError, out *[]Finding) {
	ptr := ""
	for _, tok := range e.InstanceLocation {
		ptr += "/" + escapePtr(tok)
	}
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		for _, name := range k.Missing {
			*out = append(*out, d.missing(ptr, []string{name}, e.SchemaURL))
		}
		return
	case *kind.AnyOf:
		// "traceback or traceback_absent": every branch is a missing field.
		var names []string
		for _, c := range e.Causes {
			if r, ok := c.ErrorKind.(*kind.Required); ok {
				names = append(names, r.Missing...)
			}
		}
		if len(names) == len(e.Causes) && len(names) > 0 {
			*out = append(*out, d.missing(ptr, names, e.SchemaURL))
			return
		}
	case *kind.AdditionalProperties:
		known := d.schema().fields[pattern(ptr)].Fields
		for _, name := range k.Properties {
			child := ptr + "/" + escapePtr(name)
			msg := fmt.Sprintf("unknown field %q", name)
			s := suggest(name, known)
			if s != "" {
				msg += fmt.Sprintf(": did you mean %q?", s)
			} else {
				msg += ": the fields here are " + strings.Join(known, ", ")
			}
			f := d.find(Error, child, true, "%s", msg)
			if s != "" {
				f.meant = fieldPath(ptr + "/" + escapePtr(s))
			}
			*out = append(*out, f)
		}
		return
	case *kind.Type:
		*out = append(*out, d.find(Error, ptr, false, "%s is %s, want %s%s", name(ptr), article(k.Got), strings.Join(k.Want, " or "), d.hint(ptr)))
		return
	case *kind.Enum:
		var want []string
		for _, w := range k.Want {
			want = append(want, fmt.Sprint(w))
		}
		msg := fmt.Sprintf("%s is %q, want one of %s", name(ptr), fmt.Sprint(k.Got), strings.Join(want, ", "))
		if s := suggest(fmt.Sprint(k.Got), want); s != "" {
			msg += fmt.Sprintf(": did you mean %q?", s)
		}
		*out = append(*out, d.find(Error, ptr, false, "%s", msg))
		return
	case *kind.Format:
		got := fmt.Sprint(k.Got)
		if no := noSuchDay(got); no != "" {
			*out = append(*out, d.find(Error, ptr, false, "%s is %q: %s", name(ptr), got, no))
			return
		}
		want := "a date YYYY-MM-DD, e.g. 2026-02-16"
		switch k.Want {
		case "date-time":
			want = "an RFC 3339 timestamp with offset, e.g. 2026-02-16T05:09:07+08:00"
		case "uri":
			want = "an http or https URL, e.g. https://tickets.example.com/INC-123"
		}
		*out = append(*out, d.find(Error, ptr, false, "%s is %q, want %s", name(ptr), got, want))
		return
	case *kind.MinItems:
		*out = append(*out, d.find(Error, ptr, false, "%s has %d item(s), needs at least %d%s", name(ptr), k.Got, k.Want, d.hint(ptr)))
		return
	case *kind.MinLength:
		*out = append(*out, d.find(Error, ptr, false, "%s is empty%s", name(ptr), d.hint(ptr)))
		return
	case *kind.MaxLength:
		*out = append(*out, d.find(Error, ptr, false, "%s is %d characters long, at most %d: shorten it", name(ptr), k.Got, k.Want))
		return
	case *kind.Pattern:
		switch p := pattern(ptr); {
		case p == "tags[]":
			*out = append(*out, d.find(Error, ptr, false, "%s %q must match %s: write %q", name(ptr), k.Got, k.Want, slugify(k.Got)))
		case strings.Contains(e.SchemaURL, "/format") || k.Want == urlPattern:
			*out = append(*out, d.find(Error, ptr, false, "%s is %q, want an http or https URL, e.g. https://tickets.example.com/INC-123", name(ptr), k.Got))
		default:
			*out = append(*out, d.find(Error, ptr, false, "%s %q must match %s%s", name(ptr), k.Got, k.Want, d.hint(ptr)))
		}
		return
	case *kind.Contains, *kind.MinContains:
		*out = append(*out, d.find(Error, ptr, false, "%s needs a metric with expect: down (the symptom), besides one that would show a side effect of the fix", name(ptr)))
		return
	case *kind.Const:
		// Only inside the 'if' of a gate, which never reports.
	}
	for _, c := range e.Causes {
		d.schemaFindings(c, out)
	}
}

// missing reports fields missing from the object at ptr. Fields that a gate
// requires are reported at the status line, which is what moved the review
// through the gate.
func (d *doc) missing(ptr string, names []string, schemaLoc string) Finding {
	gate := string(Draft)
	switch {
	case strings.Contains(schemaLoc, "/allOf/0/"):
		gate = string(Ready)
	case strings.Contains(schemaLoc, "/allOf/1/"):
		gate = string(Final)
	}
	var full []string
	for _, n := range names {
		full = append(full, name(ptr+"/"+escapePtr(n)))
	}
	at := ptr + "/" + escapePtr(names[0])
	if _, present := d.at[at]; !present {
		// Not even an empty key: point at what moved the review through
		// the gate.
		at = ptr
		if ptr == "" && gate != string(Draft) {
			at = "/status"
		}
	}
	f := d.find(Error, at, true, "missing %s (required from status %s)%s",
		strings.Join(full, " or "), gate, d.hint(ptr+"/"+escapePtr(names[0])))
	f.Field = fieldPath(ptr + "/" + escapePtr(names[0]))
	f.missing = len(names) == 1
	return f
}

// name is the field a pointer names, as written in messages.
func name(ptr string) string {
	if ptr == "" {
		return "the front matter"
	}
	return fieldPath(ptr)
}

// hint is ": " and the schema's description of the field at ptr, if any.
func (d *doc) hint(ptr string) string {
	p := pattern(ptr)
	fs := d.schema().fields
	desc := fs[p].Description
	if desc == "" && strings.HasSuffix(p, "[]") {
		desc = fs[strings.TrimSuffix(p, "[]")].Description // a list item: what the list wants
	}
	if desc != "" {
		return ": " + strings.TrimSuffix(lowerFirst(desc), ".")
	}
	return ""
}

func lowerFirst(s string) string {
	if s == "" || strings.HasPrefix(s, "RFC") || s[0] < 'A' || s[0] > 'Z' || len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z' {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func article(t string) string {
	switch t {
	case "object":
		return "a mapping"
	case "array":
		return "a list"
	case "null":
		return "empty"
	case "integer":
		return "an integer"
	}
	return "a " + t
}
