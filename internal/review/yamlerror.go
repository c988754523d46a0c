package review

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yaml.v3's syntax errors say what its scanner met, not what the author
// did: "found character that cannot start any token" for a tab, "did not
// find expected key" many lines after a quote that was never closed. When
// the front matter does not parse, these two mistakes are looked for
// first, and reported where the author has to mend them.

// tabIndent returns the 1-based line and column of the first tab in the
// indentation of a line of yml up to the line after errLine (the line
// yaml.v3's error names), if there is one: a tab is never YAML
// indentation, and a block string's content lines are indented with
// spaces too.
func tabIndent(yml []byte, errLine int) (line, col int, ok bool) {
	for i, l := range bytes.Split(yml, []byte("\n")) {
		if i > errLine {
			break
		}
		indent := l[:len(l)-len(bytes.TrimLeft(l, " \t"))]
		if j := bytes.IndexByte(indent, '\t'); j >= 0 && len(indent) < len(l) {
			return i + 1, j + 1, true
		}
	}
	return 0, 0, false
}

// unclosedQuote returns the 1-based line and column of the quote that
// opens a value never closed on its line, when closing it there makes the
// YAML parse, or fail further down than errLine: the quote the author
// forgot to close. errLine is the line yaml.v3's error names (a parser's
// counts from 0, a scanner's from 1).
func unclosedQuote(yml []byte, errLine int) (line, col int, ok bool) {
	ls := strings.Split(string(yml), "\n")
	tried := 0
	for i, l := range ls {
		if i > errLine || tried == 20 {
			break
		}
		j, q := quotedValue(l)
		if j < 0 || closes(l[j+1:], q) {
			continue
		}
		tried++
		fixed := make([]string, len(ls))
		copy(fixed, ls)
		fixed[i] = strings.TrimRight(l, " \t") + string(q)
		var n yaml.Node
		err := yaml.Unmarshal([]byte(strings.Join(fixed, "\n")), &n)
		if err == nil {
			return i + 1, len([]rune(l[:j])) + 1, true
		}
		if m := yamlLineErr.FindStringSubmatch(err.Error()); m != nil && atoi(m[1]) > errLine {
			return i + 1, len([]rune(l[:j])) + 1, true
		}
	}
	return 0, 0, false
}

// quotedValue returns the byte index of the quote that opens the value of
// a line "key: 'value", "- \"value" or "key: [\"a\", ...", and the quote;
// -1 when the value is not quoted.
func quotedValue(l string) (int, byte) {
	j := valueAt(l)
	if j == len(l) || l[j] != '"' && l[j] != '\'' {
		return -1, 0
	}
	return j, l[j]
}

// valueAt returns the byte index in l, a line of YAML, where the value of
// "key: value", "- value" or "- key: value" begins (len(l) when there is
// none); the line's first character but for spaces otherwise.
func valueAt(l string) int {
	rest := strings.TrimLeft(l, " ")
	for strings.HasPrefix(rest, "- ") {
		rest = strings.TrimLeft(rest[2:], " ")
	}
	if k := strings.Index(rest, ": "); k >= 0 && !strings.HasPrefix(rest, "\"") && !strings.HasPrefix(rest, "'") {
		rest = strings.TrimLeft(rest[k+2:], " ")
	}
	return len(l) - len(rest)
}

// keyRE is a line "key:" or "- key:", and what follows the colon.
var keyRE = regexp.MustCompile(`^\s*(?:- +)*([A-Za-z_][A-Za-z0-9_]*):(.*)$`)

// lineHint returns the column and message of a YAML error whose cause
// line l shows: a value that begins with a character YAML reserves (@, `,
// %), a second ': ' in a plain value, a colon with no space after it. The
// message never quotes the value, which may be a secret.
func lineHint(l, problem string) (col int, msg string, ok bool) {
	m := keyRE.FindStringSubmatch(l)
	switch {
	case problem == "found character that cannot start any token":
		j := valueAt(l)
		if j < len(l) && strings.IndexByte("@`%", l[j]) >= 0 {
			return utf8.RuneCountInString(l[:j]) + 1, fmt.Sprintf(
				"a YAML value cannot begin with %c: put the value in quotes (\"%c…\")", l[j], l[j]), true
		}
	case problem == "mapping values are not allowed in this context" && m != nil:
		j := valueAt(l)
		if k := strings.Index(l[j:], ": "); k >= 0 || strings.HasSuffix(l[j:], ":") {
			if k < 0 {
				k = len(l[j:]) - 1
			}
			return utf8.RuneCountInString(l[:j+k]) + 1, fmt.Sprintf(
				"a ': ' inside the value of %s, which YAML reads as another field: put the value in quotes (%s: \"…\")", m[1], m[1]), true
		}
	case problem == "could not find expected ':'" && m != nil && m[2] != "" && m[2][0] != ' ' && m[2][0] != '\t':
		j := strings.Index(l, m[1]+":") + len(m[1]) + 1
		return utf8.RuneCountInString(l[:j]) + 1, fmt.Sprintf(
			"no space after the colon of %s: write '%s: value', with a space", m[1], m[1]), true
	}
	return 0, "", false
}

