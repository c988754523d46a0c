package review

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// maxYAMLValues bounds how many values the front matter may expand to once
// aliases are followed. A real front matter has a few hundred; a YAML alias
// bomb has billions and is stopped here, fast and in bounded memory.
const maxYAMLValues = 100_000

// A location is a place in the front matter: the key that names a value
// (nil for list items and the root) and the value itself.
type location struct{ key, value *yaml.Node }

// doc is decoded front matter: the generic value the schema validates, and
// where each value came from, by JSON pointer ("/window/start", "/actions/0").
type doc struct {
	root    *yaml.Node
	value   any
	at      map[string]location
	lineOff int        // add to a YAML line to get the file line
	yml     []byte     // the front matter, from its first line
	set     *schemaSet // the schema it is checked against; the contract's when nil
}

var yamlLineErr = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parserProblems are the messages of yaml.v3's parser (parserc.go), as
// opposed to its scanner's, whose line numbers differ by one.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// decodeYAML parses front matter that starts on file line firstLine.
func decodeYAML(fm frontMatter) (*doc, []Finding) {
	d := &doc{at: map[string]location{}, lineOff: fm.YAMLLine - 1, yml: fm.YAML}
	var top yaml.Node
	if err := yaml.Unmarshal(fm.YAML, &top); err != nil {
		// "unexpected end of stream" is reported past the last line:
		// at the closing line "---", it is inside the front matter.
		return nil, []Finding{syntaxFinding(fm.YAML, fm.YAMLLine, fm.YAMLLine+bytes.Count(fm.YAML, []byte("\n")), err)}
	}
	if top.Kind == 0 || len(top.Content) == 0 {
		return nil, []Finding{{Line: 1, Col: 1, Severity: Error,
			Message: "the front matter is empty: add the fields title, date, status, severity, services and summary (run 'fupan new' for a template)"}}
	}
	root := top.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, []Finding{{Line: d.lineOff + root.Line, Col: root.Column, Severity: Error,
			Message: fmt.Sprintf("the front matter is %s, not a mapping of fields: write one 'field: value' per line", kindName(root))}}
	}
	d.root = root
	c := &converter{doc: d, budget: maxYAMLValues, lines: strings.Split(string(fm.YAML), "\n"), open: map[*yaml.Node]bool{}}
	d.value = c.convert(root, location{value: root}, "")
	if c.bomb != nil {
		return nil, []Finding{*c.bomb}
	}
	return d, c.findings
}

// syntaxFinding is the finding on a YAML syntax error err in yml, which
// starts on file line firstLine: where the author's mistake is, in the
// author's words, when it is one syntaxMistake knows; else yaml.v3's
// words at the line it names, kept between firstLine and lastLine.
func syntaxFinding(yml []byte, firstLine, lastLine int, err error) Finding {
	d := &doc{lineOff: firstLine - 1}
	if f, ok := d.syntaxMistake(yml, err); ok {
		return f
	}
	line, msg := firstLine-1, strings.TrimPrefix(err.Error(), "yaml: ")
	if n, problem, named, ok := yamlErrLine(err); ok {
		if named && parserProblems[problem] {
			// yaml.v3 numbers a parser error's line from 0 (and a
			// scanner error's from 1): the line where the flow, block
			// or node that broke began.
			n++
		}
		line, msg = d.lineOff+n, problem
	}
	line = max(firstLine-1, 1, min(line, lastLine))
	return Finding{Line: line, Col: 1, Severity: Error, Err: err,
		Message: "YAML syntax error: " + msg + ": check the indentation, and quote values that contain ': ' or start with a special character"}
}

type converter struct {
	*doc
	budget   int
	alias    *yaml.Node // the outermost alias being followed, if any
	lines    []string   // the front matter's lines, for refold
	bomb     *Finding
	open     map[*yaml.Node]bool // the nodes being converted, from the root down
	findings []Finding
}

func (c *converter) convert(n *yaml.Node, loc location, ptr string) any {
	if c.bomb != nil {
		return nil
	}
	if c.budget--; c.budget < 0 {
		at := n
		if c.alias != nil {
			at = c.alias
		}
		c.bomb = &Finding{Line: c.lineOff + at.Line, Col: at.Column, Severity: Error, Message: fmt.Sprintf(
			"the front matter expands to more than %d values through YAML aliases: remove the anchors (&name) and aliases (*name)", maxYAMLValues)}
		return nil
	}
	if _, seen := c.at[ptr]; !seen {
		c.at[ptr] = loc
	}
	switch n.Kind {
	case yaml.AliasNode:
		if c.open[n.Alias] {
			// An alias inside the value it names (a: &a [*a]) would
			// expand for ever.
			c.bomb = &Finding{Line: c.lineOff + n.Line, Col: n.Column, Severity: Error, Message: fmt.Sprintf(
				"the alias *%s is inside the value &%s names, so it never ends: remove the alias", n.Value, n.Value)}
			return nil
		}
		if c.alias == nil {
			c.alias = n
			defer func() { c.alias = nil }()
		}
		return c.convert(n.Alias, loc, ptr)
	case yaml.MappingNode:
		c.open[n] = true
		defer delete(c.open, n)
		m := make(map[string]any, len(n.Content)/2)
		keyAt := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				c.findings = append(c.findings, Finding{Line: c.lineOff + k.Line, Col: k.Column, Severity: Error,
					Message: "a field name must be a plain word, not a " + kindName(k)})
				continue
			}
			if first, dup := keyAt[k.Value]; dup {
				c.findings = append(c.findings, Finding{Line: c.lineOff + k.Line, Col: k.Column, Severity: Error,
					Field:   fieldPath(ptr + "/" + escapePtr(k.Value)),
					Message: fmt.Sprintf("field %q is given twice (first on line %d): keep one", k.Value, c.lineOff+first.Line)})
				continue
			}
			keyAt[k.Value] = k
			val := c.convert(v, location{key: k, value: v}, ptr+"/"+escapePtr(k.Value))
			if val == nil {
				if f, ok := c.valueAsComment(k, v, ptr+"/"+escapePtr(k.Value)); ok {
					c.findings = append(c.findings, f)
					continue
				}
			}
			if list, ok := val.([]any); val == nil || ok && len(list) == 0 {
				// A field left empty (no value, or []) is a field not yet
				// written: the template lists every field, and a draft
				// fills them in as it goes.
				continue
			}
			m[k.Value] = val
		}
		return m
	case yaml.SequenceNode:
		c.open[n] = true
		defer delete(c.open, n)
		s := make([]any, 0, len(n.Content))
		for i, v := range n.Content {
			s = append(s, c.convert(v, location{value: v}, ptr+"/"+strconv.Itoa(i)))
		}
		return s
	case yaml.ScalarNode:
		v := scalar(n)
		if s, ok := v.(string); ok && n.ShortTag() == "!!str" && c.alias == nil {
			return refold(n, c.lines)
		} else if ok {
			return s
		}
		return v
	}
	return nil
}

