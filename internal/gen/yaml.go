package gen

import (
	"strconv"
	"strings"
)

// A small YAML emitter for the front matter: plain scalars where YAML reads
// them back as the same string, double quotes otherwise, block scalars for
// tracebacks and prose. It writes only the shapes a review needs.

type yamlWriter struct{ b *strings.Builder }

func (w yamlWriter) line(indent int, s string) {
	w.b.WriteString(strings.Repeat(" ", indent))
	w.b.WriteString(s)
	w.b.WriteByte('\n')
}

// scalar writes "key: value", quoting value when needed.
func (w yamlWriter) scalar(indent int, key, val string) {
	w.line(indent, key+": "+quote(val, false))
}

// raw writes "key: value" with value as is (dates, timestamps, enums).
func (w yamlWriter) raw(indent int, key, val string) {
	w.line(indent, key+": "+val)
}

// literal writes a "|" block scalar, keeping line breaks (tracebacks,
// reproductions). Text must end in a newline and its first line must not
// start with a space.
func (w yamlWriter) literal(indent int, key, text string) {
	w.line(indent, key+": |")
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if l == "" {
			w.b.WriteByte('\n')
			continue
		}
		w.line(indent+2, l)
	}
}

// folded writes a ">" block scalar wrapped at spaces near 76 columns;
// folding restores the single spaces, so the value reads back unchanged.
func (w yamlWriter) folded(indent int, key, text string) {
	w.line(indent, key+": >")
	for _, l := range wrap(text, 76-indent-2) {
		w.line(indent+2, l)
	}
}

// flowList writes "key: [a, b]".
func (w yamlWriter) flowList(indent int, key string, items []string) {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = quote(s, true)
	}
	w.line(indent, key+": ["+strings.Join(q, ", ")+"]")
}

// blockList writes "key:" and one "- item" per line.
func (w yamlWriter) blockList(indent int, key string, items []string) {
	w.line(indent, key+":")
	for _, s := range items {
		w.line(indent+2, "- "+quote(s, false))
	}
}

// wrap splits text at single spaces into lines of at most width columns
// where it can, counting wide (CJK) characters as two columns. Runs of
// spaces are never split, so folding gives back the text exactly.
func wrap(text string, width int) []string {
	var lines []string
	for {
		col, cut := 0, -1
		for i, c := range text {
			if col > width && cut >= 0 {
				break
			}
			if c == ' ' && i > 0 && text[i-1] != ' ' && i+1 < len(text) && text[i+1] != ' ' {
				cut = i
			}
			col++
			if c >= 0x1100 {
				col++
			}
		}
		if col <= width || cut < 0 {
			return append(lines, text)
		}
		lines = append(lines, text[:cut])
		text = text[cut+1:]
	}
}

// quote returns s as a plain scalar when YAML reads it back as the same
// string, else as a double-quoted one. In flow context (inside [ ] or
// { }) the flow indicators also force quotes.
func quote(s string, flow bool) string {
	if plain(s, flow) {
		return s
	}
	return strconv.Quote(s)
}

func plain(s string, flow bool) bool {
	if s == "" || s != strings.TrimSpace(s) {
		return false
	}
	if strings.ContainsAny(s[:1], "-?:,[]{}#&*!|>'\"%@`0123456789+.~") {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return false
	}
	if strings.ContainsAny(s, "\n\t\\\"") {
		return false
	}
	if flow && strings.ContainsAny(s, ",[]{}") {
		return false
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null":
		return false
	}
	return true
}
