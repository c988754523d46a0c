package main

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/fupan/fupan/internal/search"
)

// readLog returns what CutLog returns of the whole input, and its size,
// however the reader hands it over.
func TestReadLog(t *testing.T) {
	for _, size := range []int{0, 10, search.MaxLog, search.MaxLog + 1, 3*search.MaxLog + 7} {
		var b strings.Builder
		for i := 0; b.Len() < size; i++ {
			b.WriteString(strings.Repeat("x", i%200) + "\n")
		}
		text := b.String()[:size]
		for name, r := range map[string]io.Reader{
			"whole":         strings.NewReader(text),
			"a byte a time": iotest.OneByteReader(strings.NewReader(text)),
			"half a buffer": iotest.HalfReader(strings.NewReader(text)),
		} {
			got, n, err := readLog(r)
			if err != nil || n != int64(size) || got != search.CutLog(text) {
				t.Errorf("%d bytes, %s: %d bytes of text, size %d, %v; want %d bytes, size %d", size, name, len(got), n, err, len(search.CutLog(text)), size)
			}
		}
	}
	if _, _, err := readLog(iotest.ErrReader(io.ErrUnexpectedEOF)); err != io.ErrUnexpectedEOF {
		t.Errorf("a failing reader: %v", err)
	}
}
