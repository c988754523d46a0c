package site

import (
	"testing"
	"testing/fstest"

	"github.com/fupan/fupan/reviews"
	"github.com/fupan/fupan/theme"
)

func TestTranslateLiterals(t *testing.T) {
	tests := []struct {
		name, lang, src, want string
	}{
		{"plain", "en", `<b>{{t "Search"}}</b>`, `<b>{{"Search"}}</b>`},
		{"translated", "zh-CN", `{{t "Search"}}`, `{{"搜索"}}`},
		{"trim markers", "zh-CN", `a {{- t "Search" -}} b`, `a {{- "搜索" -}} b`},
		{"attribute", "en", `<i title="{{t "Search: ConnectTimeout, order-api…"}}">`, `<i title="{{"Search: ConnectTimeout, order-api…"}}">`},
		{"escaped quote", "en", `{{t "say \"hi\""}}`, `{{"say \"hi\""}}`},
		{"a field", "en", `{{t .Status}}`, `{{t .Status}}`},
		{"tn", "en", `{{tn .N "1 commit" "%d commits"}}`, `{{tn .N "1 commit" "%d commits"}}`},
		{"a pipeline", "en", `{{t "Search" | lower}}`, `{{t "Search" | lower}}`},
		{"an argument", "zh-CN", `{{template "x" (list . (t "Search") ( t "Feed" ))}}`, `{{template "x" (list . ("搜索") ("订阅"))}}`},
		{"an argument of a field", "en", `{{list (t .Status)}}`, `{{list (t .Status)}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := translateLiterals(tt.src, tt.lang); got != tt.want {
				t.Errorf("translateLiterals(%q) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

// TestTranslateLiteralsSameSite builds the example site in both languages
// with the theme as written and as translateLiterals rewrites it, and
// wants the same files.
func TestTranslateLiteralsSameSite(t *testing.T) {
	for _, lang := range []string{"en", "zh-CN"} {
		t.Run(lang, func(t *testing.T) {
			fsys := fstest.MapFS{"fupan.yaml": {Data: []byte("language: " + lang + "\n")}}
			for name, f := range reviews.FS().(fstest.MapFS) {
				fsys[name] = f
			}
			repo := load(t, fsys)
			opt := Options{Theme: theme.FS()}
			asWritten, err := parseTemplates(opt.Theme, lang, func(src, _ string) string { return src })
			if err != nil {
				t.Fatal(err)
			}
			s, err := newSite(repo, opt, newRenderer(false), asWritten)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.build(); err != nil {
				t.Fatal(err)
			}
			sameFiles(t, build(t, fsys, opt), s.out)
		})
	}
}
