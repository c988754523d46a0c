package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/fupan/fupan/internal/review"
)

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

// Severities are the severity names, the most severe first, as JSON: for
// the search interface's badges (body's data-severities).
func (p *page) Severities() string {
	s := p.Site
	s.sevOnce.Do(func() {
		b, _ := json.Marshal(s.cfg.SeverityNames()) // a []string always marshals
		s.sevJSON = string(b)
	})
	return s.sevJSON
}

// Kinds are the groupings, for navigation.
func (p *page) Kinds() []Kind { return kinds }

// execute renders the page template name to file (a path from the site
// root, "reviews/ID/index.html") with data.
func (s *site) execute(name, file, title, section string, data any) error {
	out, err := s.renderPage(name, file, title, section, data)
	if err != nil {
		return err
	}
	s.putPage(file, out)
	return nil
}

// renderPage renders the page template name of file with data, and
// returns it.
func (s *site) renderPage(name, file, title, section string, data any) ([]byte, error) {
	b := getBuffer()
	defer putBuffer(b)
	if err := s.renderPageTo(b, name, file, title, section, data); err != nil {
		return nil, err
	}
	return bytes.Clone(b.Bytes()), nil
}

// renderPageTo is renderPage into b, for a caller that makes something
// else of the page before it keeps it.
func (s *site) renderPageTo(b *bytes.Buffer, name, file, title, section string, data any) error {
	t := s.tmpl.pages[name]
	if t == nil {
		return fmt.Errorf("theme: no template templates/%s.html", name)
	}
	p := &page{Site: s, Lang: s.lang, Title: title, Root: rootOf(file), Path: file, Section: section, Live: s.opt.Live, Data: data}
	if name == "404" {
		p.Root = s.basePath // shown at any depth
	}
	if err := t.ExecuteTemplate(b, "layout", p); err != nil {
		return fmt.Errorf("render %s: %w", file, err)
	}
	return nil
}

// putPage adds a rendered page to the output.
func (s *site) putPage(file string, data []byte) {
	s.put(file, data)
	s.mu.Lock()
	s.pages++
	s.mu.Unlock()
}

// rootOf returns the relative way from file back to the root.
func rootOf(file string) string {
	return strings.Repeat("../", strings.Count(file, "/"))
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
