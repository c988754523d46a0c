package review

import "bytes"

// A triggerSet finds, in one pass over a text, where any of a set of
// literal triggers occurs: a table of the first two bytes of every
// trigger (in every case, for those that fold case) says where one may
// start, and only there are they compared. A text with no trigger costs
// one table lookup per byte. The secret scan and the blameless lints use
// it to run their regular expressions only on the lines worth it.
type triggerSet struct {
	first  [1 << 16]uint8 // by the first two bytes: 1 + the index in groups, or 0
	groups [][]trigger
}

// A trigger is literal text, of at least two bytes, and what it is for.
type trigger struct {
	text []byte
	id   int  // the caller's
	fold bool // any case of the ASCII letters matches
}

func newTriggerSet(ts []trigger) *triggerSet {
	s := &triggerSet{}
	for _, t := range ts {
		for _, pair := range casePairs(t.text[0], t.text[1], t.fold) {
			if s.first[pair] == 0 {
				s.groups = append(s.groups, nil)
				if len(s.groups) > 255 {
					panic("review: too many trigger prefixes") // a build defect, caught by every test
				}
				s.first[pair] = uint8(len(s.groups))
			}
			g := s.first[pair] - 1
			s.groups[g] = append(s.groups[g], t)
		}
	}
	return s
}

// find calls fn for every trigger at every offset i of src where it
// occurs, with the offset of the start of i's line.
func (s *triggerSet) find(src []byte, fn func(t *trigger, i, line int)) {
	line := 0
	for i := 0; i+1 < len(src); i++ {
		c := src[i]
		if c == '\n' {
			line = i + 1
			continue
		}
		g := s.first[uint16(c)<<8|uint16(src[i+1])]
		if g == 0 {
			continue
		}
		for k := range s.groups[g-1] {
			t := &s.groups[g-1][k]
			if len(src)-i < len(t.text) {
				continue
			}
			if at := src[i : i+len(t.text)]; bytes.Equal(at, t.text) || t.fold && bytes.EqualFold(at, t.text) {
				fn(t, i, line)
			}
		}
	}
}

// casePairs returns the two-byte prefixes a trigger may start with.
func casePairs(a, b byte, fold bool) []uint16 {
	as, bs := []byte{a}, []byte{b}
	if fold {
		as, bs = caseVariants(a), caseVariants(b)
	}
	var out []uint16
	for _, x := range as {
		for _, y := range bs {
			out = append(out, uint16(x)<<8|uint16(y))
		}
	}
	return out
}

func caseVariants(c byte) []byte {
	switch {
	case 'a' <= c && c <= 'z':
		return []byte{c, c - 'a' + 'A'}
	case 'A' <= c && c <= 'Z':
		return []byte{c, c - 'A' + 'a'}
	}
	return []byte{c}
}