// closes reports whether s, the text after an opening quote q, holds the
// closing quote: for ", one not escaped by a backslash; for ', one not
// doubled.
func closes(s string, q byte) bool {
	for i := 0; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case s[i] == q:
			return true
		}
	}
	return false
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// unknownAnchorErr is yaml.v3's error for an alias with no anchor, which
// has no line.
var unknownAnchorErr = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)

// aliasAt returns the 1-based line and column of the first alias *name in
// yml, or 1, 1.
func aliasAt(yml []byte, name string) (line, col int) {
	re := regexp.MustCompile(`(^|[\s\[{,:-])\*` + regexp.QuoteMeta(name) + `($|[\s\]},])`)
	for i, l := range strings.Split(string(yml), "\n") {
		if loc := re.FindStringSubmatchIndex(l); loc != nil {
			return i + 1, utf8.RuneCountInString(l[:loc[3]]) + 1
		}
	}
	return 1, 1
}

// controlChar returns the 1-based line and column of the first character
// of yml that YAML does not allow (a C0 or C1 control other than tab,
// line feed, carriage return and next line; DEL; U+FFFE and U+FFFF),
// and the character.
func controlChar(yml []byte) (line, col int, r rune, ok bool) {
	for i, c := range string(yml) {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7f && c <= 0x9f && c != 0x85 || c == 0xFFFE || c == 0xFFFF {
			line, col := position(yml, i)
			return line, col, c, true
		}
	}
	return 0, 0, 0, false
}

// yamlErrLine returns the line a yaml.v3 syntax error names (a parser's
// counts from 0, a scanner's from 1) and its problem; named is false for
// an error that names no line, which yaml.v3 leaves out for the first
// line, taken as 1. ok is false for an error that is not one of syntax.
func yamlErrLine(err error) (line int, problem string, named, ok bool) {
	if m := yamlLineErr.FindStringSubmatch(err.Error()); m != nil {
		return atoi(m[1]), m[2], true, true
	}
	if p, found := strings.CutPrefix(err.Error(), "yaml: "); found && !strings.Contains(p, "\n") {
		return 1, p, false, true
	}
	return 0, "", false, false
}

// syntaxMistake returns the finding for a YAML error due to a tab in the
// indentation or to a quote never closed, at the tab or the quote.
func (d *doc) syntaxMistake(yml []byte, err error) (Finding, bool) {
	if m := unknownAnchorErr.FindStringSubmatch(err.Error()); m != nil {
		line, col := aliasAt(yml, m[1])
		return Finding{Line: d.lineOff + line, Col: col, Severity: Error, Err: err,
			Message: fmt.Sprintf("the alias *%s names no anchor: define it first with &%s, or quote the value if the * is text", m[1], m[1])}, true
	}
	errLine, problem, _, ok := yamlErrLine(err)
	if !ok {
		return Finding{}, false
	}
	if problem == "control characters are not allowed" {
		if line, col, r, ok := controlChar(yml); ok {
			return Finding{Line: d.lineOff + line, Col: col, Severity: Error, Err: err, Message: fmt.Sprintf(
				"a control character (U+%04X) that YAML does not allow: remove it (was it pasted from a terminal?)", r)}, true
		}
	}
	m := []string{"", "", problem}
	if strings.Contains(m[2], "tab") || strings.Contains(m[2], "cannot start any token") {
		if line, col, ok := tabIndent(yml, errLine); ok {
			return Finding{Line: d.lineOff + line, Col: col, Severity: Error, Err: err,
				Message: "a tab in the indentation: tabs are not allowed for indentation in YAML; indent with spaces"}, true
		}
	}
	if lines := strings.Split(string(yml), "\n"); errLine >= 1 && errLine <= len(lines) {
		if col, msg, ok := lineHint(lines[errLine-1], m[2]); ok {
			return Finding{Line: d.lineOff + errLine, Col: col, Severity: Error, Err: err, Message: msg}, true
		}
		// "title:Order" is a plain value, not a field, and the field
		// below it is what yaml.v3 cannot place.
		if m[2] == "mapping values are not allowed in this context" && errLine >= 2 {
			if col, msg, ok := lineHint(lines[errLine-2], "could not find expected ':'"); ok {
				return Finding{Line: d.lineOff + errLine - 1, Col: col, Severity: Error, Err: err, Message: msg}, true
			}
		}
	}
	if line, col, ok := unclosedQuote(yml, errLine); ok {
		return Finding{Line: d.lineOff + line, Col: col, Severity: Error, Err: err,
			Message: "the quoted value opened here is never closed: add the closing quote at the end of the value"}, true
	}
	return Finding{}, false
}
