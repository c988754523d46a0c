package review

import (
	"bytes"
	"fmt"
	"slices"
)

// frontMatter is a review file split into its YAML front matter and its
// Markdown body, with the line numbers each starts on, so that errors in
// either point at the real line of the file.
type frontMatter struct {
	YAML     []byte // the lines between the two "---" lines
	YAMLLine int    // the file line of the first YAML line
	Body     []byte
	BodyLine int // the file line of the first body line
}

// splitFrontMatter splits a cleaned source (LF line endings, no BOM). The
// front matter opens with a first line "---" and closes with the next line
// that is "---" or "..." (trailing spaces allowed).
func splitFrontMatter(src []byte) (frontMatter, *Finding) {
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if !isFence(first, false) {
		return frontMatter{}, &Finding{Line: 1, Col: 1, Severity: Error,
			Message: "no front matter: a review begins with a line '---', then its YAML fields, then another '---' line (run 'fupan new' for a template)"}
	}
	line := 2
	for off := 0; off <= len(rest); line++ {
		end := bytes.IndexByte(rest[off:], '\n')
		next := len(rest) + 1
		if end >= 0 {
			next = off + end + 1
		} else {
			end = len(rest) - off
		}
		if text := rest[off : off+end]; bytes.HasPrefix(text, bom) && isFence(bytes.TrimLeft(text, string(bom)), true) {
			return frontMatter{}, &Finding{Line: line, Col: 1, Severity: Error,
				Message: "a byte order mark (U+FEFF) before the line '---' that closes the front matter: remove it (was a file pasted in here?)"}
		}
		if isFence(rest[off:off+end], true) {
			fm := frontMatter{YAML: rest[:off], YAMLLine: 2, BodyLine: line + 1}
			if next <= len(rest) {
				fm.Body = rest[next:]
			}
			return fm, nil
		}
		off = next
	}
	return frontMatter{}, &Finding{Line: 1, Col: 1, Severity: Error,
		Message: "the front matter opened here is never closed: add a line '---' after the last field"}
}

func isFence(line []byte, closing bool) bool {
	line = bytes.TrimRight(line, " \t")
	return string(line) == "---" || closing && string(line) == "..."
}

// strayFence returns the finding on a front matter closed too early: by a
// line "---" with fields of the contract below it ("status: final" as
// the body's first line), which the body would swallow while check said
// they were missing.
func strayFence(fm frontMatter) (Finding, bool) {
	line := fm.BodyLine
	for text := range bytes.Lines(fm.Body) {
		text = bytes.TrimRight(text, "\n")
		if len(bytes.TrimSpace(text)) == 0 {
			line++
			continue
		}
		key, _, ok := bytes.Cut(text, []byte(":"))
		if !ok || !slices.Contains(fields()[""].Fields, string(key)) {
			return Finding{}, false
		}
		return Finding{Line: fm.BodyLine - 1, Col: 1, Severity: Warning, Message: fmt.Sprintf(
			"this line ends the front matter, but fields go on below it (%s on line %d): remove the line, or move those fields above it", key, line)}, true
	}
	return Finding{}, false
}
