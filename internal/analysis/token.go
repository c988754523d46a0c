package analysis

import (
	"strings"
	"unicode/utf8"
)

// MaxTermBytes is the longest term, in UTF-8 bytes, that is emitted; a
// longer token is dropped but keeps its position (step 7 of the package doc).
const MaxTermBytes = 64

// A Token is one term found in a text.
type Token struct {
	Term     string `json:"term"`     // lower-cased
	Start    int    `json:"start"`    // byte offset of its first byte in the text
	End      int    `json:"end"`      // byte offset just after its last byte
	Position int    `json:"position"` // 1-based; see the package doc
}

// Tokens returns the tokens of text, in the order of the package doc. It is
// the reference implementation that the JavaScript port must match.
func Tokens(text string) []Token {
	s := scanner{text: text, pos: 1}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch classOf(r) {
		case classCJK:
			i = s.cjkRun(i)
		case classStart:
			i = s.word(i)
		default:
			i += size
		}
	}
	return s.tokens
}

// A scanner holds the state of one call of Tokens.
type scanner struct {
	text   string
	pos    int // the position of the next token
	tokens []Token

	// buffers reused from word to word
	parts    []part
	clusters []cluster
}

// emit appends a token for text[start:end] at position pos, unless its term
// is too long.
func (s *scanner) emit(start, end, pos int) {
	s.emitTerm(strings.ToLower(s.text[start:end]), start, end, pos)
}

// emitTerm appends a token with the given term, unless it is too long.
func (s *scanner) emitTerm(term string, start, end, pos int) {
	if len(term) > MaxTermBytes {
		return
	}
	s.tokens = append(s.tokens, Token{Term: term, Start: start, End: end, Position: pos})
}

// cjkRun emits the bigrams of the run of CJK characters that begins at
// start, or its single character, and returns the offset after the run.
func (s *scanner) cjkRun(start int) int {
	_, size := utf8.DecodeRuneInString(s.text[start:])
	prev, i := start, start+size // prev: where the character before i starts
	for i < len(s.text) {
		r, size := utf8.DecodeRuneInString(s.text[i:])
		if classOf(r) != classCJK {
			break
		}
		s.emit(prev, i+size, s.pos)
		s.pos++
		prev, i = i, i+size
	}
	if prev == start { // a run of one character
		s.emit(start, i, s.pos)
		s.pos++
	}
	return i
}
