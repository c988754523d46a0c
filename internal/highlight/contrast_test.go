package highlight

import (
	"io/fs"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/reviews"
	"github.com/fupan/fupan/theme"
)

// A cssRule is one rule of the style sheet CSS writes.
type cssRule struct {
	selector string
	decls    map[string]string
}

var ruleRE = regexp.MustCompile(`^(?:/\*.*?\*/\s*)?([^{]+?)\s*\{([^}]*)\}`)

// schemes parses the style sheet of CSS into the rules in force in light
// mode and in dark mode, in their order.
func schemes(t *testing.T) (light, dark []cssRule) {
	t.Helper()
	var b strings.Builder
	if err := CSS(&b); err != nil {
		t.Fatal(err)
	}
	inDark := false
	for _, line := range strings.Split(b.String(), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "@media (prefers-color-scheme: dark)") {
			inDark = true
			continue
		}
		m := ruleRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		r := cssRule{selector: m[1], decls: map[string]string{}}
		for _, d := range strings.Split(m[2], ";") {
			if k, v, ok := strings.Cut(d, ":"); ok {
				r.decls[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
		dark = append(dark, r)
		if !inDark {
			light = append(light, r)
		}
	}
	return light, dark
}

// themeText is the text colour of the page in each scheme (style.css's
// --fg), which a code block's text inherits where chroma sets none.
func themeText(t *testing.T) (light, dark string) {
	t.Helper()
	css, err := fs.ReadFile(theme.FS(), "static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`--fg:\s*(#[0-9a-fA-F]{6})`).FindAllStringSubmatch(string(css), -1)
	if len(m) < 2 {
		t.Fatalf("style.css has no --fg for light and dark: %v", m)
	}
	return m[0][1], m[1][1]
}

// colours returns the text and background colour of a token of class cls
// under rules, on a page whose text is fg.
func colours(rules []cssRule, cls, fg string) (text, bg string) {
	text = fg
	for _, r := range rules {
		if r.selector == ".chroma" {
			text = orDefault(r.decls["color"], text)
			bg = orDefault(r.decls["background-color"], bg)
		}
	}
	base := text
	for _, r := range rules {
		if r.selector != ".chroma ."+cls && r.selector != ".chroma [class]" {
			continue
		}
		switch c := r.decls["color"]; c {
		case "":
		case "inherit":
			text = base
		default:
			text = c
		}
		if c := r.decls["background-color"]; c != "" && c != "transparent" {
			bg = c
		}
	}
	return text, bg
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// cssLuminance is the relative luminance of #rrggbb (WCAG 2.x).
func cssLuminance(t *testing.T, hex string) float64 {
	t.Helper()
	if len(hex) == 4 { // #rgb
		hex = "#" + strings.Repeat(hex[1:2], 2) + strings.Repeat(hex[2:3], 2) + strings.Repeat(hex[3:4], 2)
	}
	v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 {
		t.Fatalf("colour %q: not #rrggbb", hex)
	}
	ch := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(v>>16&255) + 0.7152*ch(v>>8&255) + 0.0722*ch(v&255)
}

func cssContrast(t *testing.T, a, b string) float64 {
	la, lb := cssLuminance(t, a), cssLuminance(t, b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

var (
	fenceRE = regexp.MustCompile("(?s)```([\\w+-]+)\\n(.*?)```")
	classRE = regexp.MustCompile(`<span class="([^"]+)"`)
)

// exampleClasses returns the token classes chroma gives the code of the
// example reviews (their tracebacks, reproductions and fenced blocks),
// each with where it was first seen.
func exampleClasses(t *testing.T) map[string]string {
	t.Helper()
	repo, err := review.Load(reviews.Repo(), review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	add := func(where, code, lang string) {
		h, err := HTML(code, lang)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		for _, m := range classRE.FindAllStringSubmatch(string(h), -1) {
			if _, ok := seen[m[1]]; !ok {
				seen[m[1]] = where + " (" + lang + ")"
			}
		}
	}
	for _, rv := range repo.Reviews {
		if rv.Traceback != "" {
			add(rv.Path+" traceback", rv.Traceback, "traceback")
		}
		if rv.Reproduction != "" {
			add(rv.Path+" reproduction", rv.Reproduction, "bash")
			add(rv.Path+" reproduction", rv.Reproduction, "python")
		}
		for _, m := range fenceRE.FindAllStringSubmatch(rv.Body, -1) {
			if LexerFor(m[1]) != nil {
				add(rv.Path+" body", m[2], m[1])
			}
		}
	}
	if len(seen) < 10 {
		t.Fatalf("only %d token classes in the examples: %v", len(seen), seen)
	}
	return seen
}

// TestContrast checks that every token class chroma emits for the example
// reviews is readable in both schemes: its colour on its background has
// a contrast of at least 4.5:1 (WCAG AA for text).
func TestContrast(t *testing.T) {
	light, dark := schemes(t)
	fgLight, fgDark := themeText(t)
	for cls, where := range exampleClasses(t) {
		if cls == "w" {
			continue // whitespace: nothing to see
		}
		for _, sc := range []struct {
			name  string
			rules []cssRule
			fg    string
		}{{"light", light, fgLight}, {"dark", dark, fgDark}} {
			text, bg := colours(sc.rules, cls, sc.fg)
			if c := cssContrast(t, text, bg); c < 4.5 {
				t.Errorf("%s: .%s is %s on %s, contrast %.2f < 4.5 (first in %s)", sc.name, cls, text, bg, c, where)
			}
		}
	}
}
