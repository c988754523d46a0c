package site

import (
	"bytes"
	"html/template"
	"regexp"
	"strings"
)

// The table of contents of a review page is made from the page itself,
// once rendered: every <h2 id> of the article, in order, the narrative's
// own headings nested under it. So whatever section the template shows,
// or a partial adds, is in it, and nothing the page lacks.

// tocSlot is the empty table of contents review.html leaves for addTOC.
const tocSlot = `<nav class="toc" data-toc></nav>`

var (
	h2RE  = regexp.MustCompile(`<h2 id="([^"]+)"[^>]*>(.*?)(?:<a href="#[^"]*" class="anchor">.*?</a>)?</h2>`)
	tagRE = regexp.MustCompile(`<[^>]*>`)
)

// addTOC fills the table of contents of the rendered review page.
func addTOC(page []byte, label string) []byte {
	at := bytes.Index(page, []byte(tocSlot))
	if at < 0 {
		return page
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
	for _, m := range h2RE.FindAllSubmatchIndex(rest, -1) {
		id, title := string(rest[m[2]:m[3]]), strings.TrimSpace(tagRE.ReplaceAllString(string(rest[m[4]:m[5]]), ""))
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
	if n < 2 {
		return bytes.Replace(page, []byte(tocSlot), nil, 1) // nothing to find one's way in
	}
	return bytes.Replace(page, []byte(tocSlot), []byte(b.String()), 1)
}
