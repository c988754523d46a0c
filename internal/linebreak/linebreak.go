// Package linebreak decides what a line break inside a paragraph becomes
// when the paragraph is shown: the segment break transformation of CSS
// Text (https://www.w3.org/TR/css-text-3/#line-break-transform), which
// browsers do not all apply. English words on two lines are two words,
// so the break is a space; Chinese characters on two lines are one run of
// text, so the break is nothing.
//
// The site's Markdown (soft line breaks in a paragraph, whatever inline
// element follows) and the review's folded YAML strings (summary: >) both
// join their lines by this one rule.
package linebreak

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Removed reports whether a line break between the characters before and
// after it is removed, rather than shown as a space:
//
//   - next to a zero-width space (U+200B);
//   - between two East Asian wide, fullwidth or halfwidth characters
//     (CJK ideographs, kana, fullwidth punctuation), unless one is Hangul,
//     which Korean separates by spaces;
//   - next to East Asian punctuation or the ideographic space (U+3000):
//     "失败。" then "38" joins as "失败。38".
//
// Otherwise it is a space. A zero rune (no character: the start or end of
// the text) keeps the space.
func Removed(before, after rune) bool {
	if before == 0 || after == 0 {
		return false
	}
	if before == '\u200B' || after == '\u200B' {
		return true
	}
	if wide(before) && wide(after) {
		return !unicode.Is(unicode.Hangul, before) && !unicode.Is(unicode.Hangul, after)
	}
	return widePunct(before) || widePunct(after)
}

// wide reports whether r is East Asian wide, fullwidth or halfwidth (not
// ambiguous).
func wide(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianHalfwidth:
		return true
	}
	return false
}

func widePunct(r rune) bool {
	return r == '\u3000' || wide(r) && unicode.IsPunct(r)
}

// Join joins lines as a folded paragraph: each line break is a space, or
// nothing where Removed says so. Lines are taken as given (trimmed by
// the caller).
func Join(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			prev := lines[i-1]
			before, _ := utf8.DecodeLastRuneInString(prev)
			after, _ := utf8.DecodeRuneInString(l)
			if prev != "" && l != "" && !Removed(before, after) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}
