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
// (its Root) and the review, or the review and the index of its action.
type itemKey struct {
	name, root string
	review     *review.Review
	action     int
}

// itemData is what an item template is executed with.
type itemData struct {
	Page *page
	Data any
}

// renderItems renders the partial template name for each entry of list, a
// []*review.Review (review-item) or []ActionItem (action-row), and
// returns them one after the other. Each entry is rendered once per depth
// of page: a review is listed on the index, its term pages and the home
// page, and the lists of a rebuild are mostly the same.
func (t *templates) renderItems(name string, p *page, list any) (template.HTML, error) {
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
	all.Grow(size)
	for _, h := range out {
		all.WriteString(string(h))
	}
	return template.HTML(all.String()), nil
}

// sharedKey names a rendered part of the layout: the template, and the
// depth and section of the page.
type sharedKey struct{ name, root, section string }

// renderShared renders the partial template name for page p once per
// depth and section of page: the site header, the same on every review
// page.
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
