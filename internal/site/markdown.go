package site

import (
	"bytes"
	"crypto/sha256"
	"html/template"
	"path"
	"strings"
	"sync"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/fupan/fupan/internal/highlight"
)

// newMarkdown is the one goldmark configuration of the site.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			// GitHub Flavored Markdown: tables, task lists,
			// strikethrough and bare URLs as links, as on the forge.
			extension.GFM,
			// Footnotes[^1], numbered in order of reference.
			extension.Footnote,
			// Chinese reviews: a line break between two CJK characters
			// is not a space.
			extension.CJK,
			// Fenced code through chroma, with classes (the style sheet
			// is chroma.css, light and dark); "traceback" is
			// internal/highlight's lexer. No guessing of a missing
			// language: plain text is shown as written.
			highlighting.NewHighlighting(
				highlighting.WithGuessLanguage(false),
				highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
			),
		),
		goldmark.WithParserOptions(
			// Headings get ids from their text, so that a section of a
			// review can be linked to.
			parser.WithAutoHeadingID(),
			// A "#" anchor link after each heading, and links to other
			// reviews' .md files sent to their pages.
			parser.WithASTTransformers(util.Prioritized(linkTransformer{}, 100)),
		),
		// No html.WithUnsafe: raw HTML in a review is left out (shown as
		// "<!-- raw HTML omitted -->") and links with a dangerous scheme
		// (javascript:, vbscript:, data: other than images) are emptied.
	)
}

// linkTransformer adds heading anchors and rewrites links to reviews.
type linkTransformer struct{}

func (linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var headings []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, n)
		case *ast.Link:
			n.Destination = reviewLink(n.Destination)
		}
		return ast.WalkContinue, nil
	})
	for _, h := range headings {
		id, ok := h.AttributeString("id")
		if !ok {
			continue
		}
		a := ast.NewLink()
		a.Destination = append([]byte("#"), id.([]byte)...)
		a.SetAttributeString("class", []byte("anchor"))
		a.SetAttributeString("aria-hidden", []byte("true"))
		a.AppendChild(a, ast.NewString([]byte("#")))
		h.AppendChild(h, a)
	}
}

// reviewLink turns a relative link to a review file ("2025-03-18-x.md",
// "../reviews/x.md#impact") into a link to its page, relative to a review
// page. Other links are kept.
func reviewLink(dest []byte) []byte {
	s := string(dest)
	if strings.Contains(s, ":") || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "#") {
		return dest
	}
	file, frag, _ := strings.Cut(s, "#")
	if !strings.HasSuffix(file, ".md") {
		return dest
	}
	id := strings.TrimSuffix(path.Base(file), ".md")
	out := "../" + id + "/"
	if frag != "" {
		out += "#" + frag
	}
	return []byte(out)
}

// renderer turns Markdown and code into HTML, remembering what it made so
// that a rebuild after an edit renders only what changed.
type renderer struct {
	md goldmark.Markdown

	mu   sync.Mutex
	memo map[[32]byte]template.HTML
	used map[[32]byte]bool
}

func newRenderer() *renderer {
	return &renderer{md: newMarkdown(), memo: map[[32]byte]template.HTML{}, used: map[[32]byte]bool{}}
}

func (r *renderer) cached(kind, src string, make func() (template.HTML, error)) (template.HTML, error) {
	if r.memo == nil {
		return make() // a one-shot build
	}
	key := sha256.Sum256([]byte(kind + "\x00" + src))
	r.mu.Lock()
	h, ok := r.memo[key]
	r.used[key] = true
	r.mu.Unlock()
	if ok {
		return h, nil
	}
	h, err := make()
	if err != nil {
		return "", err
	}
	r.mu.Lock()
	r.memo[key] = h
	r.mu.Unlock()
	return h, nil
}

// markdown renders a review body.
func (r *renderer) markdown(src string) (template.HTML, error) {
	return r.cached("md", src, func() (template.HTML, error) {
		var b bytes.Buffer
		if err := r.md.Convert([]byte(src), &b); err != nil {
			return "", err
		}
		return template.HTML(b.String()), nil // goldmark escapes text and drops raw HTML
	})
}

// code highlights a block of code in lang.
func (r *renderer) code(src, lang string) (template.HTML, error) {
	return r.cached("code:"+lang, src, func() (template.HTML, error) {
		return highlight.HTML(src, lang)
	})
}

// sweep forgets what the last build did not use.
func (r *renderer) sweep() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for k := range r.memo {
		if !r.used[k] {
			delete(r.memo, k)
		}
	}
	r.used = map[[32]byte]bool{}
}
