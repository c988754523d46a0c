package highlight

import (
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
)

// formatter writes the style sheet of the classes Format emits (chroma's
// own), so that one style sheet (see CSS) serves light and dark mode and
// the pages hold no inline styles. It is made once: a formatter caches
// what it derives from a style.
var formatter = html.New(html.WithClasses(true))

// lexerCache remembers LexerFor's answers, nil included: a name chroma does
// not know is looked for among every lexer's file patterns.
var lexerCache sync.Map // string → chroma.Lexer (coalesced) or nil

// LexerFor returns chroma's lexer for lang (a name, an alias or a file
// extension, as lexers.Get takes them), wrapped to merge adjacent tokens of
// a type; nil when chroma has none.
func LexerFor(lang string) chroma.Lexer {
	if l, ok := lexerCache.Load(lang); ok {
		lx, _ := l.(chroma.Lexer)
		return lx
	}
	var lx chroma.Lexer
	if l := lexers.Get(lang); l != nil {
		lx = chroma.Coalesce(l)
	}
	lexerCache.Store(lang, lx)
	return lx
}

// fallback is the lexer of languages chroma does not know: plain text.
var fallback = chroma.Coalesce(lexers.Fallback)

// HTML highlights code in the language lang (a chroma name or alias, or
// "traceback") and returns it as a <pre> block. Unknown languages are
// shown as plain text; Format escapes every token.
func HTML(code, lang string) (template.HTML, error) {
	lexer := LexerFor(lang)
	if lexer == nil {
		lexer = fallback
	}
	if !strings.HasSuffix(code, "\n") {
		code += "\n"
	}
	h, err := format(code, lexer)
	if err != nil {
		return "", err
	}
	return template.HTML(h), nil // format escapes every token
}

// LightStyle and DarkStyle are the chroma styles of the two colour schemes.
const (
	LightStyle = "github"
	DarkStyle  = "github-dark"
)

// darkReset starts every token of the dark scheme plain, in the dark
// style's text colour: chroma writes no rule for a token the dark style
// shows as plain text (punctuation in github-dark), so without it the light
// style's rule (dark grey) would stay, unreadable on the dark background.
// Its selector weighs as much as a token's, so the light rules before it
// lose and the dark rules after it win.
const darkReset = ".chroma [class] { color: inherit; background-color: transparent; font-weight: inherit; font-style: inherit; text-decoration: none; }\n"

// CSS writes the style sheet for the classes HTML and goldmark-highlighting
// emit: the light style, and the dark style under prefers-color-scheme,
// each with its colours made readable on its background (see readable).
func CSS(w io.Writer) error {
	light, dark := readableStyles()
	if err := formatter.WriteCSS(w, light); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "@media (prefers-color-scheme: dark) {\n"+darkReset); err != nil {
		return err
	}
	if err := formatter.WriteCSS(w, dark); err != nil {
		return err
	}
	_, err := io.WriteString(w, "}\n")
	return err
}
