package site

import "bytes"

// headingAt matches h2Pattern at the start of b, which opens with h2Open,
// and returns its submatch indexes as regexp's FindSubmatchIndex would, or
// nil; without regexp's machine, several times slower on a review page.
//
// The pattern reads: the id up to the first quote; anything up to the
// first '>'; then the title, the fewest bytes (no newline) followed either
// by an anchor link and </h2>, or by </h2>, the anchor link tried first.
// The anchor link is `<a href="#`, anything up to the first quote,
// `" class="anchor">`, and the fewest bytes (no newline) before `</a>`.
func headingAt(b []byte) []int {
	id := len(h2Open)
	q := bytes.IndexByte(b[id:], '"')
	if q <= 0 {
		return nil
	}
	gt := bytes.IndexByte(b[id+q+1:], '>')
	if gt < 0 {
		return nil
	}
	start := id + q + 1 + gt + 1
	f := finder{b: b, quoteFrom: -1, nlFrom: -1, closeFrom: -1}
	nl := f.next('\n', start)
	for p := start; p <= nl && p <= len(b); p++ {
		if end := f.anchorAt(p); end >= 0 {
			return []int{0, end, id, id + q, start, p}
		}
		if bytes.HasPrefix(b[p:], h2Close) {
			return []int{0, p + len(h2Close), id, id + q, start, p}
		}
	}
	return nil
}

var (
	h2Close     = []byte("</h2>")
	anchorOpen  = []byte(`<a href="#`)
	anchorClass = []byte(`" class="anchor">`)
	anchorClose = []byte("</a></h2>")
)

// finder finds in b the first of a byte or of anchorClose at or after an
// offset, remembering the last found: the offsets a heading asks about
// only grow, so a heading is matched in time linear in its length.
type finder struct {
	b                []byte
	quote, quoteFrom int // the last '"' found, and where from (-1: none yet)
	nl, nlFrom       int // the same of '\n'
	close, closeFrom int // the same of anchorClose
}

// next returns the offset of the first c (a quote or a newline) at or
// after from, or len(b).
func (f *finder) next(c byte, from int) int {
	at, was := &f.quote, &f.quoteFrom
	if c == '\n' {
		at, was = &f.nl, &f.nlFrom
	}
	if *was < 0 || from < *was || from > *at {
		*was, *at = from, len(f.b)
		if i := bytes.IndexByte(f.b[min(from, len(f.b)):], c); i >= 0 {
			*at = from + i
		}
	}
	return *at
}

// nextClose returns the offset of the first anchorClose at or after from,
// or len(b).
func (f *finder) nextClose(from int) int {
	if f.closeFrom < 0 || from < f.closeFrom || from > f.close {
		f.closeFrom, f.close = from, len(f.b)
		if i := bytes.Index(f.b[min(from, len(f.b)):], anchorClose); i >= 0 {
			f.close = from + i
		}
	}
	return f.close
}

// anchorAt returns the end of `<a …>…</a></h2>` at p, or -1.
func (f *finder) anchorAt(p int) int {
	b := f.b
	if !bytes.HasPrefix(b[p:], anchorOpen) {
		return -1
	}
	q := f.next('"', p+len(anchorOpen))
	if !bytes.HasPrefix(b[q:], anchorClass) {
		return -1
	}
	text := q + len(anchorClass)
	c := f.nextClose(text)
	if c == len(b) || f.next('\n', text) < c {
		return -1
	}
	return c + len(anchorClose)
}

// stripTags removes from s every tag, '<' to the next '>'.
func stripTags(s []byte) string {
	var out []byte
	for {
		i := bytes.IndexByte(s, '<')
		if i < 0 {
			break
		}
		j := bytes.IndexByte(s[i:], '>')
		if j < 0 {
			break
		}
		out = append(out, s[:i]...)
		s = s[i+j+1:]
	}
	return string(append(out, s...))
}
