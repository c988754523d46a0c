package site

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/fupan/fupan/internal/review"
)

// itemKey names a rendered item: the template, the depth of the page
// (its Root) and the review, or the review and the index of its action;
// and what else the item shows of the review (with): what a related or
// seen review shares with the page's.
type itemKey struct {
	name, root string
	review     *review.Review
	action     int
	with       string
}

// itemData is what an item template is executed with.
type itemData struct {
	Page *page
	Data any
}

// renderItems renders the partial template name for each entry of list, a
// []*review.Review (review-item), []ActionItem (action-row), []Related
// (related-item), []Seen (seen-item) or []*Term (term-link), and returns
// them one after the other, with the text sep (one at most) between them. Each
// entry is rendered once per depth of page: a review is listed on the
// index, its term pages and the home page, as related or seen before on
// the pages of others, a term on the page of each of its reviews; and the
// lists of a rebuild are mostly the same.
func (t *templates) renderItems(name string, p *page, list any, sep ...string) (template.HTML, error) {
	if len(sep) > 1 {
		return "", fmt.Errorf("items %s: more than one separator", name)
	}
	var keys []itemKey
	var data []any
	switch l := list.(type) {
	case []*review.Review:
		for _, rv := range l {
			keys = append(keys, itemKey{name: name, root: p.Root, review: rv, action: -1})
			data = append(data, rv)
		}
	case []ActionItem:
		for _, a := range l {
			keys = append(keys, itemKey{name: name, root: p.Root, review: a.Review, action: a.index})
			data = append(data, a)
		}
	case []Related:
		for _, r := range l {
			keys = append(keys, itemKey{name: name, root: p.Root, review: r.Review, action: -1, with: r.key()})
			data = append(data, r)
		}
	case []*Term:
		// A term is another value in each build: it is named by what
		// the item may show of it.
		for _, tm := range l {
			keys = append(keys, itemKey{name: name, root: p.Root, action: -1, with: tm.Kind.Dir + "\x00" + tm.URL() + "\x00" + tm.Name})
			data = append(data, tm)
		}
	case []Seen:
		for _, v := range l {
			keys = append(keys, itemKey{name: name, root: p.Root, review: v.Review, action: -1, with: strings.Join(v.Kinds, "\x00")})
			data = append(data, v)
		}
	default:
		return "", fmt.Errorf("items %s: cannot list a %T", name, list)
	}
	out := make([]template.HTML, len(keys))
	size := 0
	t.mu.Lock()
	for i, k := range keys {
		out[i] = t.items[k]
		size += len(out[i])
	}
	t.mu.Unlock()
	b := getBuffer()
	defer putBuffer(b)
	for i, h := range out {
		if h != "" {
			continue
		}
		b.Reset()
		if err := t.partials.ExecuteTemplate(b, name, itemData{p, data[i]}); err != nil {
			return "", err
		}
		out[i] = template.HTML(b.String()) // html/template escaped it
		size += len(out[i])
		t.mu.Lock()
		t.items[keys[i]] = out[i]
		t.mu.Unlock()
	}
	var all strings.Builder
	if len(sep) == 1 && len(out) > 1 {
		size += (len(out) - 1) * len(sep[0])
	}
	all.Grow(size)
	for i, h := range out {
		if i > 0 && len(sep) == 1 {
			all.WriteString(template.HTMLEscapeString(sep[0]))
		}
		all.WriteString(string(h))
	}
	return template.HTML(all.String()), nil
}

// sharedKey names a rendered part of the layout: the template, and the
// depth and section of the page.
type sharedKey struct{ name, root, section string }

// renderShared renders the partial template name for page p once per
// depth and section of page: the site header, its links and its footer,
// the same on every review page.
func (t *templates) renderShared(name string, p *page) (template.HTML, error) {
	k := sharedKey{name, p.Root, p.Section}
	t.mu.Lock()
	h, ok := t.shared[k]
	t.mu.Unlock()
	if ok {
		return h, nil
	}
	b := getBuffer()
	defer putBuffer(b)
	if err := t.partials.ExecuteTemplate(b, name, p); err != nil {
		return "", err
	}
	h = template.HTML(b.String()) // html/template escaped it
	t.mu.Lock()
	t.shared[k] = h
	t.mu.Unlock()
	return h, nil
}

// forget drops the items of reviews no longer in the site.
func (t *templates) forget(gone map[*review.Review]bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for k := range t.items {
		if gone[k.review] {
			delete(t.items, k)
		}
	}
}

// buffers are reused by the renderings of a build.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

func putBuffer(b *bytes.Buffer) {
	if b.Cap() > 16<<20 {
		return // let an outsized one go
	}
	b.Reset()
	buffers.Put(b)
}
