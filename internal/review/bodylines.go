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
// of each line from offset from on that is outside fenced code blocks. A
// line that starts, after spaces, with ``` or ~~~ opens or closes one,
// and is not yielded.
func proseLines(src []byte, from int) iter.Seq2[int, []byte] {
	return func(yield func(int, []byte) bool) {
		fenced := false
		for off := from; off < len(src); {
			end := bytes.IndexByte(src[off:], '\n')
			if end < 0 {
				end = len(src) - off
			}
			line := src[off : off+end]
			if isCodeFence(line) {
				fenced = !fenced
			} else if !fenced && !yield(off, line) {
				return
			}
			off += end + 1
		}
	}
}

// isCodeFence reports whether line opens or closes a fenced code block.
func isCodeFence(line []byte) bool {
	t := bytes.TrimLeft(line, " ")
	return bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~"))
}
