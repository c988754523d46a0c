package analysis

import (
	"strings"
	"unicode/utf8"
)

// A part is one part of a word (step 5 of the package doc), with the span of
// the segment it belongs to.
type part struct {
	start, end       int
	segStart, segEnd int
}

// A cluster is a character that is not a mark with the marks that follow it.
type cluster struct {
	start, end int
	kind       kind
}

// word emits the tokens of the word that begins at start and returns the
// offset after it.
func (s *scanner) word(start int) int {
	end := s.wordEnd(start)
	s.parts = s.parts[:0]
	for i := start; i < end; {
		if isJoiner(rune(s.text[i])) {
			i++
			continue
		}
		segEnd := i
		for segEnd < end && !isJoiner(rune(s.text[segEnd])) {
			segEnd++
		}
		s.splitSegment(i, segEnd)
		i = segEnd
	}
	s.emitWord(start, end)
	return end
}

// wordEnd returns the end of the word that begins at start (step 3): word
// characters, and runs of joiners that are followed by a character that can
// start a word.
func (s *scanner) wordEnd(start int) int {
	end := start
	for i := start; i < len(s.text); {
		r, size := utf8.DecodeRuneInString(s.text[i:])
		switch classOf(r) {
		case classStart, classMark:
			i += size
			end = i
			continue
		case classJoiner:
			j := i + 1
			for j < len(s.text) && isJoiner(rune(s.text[j])) { // joiners are ASCII
				j++
			}
			if r, _ := utf8.DecodeRuneInString(s.text[j:]); classOf(r) == classStart { // RuneError at the end
				i = j
				continue
			}
		}
		break
	}
	return end
}

// splitSegment appends the parts of the segment text[start:end] to s.parts
// (step 5).
func (s *scanner) splitSegment(start, end int) {
	s.clusters = s.clusters[:0]
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(s.text[i:])
		if classOf(r) == classMark { // never first: a segment starts with a classStart
			s.clusters[len(s.clusters)-1].end = i + size
		} else {
			s.clusters = append(s.clusters, cluster{i, i + size, kindOf(r)})
		}
		i += size
	}
	partStart := -1
	cs := s.clusters
	for i, c := range cs {
		switch {
		case c.kind == kindUnder:
			if partStart >= 0 {
				s.appendPart(partStart, cs[i-1].end, start, end)
				partStart = -1
			}
		case partStart < 0:
			partStart = c.start
		case isBoundary(cs, i):
			s.appendPart(partStart, c.start, start, end)
			partStart = c.start
		}
	}
	if partStart >= 0 {
		s.appendPart(partStart, cs[len(cs)-1].end, start, end)
	}
}

func (s *scanner) appendPart(start, end, segStart, segEnd int) {
	s.parts = append(s.parts, part{start, end, segStart, segEnd})
}

// isBoundary reports whether a part ends before cs[i], given that cs[i-1]
// and cs[i] are not underscores.
func isBoundary(cs []cluster, i int) bool {
	a, b := cs[i-1].kind, cs[i].kind
	switch {
	case (a == kindDigit) != (b == kindDigit): // p|50, 5|xx
		return true
	case a == kindLower && b == kindUpper: // connect|Timeout
		return true
	case a == kindUpper && b == kindUpper: // HTTP|Error
		return i+1 < len(cs) && cs[i+1].kind == kindLower
	}
	return false
}

// emitWord emits the word text[start:end], its segments and its parts
// (steps 6 and 7), from s.parts.
func (s *scanner) emitWord(start, end int) {
	if len(s.parts) == 0 { // only underscores
		return
	}
	var last struct {
		term string
		pos  int
	}
	candidate := func(start, end, pos int) {
		term := strings.ToLower(s.text[start:end])
		if term == last.term && pos == last.pos {
			return
		}
		last.term, last.pos = term, pos
		s.emitTerm(term, start, end, pos)
	}
	candidate(start, end, s.pos)
	for i, p := range s.parts {
		if i == 0 || p.segStart != s.parts[i-1].segStart {
			candidate(p.segStart, p.segEnd, s.pos+i)
		}
		candidate(p.start, p.end, s.pos+i)
	}
	s.pos += len(s.parts)
}
