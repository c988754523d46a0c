package highlight

import (
	"io"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
)

// Format writes code, tokenised by lexer, as a <pre class="chroma"> block
// as short as chroma.css allows: a token is in a <span> of its chroma
// class only when the light or the dark style gives that class a rule,
// adjacent tokens of one class share a span, a span never holds a line
// break (so no tag is left open across lines), and text is escaped only
// where HTML needs it (&, <, >). There are no per-line wrappers: the
// style sheet gives lines no look of their own.
func Format(w io.Writer, code string, lexer chroma.Lexer) error {
	h, err := format(code, lexer)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, h)
	return err
}

// format is Format to a string.
func format(code string, lexer chroma.Lexer) (string, error) {
	it, err := lexer.Tokenise(nil, code)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(len(code) + len(code)/2)
	b.WriteString(`<pre class="chroma"><code>`)
	open := "" // the class of the open span, "" for none
	for tok := it(); tok != chroma.EOF; tok = it() {
		cls := styledClass(tok.Type)
		for part := range strings.SplitAfterSeq(tok.Value, "\n") {
			if part == "" {
				continue
			}
			if cls != open && open != "" {
				b.WriteString("</span>")
				open = ""
			}
			// A span stops before a line break: spaces and the break
			// are plain in every class that has a rule.
			text, eol := part, ""
			if strings.HasSuffix(part, "\n") {
				text, eol = part[:len(part)-1], "\n"
			}
			if text != "" && cls != open {
				b.WriteString(`<span class="`)
				b.WriteString(cls)
				b.WriteString(`">`)
				open = cls
			}
			escaper.WriteString(&b, text)
			if eol != "" {
				if open != "" {
					b.WriteString("</span>")
					open = ""
				}
				b.WriteString(eol)
			}
		}
	}
	if open != "" {
		b.WriteString("</span>")
	}
	b.WriteString("</code></pre>")
	return b.String(), nil
}

// escaper escapes what text content in HTML must: quotes need nothing
// outside attributes.
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// styledClass returns the chroma class of a token type when chroma.css
// has a rule for it, and "" (plain text) when not.
func styledClass(t chroma.TokenType) string {
	m := styledClasses()
	for { // a type chroma names no class for has its parent's
		if cls, ok := m[t]; ok || t == 0 {
			return cls
		}
		t = t.Parent()
	}
}

// class is the class chroma's HTML formatter gives a token type: that of
// the type or of its nearest parent that has one.
func class(t chroma.TokenType) string {
	for ; t != 0; t = t.Parent() {
		if cls, ok := chroma.StandardTypes[t]; ok {
			return cls
		}
	}
	return chroma.StandardTypes[t]
}

// styledClasses maps every token type chroma names to its class when CSS
// writes a rule for that class in the light or the dark style (a colour, a
// background or a font setting of the type's own, the background's
// subtracted, as chroma's formatter decides), and to "" when not.
var styledClasses = sync.OnceValue(func() map[chroma.TokenType]string {
	light, dark := readableStyles()
	ruled := map[string]bool{}
	for _, style := range []*chroma.Style{light, dark} {
		bg := style.Get(chroma.Background)
		for t := range chroma.StandardTypes {
			switch t {
			case chroma.Background, chroma.PreWrapper:
				continue
			}
			if cls := class(t); cls != "" && !style.Get(t).Sub(bg).IsZero() {
				ruled[cls] = true
			}
		}
	}
	out := map[chroma.TokenType]string{}
	for t := range chroma.StandardTypes {
		if cls := class(t); ruled[cls] {
			out[t] = cls
		} else {
			out[t] = ""
		}
	}
	return out
})
