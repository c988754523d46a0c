package review

import (
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/fupan/fupan/internal/linebreak"
)

// YAML folds the lines of a folded (summary: >) or plain multi-line string
// with a space, which in Chinese is a stray one: "失败。" and "38" on two
// lines become "失败。 38". refold takes out the spaces YAML put at line
// breaks where package linebreak says a break is nothing, so that every
// reader (the site, search, the terminal) sees the string as the author
// meant it.

// refold returns the value of the scalar n, whose source lines are lines
// (the front matter's), with the line rule applied to its folded breaks.
func refold(n *yaml.Node, lines []string) string {
	v := n.Value
	if n.Style&yaml.LiteralStyle != 0 || !strings.Contains(v, " ") || n.Line < 1 || n.Line > len(lines) || !hasWide(v) {
		return v
	}
	var raw []string
	switch {
	case n.Style&yaml.FoldedStyle != 0:
		raw = blockLines(lines[n.Line:])
	case n.Style == 0 || n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		first := lines[n.Line-1]
		if i := runeOffset(first, n.Column-1); i < len(first) {
			raw = append(raw, strings.TrimSpace(first[i:]))
		}
		for _, l := range lines[n.Line:] {
			raw = append(raw, strings.TrimSpace(l))
		}
		if q := n.Style & (yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle); q != 0 && len(raw) > 0 {
			// The quotes are not in the value: trim the opening one,
			// and a closing one at a line's end.
			quote := map[yaml.Style]string{yaml.DoubleQuotedStyle: `"`, yaml.SingleQuotedStyle: "'"}[q]
			raw[0] = strings.TrimPrefix(raw[0], quote)
			for i := range raw {
				raw[i] = strings.TrimSuffix(raw[i], quote)
			}
		}
	default:
		return v
	}
	var drop []int // byte offsets in v of spaces to take out
	cursor := 0
	for i := 0; i+1 < len(raw); i++ {
		l, next := raw[i], raw[i+1]
		if l == "" || next == "" {
			break // a paragraph break, or the end of the string
		}
		j := strings.Index(v[cursor:], l)
		if j < 0 {
			break
		}
		end := cursor + j + len(l)
		if end >= len(v) || v[end] != ' ' || !strings.HasPrefix(v[end+1:], next) {
			break
		}
		before, _ := utf8.DecodeLastRuneInString(l)
		after, _ := utf8.DecodeRuneInString(next)
		if linebreak.Removed(before, after) {
			drop = append(drop, end)
		}
		cursor = end + 1
	}
	if len(drop) == 0 {
		return v
	}
	var b strings.Builder
	prev := 0
	for _, at := range drop {
		b.WriteString(v[prev:at])
		prev = at + 1
	}
	b.WriteString(v[prev:])
	return b.String()
}

// blockLines returns the content lines of a block string, from the line
// after its indicator, without their indentation; more-indented lines and
// what follows them are left out (YAML keeps their breaks).
func blockLines(lines []string) []string {
	indent := -1
	var out []string
	for _, l := range lines {
		t := strings.TrimLeft(l, " ")
		if t == "" {
			out = append(out, "")
			continue
		}
		n := len(l) - len(t)
		if indent < 0 {
			indent = n
		}
		if n != indent {
			break
		}
		out = append(out, strings.TrimRight(t, " "))
	}
	return out
}

// runeOffset is the byte offset of the col-th character (0-based) of s.
func runeOffset(s string, col int) int {
	for i := range s {
		if col == 0 {
			return i
		}
		col--
	}
	return len(s)
}

// hasWide reports whether s holds a character for which a line break may
// be nothing: anything outside ASCII.
func hasWide(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}
