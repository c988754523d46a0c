package highlight

import (
	"html/template"
	"io"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// formatter writes class-based HTML, so that one style sheet (see CSS)
// serves light and dark mode and the pages hold no inline styles.
var formatter = html.New(html.WithClasses(true), html.PreventSurroundingPre(false))

// HTML highlights code in the language lang (a chroma name or alias, or
// "traceback") and returns it as a <pre> block. Unknown languages are
// shown as plain text; chroma escapes every token.
func HTML(code, lang string) (template.HTML, error) {
	lexer := lexers.Get(lang)
	if lexer == nil {
		lexer = lexers.Fallback
	}
	lexer = chroma.Coalesce(lexer)
	if !strings.HasSuffix(code, "\n") {
		code += "\n"
	}
	it, err := lexer.Tokenise(nil, code)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := formatter.Format(&b, styles.Fallback, it); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil // chroma's formatter escapes every token
}

// LightStyle and DarkStyle are the chroma styles of the two colour schemes.
const (
	LightStyle = "github"
	DarkStyle  = "github-dark"
)

// CSS writes the style sheet for the classes HTML and goldmark-highlighting
// emit: the light style, and the dark style under prefers-color-scheme.
func CSS(w io.Writer) error {
	if err := formatter.WriteCSS(w, styles.Get(LightStyle)); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "@media (prefers-color-scheme: dark) {\n"); err != nil {
		return err
	}
	if err := formatter.WriteCSS(w, styles.Get(DarkStyle)); err != nil {
		return err
	}
	_, err := io.WriteString(w, "}\n")
	return err
}
