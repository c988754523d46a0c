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
	gmrenderer "github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/fupan/fupan/internal/highlight"
)

// newMarkdown is the one goldmark configuration of the site; code is the
// renderer whose cache highlights fenced code.
func newMarkdown(code *renderer) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			// GitHub Flavored Markdown: tables, task lists,
			// strikethrough and bare URLs as links, as on the forge.
			extension.GFM,
			// Footnotes[^1], numbered in order of reference.
			extension.Footnote,
			// A backslash-escaped space is no space ("中\ 文"), as
			// goldmark's CJK extension has it. Its line-break option is
			// left out: softBreaks below does that, for every inline
			// element.
			extension.NewCJK(extension.WithEscapedSpace()),
		),
		goldmark.WithRendererOptions(
			// Fenced code through chroma, with classes (the style sheet
			// is chroma.css, light and dark); "traceback" is
			// internal/highlight's lexer. No guessing of a missing
			// language: plain text is shown as written. The same
			// block is highlighted once per build (see fencedCode).
			gmrenderer.WithNodeRenderers(util.Prioritized(newFencedCode(code), 200)),
		),
		goldmark.WithParserOptions(
			// Headings get ids from their text, so that a section of a
			// review can be linked to.
			parser.WithAutoHeadingID(),
			// A "#" anchor link after each heading, and links to other
			// reviews' .md files sent to their pages.
			parser.WithASTTransformers(util.Prioritized(linkTransformer{}, 100)),
			// A line break inside a paragraph is a space between
			// English words and nothing between two CJK characters
			// (the CSS Text rule, package linebreak), whatever inline
			// element follows it.
			parser.WithASTTransformers(util.Prioritized(softBreaks{}, 200)),
		),
		// No html.WithUnsafe: raw HTML in a review is left out (shown as
		// "<!-- raw HTML omitted -->") and links with a dangerous scheme
		// (javascript:, vbscript:, data: other than images) are emptied.
	)
}

// fencedCode renders fenced code blocks as goldmark-highlighting does, but
// through the renderer's cache and chroma's lexers and formatter made once:
// goldmark-highlighting makes a formatter, and so derives the style's
// classes again, for every block. Blocks it does not highlight (no
// language, one chroma does not know, attributes such as {linenos=true})
// are left to goldmark-highlighting itself.
type fencedCode struct {
	cache *renderer
	plain gmrenderer.NodeRendererFunc // goldmark-highlighting's
}

func newFencedCode(cache *renderer) *fencedCode {
	hl := highlighting.NewHTMLRenderer(
		highlighting.WithGuessLanguage(false),
		highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
	)
	f := &fencedCode{cache: cache}
	hl.RegisterFuncs(registerFunc(func(_ ast.NodeKind, fn gmrenderer.NodeRendererFunc) { f.plain = fn }))
	return f
}

// registerFunc is a gmrenderer.NodeRendererFuncRegisterer made of a func.
type registerFunc func(ast.NodeKind, gmrenderer.NodeRendererFunc)

func (r registerFunc) Register(k ast.NodeKind, fn gmrenderer.NodeRendererFunc) { r(k, fn) }

func (f *fencedCode) RegisterFuncs(reg gmrenderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, f.render)
}

func (f *fencedCode) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.FencedCodeBlock)
	if !entering {
		return ast.WalkContinue, nil
	}
	lang := n.Language(source)
	if lang == nil || n.Attributes() != nil || (n.Info != nil && bytes.IndexByte(n.Info.Segment.Value(source), '{') >= 0) {
		return f.plain(w, source, node, entering)
	}
	lexer := highlight.LexerFor(string(lang))
	if lexer == nil {
		return f.plain(w, source, node, entering)
	}
	var code strings.Builder
	lines := n.Lines()
	for i := range lines.Len() {
		line := lines.At(i)
		code.Write(line.Value(source))
	}
	h, err := f.cache.cached(true, "fence:"+string(lang), code.String(), func() (template.HTML, error) {
		var b strings.Builder
		if err := highlight.Format(&b, code.String(), lexer); err != nil {
			return "", err
		}
		return template.HTML(b.String()), nil
	})
	if err != nil {
		return f.plain(w, source, node, entering)
	}
	_, err = w.WriteString(string(h))
	return ast.WalkContinue, err
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

// renderer turns Markdown and code into HTML. It remembers the code it
// highlighted, so that a block that recurs (the same reproduction in
// several reviews) is highlighted once; a Builder's renderer remembers the
// Markdown too, so that a rebuild after an edit renders only what changed.
type renderer struct {
	md   goldmark.Markdown
	keep bool // remember Markdown, not only code

	mu   sync.Mutex
	memo map[[32]byte]template.HTML
	used map[[32]byte]bool
}

func newRenderer(keep bool) *renderer {
	r := &renderer{keep: keep, memo: map[[32]byte]template.HTML{}, used: map[[32]byte]bool{}}
	r.md = newMarkdown(r)
	return r
}

// cached returns what make makes of src, made once; code says src is
// code, remembered by every renderer, rather than Markdown.
func (r *renderer) cached(code bool, kind, src string, make func() (template.HTML, error)) (template.HTML, error) {
	if !code && !r.keep {
		return make()
	}
	h := sha256.New()
	h.Write([]byte(kind))
	h.Write([]byte{0})
	h.Write([]byte(src))
	var key [32]byte
	h.Sum(key[:0])
	r.mu.Lock()
	out, ok := r.memo[key]
	r.used[key] = true
	r.mu.Unlock()
	if ok {
		return out, nil
	}
	out, err := make()
	if err != nil {
		return "", err
	}
	r.mu.Lock()
	r.memo[key] = out
	r.mu.Unlock()
	return out, nil
}

// markdown renders a review body.
func (r *renderer) markdown(src string) (template.HTML, error) {
	return r.cached(false, "md", src, func() (template.HTML, error) {
		var b bytes.Buffer
		b.Grow(len(src) * 2)
		if err := r.md.Convert([]byte(src), &b); err != nil {
			return "", err
		}
		return template.HTML(b.String()), nil // goldmark escapes text and drops raw HTML
	})
}

// code highlights a block of code in lang.
func (r *renderer) code(src, lang string) (template.HTML, error) {
	return r.cached(true, "code:"+lang, src, func() (template.HTML, error) {
		return highlight.HTML(src, lang)
	})
}

// sweep forgets what the builds since the last sweep did not use.
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
