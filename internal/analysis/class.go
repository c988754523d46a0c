package analysis

import "unicode"

// A class is what a character is to the scanner (step 2 of the package doc).
type class uint8

const (
	classSep    class = iota // ends words and CJK runs
	classCJK                 // Han, Hiragana, Katakana, Hangul, ー, ｰ
	classStart               // letter, number or "_" outside the CJK scripts
	classMark                // combining mark (not a variation selector)
	classJoiner              // . - : / = @ # ? & % + ~
)

// classOf returns the class of r, before the context rule for marks (a mark
// continues a word but never starts one; the scanner applies that).
func classOf(r rune) class {
	if r < 0x80 {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == '_':
			return classStart
		case isJoiner(r):
			return classJoiner
		}
		return classSep
	}
	switch {
	case IsCJK(r):
		return classCJK
	case isVariationSelector(r):
		return classSep
	case unicode.IsLetter(r), unicode.IsNumber(r):
		return classStart
	case unicode.IsMark(r):
		return classMark
	}
	return classSep
}

func isJoiner(r rune) bool {
	switch r {
	case '.', '-', ':', '/', '=', '@', '#', '?', '&', '%', '+', '~':
		return true
	}
	return false
}

// IsCJK reports whether r is in the scripts that are indexed as bigrams
// (Script property, not Script_Extensions), or is one of the two prolonged
// sound marks, which Unicode puts in the Common script although they only
// occur inside Japanese words (サーバー).
func IsCJK(r rune) bool {
	if r < 0x1100 { // the first Hangul code point; no Han, kana below it
		return false
	}
	return r == 0x30FC || r == 0xFF70 ||
		unicode.Is(unicode.Han, r) ||
		unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Hangul, r)
}

// isVariationSelector reports whether r selects a glyph variant (the emoji
// presentation selector U+FE0F among them); it is a mark that carries no
// meaning for search, so it separates like punctuation.
func isVariationSelector(r rune) bool {
	return 0xFE00 <= r && r <= 0xFE0F || 0xE0100 <= r && r <= 0xE01EF
}

// A kind is what a character is to the splitting of a segment into parts
// (step 5 of the package doc).
type kind uint8

const (
	kindUnder kind = iota // "_"
	kindUpper             // Lu, Lt
	kindLower             // Ll
	kindDigit             // N
	kindOther             // Lm, Lo
)

// kindOf returns the kind of r, a character of classStart.
func kindOf(r rune) kind {
	switch {
	case r == '_':
		return kindUnder
	case 'a' <= r && r <= 'z':
		return kindLower
	case 'A' <= r && r <= 'Z':
		return kindUpper
	case '0' <= r && r <= '9':
		return kindDigit
	case r < 0x80:
		return kindOther // not reached: classStart ASCII is handled above
	case unicode.IsUpper(r), unicode.IsTitle(r):
		return kindUpper
	case unicode.IsLower(r):
		return kindLower
	case unicode.IsNumber(r):
		return kindDigit
	}
	return kindOther
}
