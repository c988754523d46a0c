package site

import (
	"bytes"
	"html/template"
	"strings"
)

// The table of contents of a review page is made from the page itself,
// once rendered: every <h2 id> of the article, in order, the narrative's
// own headings nested under it. So whatever section the template shows,
// or a partial adds, is in it, and nothing the page lacks.

// tocSlot is the empty table of contents review.html leaves for addTOC.
const tocSlot = `<nav class="toc" data-toc></nav>`

// h2Pattern is a heading of the page: its id, and its text less the
// anchor link.
const h2Pattern = `<h2 id="([^"]+)"[^>]*>(.*?)(?:<a href="#[^"]*" class="anchor">.*?</a>)?</h2>`

var h2Open = []byte(`<h2 id="`) // how every heading starts

// headings returns the submatch indexes of every heading of b (h2Pattern),
// as regexp's FindAllSubmatchIndex would, found by trying the pattern only
// where a heading opens rather than at every byte of the page.
func headings(b []byte) [][]int {
	var out [][]int
	for off := 0; ; {
		i := bytes.Index(b[off:], h2Open)
		if i < 0 {
			return out
		}
		at := off + i
		m := headingAt(b[at:])
		if m == nil {
			off = at + 1
			continue
		}
		for k, v := range m {
			if v >= 0 {
				m[k] = v + at
			}
		}
		out = append(out, m)
		off = m[1]
	}
}

// addTOC returns the rendered review page with its table of contents
// filled; a new slice, never page itself.
func addTOC(page []byte, label string) []byte {
	at := bytes.Index(page, []byte(tocSlot))
	if at < 0 {
		return bytes.Clone(page)
	}
	rest := page[at+len(tocSlot):]
	body := bytes.Index(rest, []byte(`id="f-body"`))
	bodyEnd := -1
	if body >= 0 {
		bodyEnd = body + bytes.Index(rest[body:], []byte("</section>"))
	}
	var b strings.Builder
	b.WriteString(`<nav class="toc" aria-labelledby="toc-title"><p id="toc-title" class="toc-title">` + template.HTMLEscapeString(label) + `</p><ol>`)
	open := false // a nested list of the narrative's headings is open
	n := 0
	for _, m := range headings(rest) {
		id, title := string(rest[m[2]:m[3]]), strings.TrimSpace(stripTags(rest[m[4]:m[5]]))
		if title == "" {
			continue
		}
		inBody := body >= 0 && m[0] > body && m[0] < bodyEnd
		switch {
		case inBody && !open:
			b.WriteString("<ol>")
			open = true
		case !inBody && open:
			b.WriteString("</li></ol></li>")
			open = false
		case n > 0:
			b.WriteString("</li>")
		}
		b.WriteString(`<li><a href="#` + id + `">` + title + `</a>`)
		n++
	}
	switch {
	case open:
		b.WriteString("</li></ol></li>")
	case n > 0:
		b.WriteString("</li>")
	}
	b.WriteString("</ol></nav>")
	toc := b.String()
	if n < 2 {
		toc = "" // nothing to find one's way in
	}
	out := make([]byte, 0, len(page)-len(tocSlot)+len(toc))
	out = append(out, page[:at]...)
	out = append(out, toc...)
	return append(out, rest...)
}
