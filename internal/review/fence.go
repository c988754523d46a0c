package review

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Markdown code fences where they break a review: a block in the body
// that is never closed (the rest of the review would show as code), and
// a fence pasted into a field that is shown as code already. Both are
// warnings: CommonMark reads either, and a review that passed the check
// with one still does.

// codeFields are the fields the site shows as code blocks: their text is
// the traceback or the commands, never Markdown.
var codeFields = []string{"traceback", "reproduction"}

// checkFences returns the findings on the code fences of a decoded review
// file: src is the file as cleaned (cleanSource).
func checkFences(r *Review, d *doc, src []byte) []Finding {
	var out []Finding
	if f, ok := unclosedFence(src, r.BodyLine); ok {
		out = append(out, f)
	}
	for _, field := range codeFields {
		loc, ok := d.at["/"+field]
		if !ok || loc.value.Kind != yaml.ScalarNode {
			continue
		}
		for i, line := range strings.Split(loc.value.Value, "\n") {
			var fence codeFence
			if !fence.step([]byte(line)) {
				continue
			}
			f := d.find(Warning, "/"+field, false,
				"%s holds a Markdown code fence (%s): the field is shown as code already; remove the fence lines and keep the text between them",
				field, strings.TrimSpace(line)[:fence.n])
			f.Line, f.Col = valueLine(d, loc.value, i, fence.char)
			out = append(out, f)
			break
		}
	}
	return out
}

// unclosedFence returns the finding on a fenced code block of the body,
// which starts on file line bodyLine of src, that no line closes.
func unclosedFence(src []byte, bodyLine int) (Finding, bool) {
	var fence codeFence
	openLine, openCol := 0, 0
	off := lineStart(src, bodyLine)
	if off < 0 {
		return Finding{}, false
	}
	line := bodyLine
	for _, text := range srcLines(src, off) {
		if fence.step(text) && fence.open() {
			openLine, openCol = line, len(text)-len(bytes.TrimLeft(text, " "))+1
		}
		line++
	}
	if !fence.open() {
		return Finding{}, false
	}
	mark := strings.Repeat(string(fence.char), fence.n)
	return Finding{Line: openLine, Col: openCol, Severity: Warning, Field: "body", Message: "the code block opened here with " + mark +
		" is never closed, so the rest of the review shows as code: add a line " + mark + " after its last line"}, true
}

// valueLine returns the file line of line i of the string value n, and the
// column of the first c on it (else of its first character): exact for a
// block string (| or >), the value's own position otherwise.
func valueLine(d *doc, n *yaml.Node, i int, c byte) (line, col int) {
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		return d.lineOff + n.Line, n.Column
	}
	ymlLine := n.Line + 1 + i
	off := lineStart(d.yml, ymlLine)
	if off < 0 || off >= len(d.yml) {
		return d.lineOff + n.Line, n.Column
	}
	text := d.yml[off:]
	if end := bytes.IndexByte(text, '\n'); end >= 0 {
		text = text[:end]
	}
	j := -1
	if c != 0 {
		j = bytes.IndexByte(text, c)
	}
	if j < 0 {
		j = len(text) - len(bytes.TrimLeft(text, " "))
	}
	return d.lineOff + ymlLine, 1 + utf8.RuneCount(text[:j])
}
