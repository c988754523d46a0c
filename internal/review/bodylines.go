package review

import (
	"bytes"
	"iter"
)

// lineStart returns the offset in src of file line n (from 1): len(src)
// when src ends, with a newline, before line n, and -1 when it ends inside
// a line before n.
func lineStart(src []byte, n int) int {
	off := 0
	for line := 1; line < n && off < len(src); line++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	return off
}

// proseLines yields the offset in src and the text, without its newline,
// of each line from offset from on that is outside fenced code blocks.
// The lines that open and close one (codeFence) are not yielded.
func proseLines(src []byte, from int) iter.Seq2[int, []byte] {
	return func(yield func(int, []byte) bool) {
		var fence codeFence
		for off, line := range srcLines(src, from) {
			if !fence.step(line) && !fence.open() && !yield(off, line) {
				return
			}
		}
	}
}

// srcLines yields the offset in src and the text, without its newline, of
// each line from offset from on.
func srcLines(src []byte, from int) iter.Seq2[int, []byte] {
	return func(yield func(int, []byte) bool) {
		for off := from; off < len(src); {
			end := bytes.IndexByte(src[off:], '\n')
			if end < 0 {
				end = len(src) - off
			}
			if !yield(off, src[off:off+end]) {
				return
			}
			off += end + 1
		}
	}
}

// codeFence follows the fenced code blocks of Markdown, line by line, as
// CommonMark reads them: a line that starts, after spaces, with three or
// more ` or ~ opens a block, which the next line of only the same
// character, at least as many, closes. Its zero value is outside any
// block.
type codeFence struct {
	char byte // the fence character of the open block; 0 outside
	n    int  // its length
}

// step reads the next line and reports whether it opens or closes a block.
func (c *codeFence) step(line []byte) bool {
	t := bytes.TrimLeft(line, " ")
	if len(t) < 3 || t[0] != '`' && t[0] != '~' {
		return false
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 {
		return false
	}
	if c.char == 0 {
		if t[0] == '`' && bytes.IndexByte(t[n:], '`') >= 0 {
			return false // an inline code span, not a fence
		}
		c.char, c.n = t[0], n
		return true
	}
	if t[0] == c.char && n >= c.n && len(bytes.TrimRight(t[n:], " \t")) == 0 {
		c.char, c.n = 0, 0
		return true
	}
	return false
}

// open reports whether the lines read so far end inside a block.
func (c *codeFence) open() bool { return c.char != 0 }