// valueAsComment returns the finding on a field k whose value v YAML read
// as a comment: "title: #1 Order API" is an empty title and a comment. A
// comment that starts with "# " (as the template's do) is taken for one.
func (c *converter) valueAsComment(k, v *yaml.Node, ptr string) (Finding, bool) {
	if v.Kind != yaml.ScalarNode || v.Line != k.Line || k.Line < 1 || k.Line > len(c.lines) {
		return Finding{}, false
	}
	line := c.lines[k.Line-1]
	key := strings.Index(line, k.Value+":")
	if key < 0 {
		return Finding{}, false
	}
	rest := line[key+len(k.Value)+1:]
	after := strings.TrimLeft(rest, " ")
	if len(after) < 2 || after[0] != '#' || after[1] == ' ' || after[1] == '\t' {
		return Finding{}, false
	}
	col := utf8.RuneCountInString(line[:len(line)-len(after)]) + 1
	return Finding{Line: c.lineOff + k.Line, Col: col, Severity: Error, Field: fieldPath(ptr), meant: fieldPath(ptr), Message: fmt.Sprintf(
		"the value of %s begins with '#', which YAML reads as a comment, so %s is empty: put the value in quotes (%s: \"#…\")", k.Value, k.Value, k.Value)}, true
}

// scalar gives a YAML scalar its JSON type. Timestamps stay strings: the
// schema checks their format, the rules parse them.
func scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		if b, err := strconv.ParseBool(strings.ToLower(n.Value)); err == nil {
			return b
		}
	case "!!int":
		if i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
			return i
		}
	case "!!float":
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f
		}
	}
	return n.Value
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	case yaml.AliasNode:
		return "alias"
	}
	return "single value (" + strings.TrimPrefix(n.ShortTag(), "!!") + ")"
}

// pos returns the file position of the value at ptr, or of its key when
// onKey is set and there is one; the nearest enclosing value otherwise.
func (d *doc) pos(ptr string, onKey bool) (line, col int) {
	for {
		if loc, ok := d.at[ptr]; ok {
			n := loc.value
			if onKey && loc.key != nil {
				n = loc.key
			}
			return d.lineOff + n.Line, n.Column
		}
		i := strings.LastIndexByte(ptr, '/')
		if i < 0 {
			return d.lineOff + 1, 1
		}
		ptr = ptr[:i]
	}
}

// positions returns the positions Review.Pos holds: of failure.exceptions,
// failure.dependency and failure, and of each of n actions.
func (d *doc) positions(n int) map[string]Position {
	out := map[string]Position{}
	add := func(ptr string) {
		if _, ok := d.at[ptr]; ok {
			line, col := d.pos(ptr, false)
			out[fieldPath(ptr)] = Position{line, col}
		}
	}
	for _, ptr := range []string{"/failure", "/failure/exceptions", "/failure/dependency"} {
		add(ptr)
	}
	for i := range n {
		add("/actions/" + strconv.Itoa(i))
	}
	return out
}

// find returns a finding of the given severity at the value at ptr.
func (d *doc) find(sev Severity, ptr string, onKey bool, format string, args ...any) Finding {
	line, col := d.pos(ptr, onKey)
	return Finding{Line: line, Col: col, Severity: sev, Field: fieldPath(ptr), Message: fmt.Sprintf(format, args...)}
}

var (
	ptrEscaper   = strings.NewReplacer("~", "~0", "/", "~1")
	ptrUnescaper = strings.NewReplacer("~1", "/", "~0", "~")
)

// escapePtr escapes a JSON pointer token (RFC 6901).
func escapePtr(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return ptrEscaper.Replace(s)
}

func unescapePtr(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	return ptrUnescaper.Replace(s)
}

// fieldPath turns a JSON pointer into the dotted form used in messages:
// "/actions/0/due" becomes "actions[0].due".
func fieldPath(ptr string) string {
	var b strings.Builder
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		if tok == "" {
			continue
		}
		if _, err := strconv.Atoi(tok); err == nil {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(unescapePtr(tok))
	}
	return b.String()
}

// strings returns the items of the list at ptr, with "" for an item that is
// not a string (the schema reports those).
func (d *doc) strings(ptr string) []string {
	m, _ := d.value.(map[string]any)
	list, _ := m[strings.TrimPrefix(ptr, "/")].([]any)
	out := make([]string, len(list))
	for i, v := range list {
		out[i], _ = v.(string)
	}
	return out
}
