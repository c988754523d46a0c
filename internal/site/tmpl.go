package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/fupan/fupan/internal/review"
)

// templates are the theme's page templates, each parsed together with
// layout.html and partials.html.
type templates struct {
	pages map[string]*template.Template
}

// loadTemplates parses templates/*.html of the theme for the language.
func loadTemplates(theme fs.FS, lang string) (*templates, error) {
	base := template.New("").Funcs(funcs(lang))
	for _, name := range []string{"layout.html", "partials.html"} {
		data, err := fs.ReadFile(theme, "templates/"+name)
		if err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		if _, err := base.New(name).Parse(string(data)); err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
	}
	names, err := fs.Glob(theme, "templates/*.html")
	if err != nil {
		return nil, err
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, name := range names {
		name = path.Base(name)
		if name == "layout.html" || name == "partials.html" {
			continue
		}
		data, err := fs.ReadFile(theme, "templates/"+name)
		if err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		p, err := template.Must(base.Clone()).New(name).Parse(string(data))
		if err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		t.pages[strings.TrimSuffix(name, ".html")] = p
	}
	return t, nil
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
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "layout", p); err != nil {
		return fmt.Errorf("render %s: %w", file, err)
	}
	s.put(file, b.Bytes())
	return nil
}

// rootOf returns the relative way from file back to the root.
func rootOf(file string) string {
	return strings.Repeat("../", strings.Count(file, "/"))
}

func funcs(lang string) template.FuncMap {
	return template.FuncMap{
		"t": func(id any) string { return msg(lang, fmt.Sprint(id)) },
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
