package terminal

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Escaped reports whether a terminal may act on r instead of showing it, or
// show it in a way that misleads about the text around it:
//
//   - the C0 controls U+0000–U+001F (ESC, BEL, CR, LF, BS, TAB …) and DEL;
//   - the C1 controls U+0080–U+009F (U+009B is CSI, U+009D OSC);
//   - the bidirectional formatting characters U+061C, U+200E, U+200F,
//     U+202A–U+202E and U+2066–U+2069, which reorder what follows;
//   - the line and paragraph separators U+2028 and U+2029.
//
// The other format characters (the zero-width joiner of emoji, the soft
// hyphen) only change how text is drawn, and are kept.
func Escaped(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x2028 && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// Text returns s with every character that [Escaped] names, and every
// byte that is not part of UTF-8, written as a Go escape: \n, \t, \x1b,
// \x7f, \u009b, \u202e, \xff. The rest is left as it is, backslashes too.
func Text(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return r == utf8.RuneError || Escaped(r) })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case Escaped(r):
			q := strconv.QuoteRune(r) // '\n', '\x1b', '\u202e'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Name returns a file name or path to print at the start of a line such as
// FILE:LINE:COL: MESSAGE. A name whose characters are all printable
// (strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the
// ASCII space), with no ':' and no leading '"', is returned as it is; any
// other is quoted by strconv.Quote, whose escapes name every byte, so
// "reviews/a\nreviews/b.md:1:1: error: x" stays one quoted name on one line.
func Name(s string) string {
	if strings.HasPrefix(s, `"`) || strings.ContainsRune(s, ':') {
		return strconv.Quote(s)
	}
	for i, r := range s {
		if !strconv.IsPrint(r) || (r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD")) {
			return strconv.Quote(s)
		}
	}
	return s
}

// JSON returns JSON from encoding/json with every character from U+007F
// that [Escaped] names written as \uXXXX: DEL, the C1 controls and the
// bidirectional formatting characters. (encoding/json escapes the C0
// controls in strings, and U+2028, U+2029; a C0 control outside a string is
// the encoder's own white space, and stays.) Such a character can only be
// inside a string, where the escape decodes to the same string, so the JSON
// means what it meant.
func JSON(b []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r >= 0x7f && r != utf8.RuneError && Escaped(r) {
			if out == nil {
				out = make([]byte, 0, len(b)+16)
			}
			out = append(out, b[last:i]...)
			out = append(out, `\u`...)
			out = append(out, hex2(byte(r>>8))...)
			out = append(out, hex2(byte(r))...)
			last = i + n
		}
		i += n
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// hex2 is a byte as two lower-case hex digits.
func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}
