package site

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// templates are the theme's page templates, each parsed together with
// layout.html and partials.html.
type templates struct {
	pages    map[string]*template.Template
	partials *template.Template // the sharedTemplates alone

	mu     sync.Mutex
	items  map[itemKey]template.HTML   // see renderItems
	shared map[sharedKey]template.HTML // see renderShared
}

// sharedTemplates are the files of templates every page is parsed with:
// the layout and the partials, the recurrence sections, and the items a
// review page shows that renderItems keeps.
var sharedTemplates = []string{"layout.html", "partials.html", "recurrence.html", "items.html"}

// loadTemplates parses templates/*.html of the theme for the language.
func loadTemplates(theme fs.FS, lang string) (*templates, error) {
	return parseTemplates(theme, lang, translateLiterals)
}

// parseTemplates is loadTemplates with the rewriting of each file's source
// before it is parsed.
func parseTemplates(theme fs.FS, lang string, rewrite func(src, lang string) string) (*templates, error) {
	t := &templates{pages: map[string]*template.Template{}, items: map[itemKey]template.HTML{}, shared: map[sharedKey]template.HTML{}}
	base := template.New("").Funcs(funcs(lang, t))
	for _, name := range sharedTemplates {
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
		if slices.Contains(sharedTemplates, name) {
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
// or without trim markers; literalTArg such a call as an argument in
// parentheses: (t "Seen before").
var (
	literalT    = regexp.MustCompile(`\{\{(- )?\s*t\s+("(?:[^"\\\n]|\\.)*")\s*( -)?\}\}`)
	literalTArg = regexp.MustCompile(`\(\s*t\s+("(?:[^"\\\n]|\\.)*")\s*\)`)
)

// translateLiterals replaces the actions that translate a constant with
// the constant translated, {{"搜索"}}, and such calls as arguments with
// the constant, ("搜索"): the same output (html/template escapes it for
// its context all the same) without calling t on every page, a fifth of a
// review page's calls.
func translateLiterals(src, lang string) string {
	src = literalT.ReplaceAllStringFunc(src, func(action string) string {
		m := literalT.FindStringSubmatch(action)
		id, err := strconv.Unquote(m[2])
		if err != nil {
			return action // the parser will say what is wrong
		}
		return "{{" + m[1] + strconv.Quote(msg(lang, id)) + m[3] + "}}"
	})
	return literalTArg.ReplaceAllStringFunc(src, func(arg string) string {
		id, err := strconv.Unquote(literalTArg.FindStringSubmatch(arg)[1])
		if err != nil {
			return arg
		}
		return "(" + strconv.Quote(msg(lang, id)) + ")"
	})
}
