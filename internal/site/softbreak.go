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
	return backward.beyond(t, src)
}

// runeAfter is the first character shown after the break that ends t; 0
// if none.
func runeAfter(t *ast.Text, src []byte) rune { return forward.beyond(t, src) }

// A direction is the way characters are read from a soft line break:
// forward, to the first shown after it, or backward, to the last shown
// before it.
type direction struct {
	decode  func([]byte) (rune, int) // the character at the near end of a text
	inner   func(ast.Node) ast.Node  // a node's child at the near end
	sibling func(ast.Node) ast.Node  // the node after this one, going this way
	// breaks: an empty text node with a line break shows a character (0,
	// which keeps the space) when read forward.
	breaks bool
}

var (
	forward  = direction{utf8.DecodeRune, ast.Node.FirstChild, ast.Node.NextSibling, true}
	backward = direction{utf8.DecodeLastRune, ast.Node.LastChild, ast.Node.PreviousSibling, false}
)

// beyond is the nearest character shown beyond n, going d's way in the
// paragraph; 0 if none.
func (d direction) beyond(n ast.Node, src []byte) rune {
	for n = d.inline(n); n != nil; n = d.inline(n) {
		if r, ok := d.edge(n, src); ok {
			return r
		}
	}
	return 0
}

// inline is the inline node beyond n in the paragraph, climbing out of
// emphasis and links; nil at the end of the block.
func (d direction) inline(n ast.Node) ast.Node {
	for ; n != nil && n.Type() == ast.TypeInline; n = n.Parent() {
		if s := d.sibling(n); s != nil {
			return s
		}
	}
	return nil
}

// edge is the character n shows at its near end; ok is false when it
// shows none (an empty node) and the next node decides. An image or raw
// HTML shows no character: 0, which keeps the space.
func (d direction) edge(n ast.Node, src []byte) (r rune, ok bool) {
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(src)
		if len(v) == 0 {
			return 0, d.breaks && (n.SoftLineBreak() || n.HardLineBreak())
		}
		r, _ := d.decode(v)
		return r, true
	case *ast.String:
		if len(n.Value) == 0 {
			return 0, false
		}
		r, _ := d.decode(n.Value)
		return r, true
	case *ast.AutoLink:
		r, _ := d.decode(n.Label(src))
		return r, true
	case *ast.Image, *ast.RawHTML:
		return 0, true
	}
	for c := d.inner(n); c != nil; c = d.sibling(c) {
		if r, ok := d.edge(c, src); ok {
			return r, true
		}
	}
	return 0, false
}
