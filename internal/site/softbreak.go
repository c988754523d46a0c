package site

import (
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/fupan/fupan/internal/linebreak"
)

// softBreaks applies the line-break rule of package linebreak to every
// soft line break of a paragraph: kept (shown as a space) between English
// words, removed between two CJK characters, whatever inline element is
// on either side of it: `code`, **bold**, a [link](…). goldmark's own CJK
// extension looks only at a plain text node after the break, and so drops
// the space before "`cache.get_user_profile()`" at the start of a line.
type softBreaks struct{}

func (softBreaks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		t, ok := n.(*ast.Text)
		if !entering || !ok || !t.SoftLineBreak() {
			return ast.WalkContinue, nil
		}
		if linebreak.Removed(runeBefore(t, src), runeAfter(t, src)) {
			t.SetSoftLineBreak(false)
		}
		return ast.WalkContinue, nil
	})
}

// runeBefore is the last character shown before the break that ends t: its
// own last, or the last of the inline content before it; 0 if none.
func runeBefore(t *ast.Text, src []byte) rune {
	if v := t.Segment.Value(src); len(v) > 0 {
		r, _ := utf8.DecodeLastRune(v)
		return r
	}
	for n := prevInline(t); n != nil; n = prevInline(n) {
		if r, ok := lastRune(n, src); ok {
			return r
		}
	}
	return 0
}

// runeAfter is the first character shown after the break that ends t; 0
// if none.
func runeAfter(t *ast.Text, src []byte) rune {
	for n := nextInline(t); n != nil; n = nextInline(n) {
		if r, ok := firstRune(n, src); ok {
			return r
		}
	}
	return 0
}

// nextInline is the inline node after n in the paragraph, climbing out of
// emphasis and links; nil at the end of the block.
func nextInline(n ast.Node) ast.Node {
	for ; n != nil && n.Type() == ast.TypeInline; n = n.Parent() {
		if s := n.NextSibling(); s != nil {
			return s
		}
	}
	return nil
}

func prevInline(n ast.Node) ast.Node {
	for ; n != nil && n.Type() == ast.TypeInline; n = n.Parent() {
		if s := n.PreviousSibling(); s != nil {
			return s
		}
	}
	return nil
}

// firstRune is the first character n shows; ok is false when it shows
// none (an empty node) and the next node decides. An image or raw HTML
// shows no character: 0, which keeps the space.
func firstRune(n ast.Node, src []byte) (rune, bool) {
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(src)
		if len(v) == 0 {
			return 0, n.SoftLineBreak() || n.HardLineBreak()
		}
		r, _ := utf8.DecodeRune(v)
		return r, true
	case *ast.String:
		if len(n.Value) == 0 {
			return 0, false
		}
		r, _ := utf8.DecodeRune(n.Value)
		return r, true
	case *ast.AutoLink:
		r, _ := utf8.DecodeRune(n.Label(src))
		return r, true
	case *ast.Image, *ast.RawHTML:
		return 0, true
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if r, ok := firstRune(c, src); ok {
			return r, true
		}
	}
	return 0, false
}

func lastRune(n ast.Node, src []byte) (rune, bool) {
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(src)
		if len(v) == 0 {
			return 0, false
		}
		r, _ := utf8.DecodeLastRune(v)
		return r, true
	case *ast.String:
		if len(n.Value) == 0 {
			return 0, false
		}
		r, _ := utf8.DecodeLastRune(n.Value)
		return r, true
	case *ast.AutoLink:
		r, _ := utf8.DecodeLastRune(n.Label(src))
		return r, true
	case *ast.Image, *ast.RawHTML:
		return 0, true
	}
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if r, ok := lastRune(c, src); ok {
			return r, true
		}
	}
	return 0, false
}
