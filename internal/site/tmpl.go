package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fupan/fupan/internal/review"
)

// templates are the theme's page templates, each parsed together with
// layout.html and partials.html.
type templates struct {
	pages    map[string]*template.Template
	partials *template.Template // layout.html and partials.html alone

	mu     sync.Mutex
	items  map[itemKey]template.HTML   // see renderItems
	shared map[sharedKey]template.HTML // see renderShared
}

// loadTemplates parses templates/*.html of the theme for the language.
func loadTemplates(theme fs.FS, lang string) (*templates, error) {
	return parseTemplates(theme, lang, translateLiterals)
}

// parseTemplates is loadTemplates with the rewriting of each file's source
// before it is parsed.
func parseTemplates(theme fs.FS, lang string, rewrite func(src, lang string) string) (*templates, error) {
	t := &templates{pages: map[string]*template.Template{}, items: map[itemKey]template.HTML{}, shared: map[sharedKey]template.HTML{}}
	base := template.New("").Funcs(funcs(lang, t))
	for _, name := range []string{"layout.html", "partials.html"} {
		data, err := fs.ReadFile(theme, "templates/"+name)
		if err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		if _, err := base.New(name).Parse(rewrite(string(data), lang)); err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
	}
	names, err := fs.Glob(theme, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		name = path.Base(name)
		if name == "layout.html" || name == "partials.html" {
			continue
		}
		data, err := fs.ReadFile(theme, "templates/"+name)
		if err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		p, err := template.Must(base.Clone()).New(name).Parse(rewrite(string(data), lang))
		if err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		t.pages[strings.TrimSuffix(name, ".html")] = p
	}
	t.partials = template.Must(base.Clone())
	return t, nil
}

// literalT is an action that translates a constant: {{t "Search"}}, with
// or without trim markers.
var literalT = regexp.MustCompile(`\{\{(- )?\s*t\s+("(?:[^"\\\n]|\\.)*")\s*( -)?\}\}`)

// translateLiterals replaces the actions that translate a constant with
// the constant translated, {{"搜索"}}: the same output (html/template
// escapes it for its context all the same) without calling t on every
// page, a fifth of a review page's calls.
func translateLiterals(src, lang string) string {
	return literalT.ReplaceAllStringFunc(src, func(action string) string {
		m := literalT.FindStringSubmatch(action)
		id, err := strconv.Unquote(m[2])
		if err != nil {
			return action // the parser will say what is wrong
		}
		return "{{" + m[1] + strconv.Quote(msg(lang, id)) + m[3] + "}}"
	})
}

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

// page is what every template is executed with.
type page struct {
	Site    *site
	Lang    string
	Title   string // the page's title; "" on the home page
	Root    string // the way back to the site root: "", "../", "../../"
	Path    string // the page's file, from the root
	Section string // the navigation entry of the page, for aria-current
	Live    bool
	Data    any
}

// SiteTitle is the title of the site.
func (p *page) SiteTitle() string { return p.Site.title }

// Kinds are the groupings, for navigation.
func (p *page) Kinds() []Kind { return kinds }

// execute renders the page template name to file (a path from the site
// root, "reviews/ID/index.html") with data.
func (s *site) execute(name, file, title, section string, data any) error {
	t := s.tmpl.pages[name]
	if t == nil {
		return fmt.Errorf("theme: no template templates/%s.html", name)
	}
	p := &page{Site: s, Lang: s.lang, Title: title, Root: rootOf(file), Path: file, Section: section, Live: s.opt.Live, Data: data}
	if name == "404" {
		p.Root = s.basePath // shown at any depth
	}
	b := getBuffer()
	defer putBuffer(b)
	if err := t.ExecuteTemplate(b, "layout", p); err != nil {
		return fmt.Errorf("render %s: %w", file, err)
	}
	out := bytes.Clone(b.Bytes())
	s.mu.Lock()
	s.out[file] = out
	s.pages++
	s.mu.Unlock()
	return nil
}

// rootOf returns the relative way from file back to the root.
func rootOf(file string) string {
	return strings.Repeat("../", strings.Count(file, "/"))
}

func funcs(lang string, t *templates) template.FuncMap {
	return template.FuncMap{
		"items":  t.renderItems,
		"shared": t.renderShared,
		"t":      func(id any) string { return msg(lang, fmt.Sprint(id)) },
		"tn": func(n int, one, many string) string {
			if n == 1 {
				return msg(lang, one)
			}
			return fmt.Sprintf(msg(lang, many), n)
		},
		"link":  safeLink,
		"sev":   sevClass,
		"lower": strings.ToLower,
		"first": func(s string) string {
			r := []rune(s)
			if len(r) > 0 {
				return string(r[:1])
			}
			return ""
		},
		"add":     func(a, b int) int { return a + b },
		"sub":     func(a, b float64) float64 { return a - b },
		"list":    func(v ...any) []any { return v },
		"isodate": func(t review.Time) string { return t.Format(time.RFC3339) },
	}
}

// safeLink returns the link if it is http, https or mailto, else "" (the
// template then shows the text without a link).
func safeLink(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return u.String()
	}
	return ""
}

// sevClass is the CSS class of a severity, by its rank in the configured
// list: sev1 for the first (the worst), up to sev4.
func sevClass(rank int) string {
	return fmt.Sprintf("sev%d", min(rank, 3)+1)
}

// Sev is the CSS class of a severity name.
func (p *page) Sev(name string) string {
	rank, ok := p.Site.sevRank[name]
	if !ok {
		rank = len(p.Site.sevRank) - 1
	}
	return sevClass(rank)
}

// When prints a time of the error window, in the configured time zone or
// else in the offset it was written with.
func (p *page) When(t review.Time) string {
	if t.IsZero() {
		return ""
	}
	tt := t.Time
	if l := p.Site.loc(); l != nil {
		tt = tt.In(l)
	}
	return tt.Format("2006-01-02 15:04 -07:00")
}
