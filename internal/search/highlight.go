package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// Snippet sizes, in bytes.
const (
	maxFragments = 3   // fragments per hit
	fragmentSize = 160 // about, before snapping to characters and spaces
	fragmentLead = 40  // text kept before the first match
)

// fragments cuts a fragment around the matches of each field of the hit,
// fields with a higher boost first, at most maxFragments.
func fragments(d *bsearch.DocumentMatch) []Fragment {
	var out []Fragment
	for _, f := range Fields {
		terms := d.Locations[f.Name]
		text := stringField(d.Fields, f.Name)
		if len(terms) == 0 || text == "" {
			continue
		}
		var spans [][2]int
		for _, locs := range terms {
			for _, l := range locs {
				if int(l.End) <= len(text) && l.Start < l.End {
					spans = append(spans, [2]int{int(l.Start), int(l.End)})
				}
			}
		}
		if len(spans) == 0 {
			continue
		}
		out = append(out, fragment(f.Name, text, merge(spans)))
		if len(out) == maxFragments {
			break
		}
	}
	return out
}

// merge sorts spans and merges those that overlap or touch.
func merge(spans [][2]int) [][2]int {
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	out := spans[:1]
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s[0] <= last[1] {
			last[1] = max(last[1], s[1])
			continue
		}
		out = append(out, s)
	}
	return out
}

// fragment cuts the window of text that begins a little before the first
// span and holds as many spans as fit, with runs of white space (newlines
// included) folded into one space, and the spans moved to match.
func fragment(field, text string, spans [][2]int) Fragment {
	start := max(0, spans[0][0]-fragmentLead)
	if len(text) <= fragmentSize || spans[0][1] <= fragmentSize {
		start = 0
	} else if i := strings.IndexAny(text[start:spans[0][0]], " \n\t"); i >= 0 {
		start += i + 1 // begin after a space rather than inside a word
	}
	for start > 0 && !utf8.RuneStart(text[start]) {
		start--
	}
	end := min(len(text), start+fragmentSize)
	end = max(end, min(len(text), spans[0][1]))
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}

	var b strings.Builder
	var hl [][2]int
	space := false
	si := 0 // next span
	open := -1
	if start > 0 {
		b.WriteString("…")
	}
	for i, r := range text[start:end] {
		i += start
		for si < len(spans) && spans[si][1] <= i && open < 0 {
			si++
		}
		if si < len(spans) && open >= 0 && i == spans[si][1] {
			hl = append(hl, [2]int{open, b.Len()})
			open = -1
			si++
		}
		if unicode.IsSpace(r) {
			if !space && b.Len() > 0 && open < 0 {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		if si < len(spans) && open < 0 && i == spans[si][0] {
			open = b.Len()
		}
		b.WriteRune(r)
	}
	if open >= 0 {
		hl = append(hl, [2]int{open, b.Len()})
	}
	if end < len(text) {
		b.WriteString("…")
	}
	text = b.String()
	return Fragment{Field: field, Text: text, Highlights: hl, UTF16: inUnits(text, hl, true), CodePoints: inUnits(text, hl, false)}
}

// inUnits converts byte spans of text into UTF-16 code units (utf16) or
// code points.
func inUnits(text string, spans [][2]int, utf16 bool) [][2]int {
	out := make([][2]int, len(spans))
	at, n := 0, 0 // a byte offset and the units before it
	to := func(off int) int {
		for at < off && at < len(text) {
			r, size := utf8.DecodeRuneInString(text[at:])
			at += size
			n++
			if utf16 && r >= 0x10000 {
				n++
			}
		}
		return n
	}
	for i, s := range spans {
		out[i] = [2]int{to(s[0]), to(s[1])}
	}
	return out
}
