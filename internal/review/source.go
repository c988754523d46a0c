package review

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// MaxFileSize is the largest review file the checker reads. Reviews are
// prose and front matter; logs and dumps belong behind a link.
const MaxFileSize = 1 << 20

var bom = []byte("\uFEFF")

// cleanSource checks that data is a text file fupan can read and returns it
// with a UTF-8 byte order mark removed (one: a second is an error) and CRLF and CR line endings made LF
// (which keeps every line number as editors count them). The error, if any, is a Finding without File.
func cleanSource(data []byte) ([]byte, *Finding) {
	if len(data) > MaxFileSize {
		return nil, tooBigFinding(int64(len(data)))
	}
	if enc := utfBOM(data); enc != "" {
		return nil, &Finding{Line: 1, Col: 1, Severity: Error, Message: fmt.Sprintf(
			"the file is %s (it begins with a %s byte order mark): save it as UTF-8", enc, enc)}
	}
	data = bytes.TrimPrefix(data, bom)
	if bytes.HasPrefix(data, bom) {
		// Column 1 as an editor shows it: it hides the first mark and
		// shows the second as the first character.
		return nil, &Finding{Line: 1, Col: 1, Severity: Error, Message: "a second byte order mark (U+FEFF) at the start of the file, after the first: remove it (a file begins with at most one)"}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := position(data, i)
		return nil, &Finding{Line: line, Col: col, Severity: Error, Message: "the file holds a NUL byte: a review is UTF-8 text; remove the byte (was a binary file saved as .md?)"}
	}
	if !utf8.Valid(data) {
		i := firstInvalidUTF8(data)
		line, col := position(data, i)
		return nil, &Finding{Line: line, Col: col, Severity: Error, Message: fmt.Sprintf(
			"invalid UTF-8 (byte 0x%02x): save the file as UTF-8", data[i])}
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		// CRLF, and a lone CR as YAML and editors read it: one line break.
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data, nil
}

// utfBOM returns the encoding whose byte order mark data begins with, when
// it is UTF-16 or UTF-32, else "".
func utfBOM(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}):
		return "UTF-32"
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return "UTF-16"
	}
	return ""
}

// tooBigFinding is the finding on a file of size bytes, over MaxFileSize.
func tooBigFinding(size int64) *Finding {
	return &Finding{Line: 1, Col: 1, Severity: Error, Message: fmt.Sprintf(
		"the file is %s, larger than the %s a review may be: move logs and dumps out of the review and link to them",
		byteSize(size), byteSize(MaxFileSize))}
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// position returns the 1-based line and column (in characters) of byte
// offset off in b.
func position(b []byte, off int) (line, col int) {
	if off > len(b) {
		off = len(b)
	}
	line = 1 + bytes.Count(b[:off], []byte("\n"))
	start := bytes.LastIndexByte(b[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(b[start:off])
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
