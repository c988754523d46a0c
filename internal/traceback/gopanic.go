package traceback

import (
	"strconv"
	"strings"
)

// The prefixes of the first line of a Go panic and of a fatal runtime
// error; the space after the colon is gone from a line with no value once
// trailing white space is trimmed.
const (
	goPanic = "panic:"
	goFatal = "fatal error:"
)

// isGo reports whether s, the first line of a text, starts a Go panic or
// a fatal runtime error.
func isGo(s string) bool {
	_, ok := goHead(s)
	return ok
}

// goHead returns the value of the first line of a Go panic or of a fatal
// runtime error, and whether s is such a line: "panic:" or "fatal
// error:", alone or followed by a space.
func goHead(s string) (value string, ok bool) {
	for _, prefix := range []string{goPanic, goFatal} {
		if rest, found := strings.CutPrefix(s, prefix); found && (rest == "" || rest[0] == ' ') {
			return panicValue(rest), true
		}
	}
	return "", false
}

// panicValue returns the value of a "panic: " or "fatal error: " line
// (already cut from its prefix) without the " [recovered]" or
// " [recovered, repanicked]" that the runtime appends to a panic that was
// recovered and raised again.
func panicValue(s string) string {
	for _, suffix := range []string{" [recovered]", " [recovered, repanicked]"} {
		s = strings.TrimSuffix(s, suffix)
	}
	return strings.TrimSpace(s)
}

// parseGo parses a Go panic: the "panic: " line, the indented "panic: "
// lines of panics raised while it was handled, an optional "[signal …]"
// line, and the stack of the first goroutine printed.
func parseGo(lines []line) (*Traceback, error) {
	first := lines[0]
	value, _ := goHead(first.text)
	if value == "" {
		return nil, &Error{Line: first.num, Msg: "Go panic has no value: expected a line like \"panic: assignment to entry in nil map\""}
	}
	tb := &Traceback{Language: Go, Chain: []Exception{{Type: value, Line: first.num}}}
	i := 1
	for ; i < len(lines); i++ {
		l := lines[i]
		if isGoroutineHeader(l.text) {
			break
		}
		if rest, ok := strings.CutPrefix(l.trimmed(), goPanic+" "); ok && l.indented() {
			if v := panicValue(rest); v != "" {
				tb.Chain = append(tb.Chain, Exception{Type: v, Line: l.num})
			}
		}
		// Anything else is the "[signal …]" line or the rest of a
		// multi-line panic value.
	}
	if i < len(lines) {
		tb.Chain[0].Frames = goFrames(lines[i+1:])
	}
	return tb, nil
}

// isGoroutineHeader reports whether s is a line like "goroutine 1
// [running]:" (with GOTRACEBACK=system, "goroutine 1 gp=… [running]:").
func isGoroutineHeader(s string) bool {
	return strings.HasPrefix(s, "goroutine ") && strings.HasSuffix(s, "]:")
}

// goFrames parses the frames of one goroutine: pairs of a function line
// and an indented file:line, up to the first line that is neither (the
// blank line that ends the stack, "exit status 2"). "created by" lines
// (the caller of the go statement, not a frame of the stack) and
// "...additional frames elided..." are skipped.
func goFrames(lines []line) []Frame {
	var frames []Frame
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l.text == "...additional frames elided..." {
			continue
		}
		if l.text == "" || l.indented() || i+1 == len(lines) || !lines[i+1].indented() {
			break
		}
		i++
		if strings.HasPrefix(l.text, "created by ") {
			continue
		}
		f := Frame{Function: goFunction(l.text)}
		f.File, f.Line = goLocation(lines[i].trimmed())
		frames = append(frames, f)
	}
	return frames
}

// goFunction returns the function of a function line without its
// arguments: "main.(*Server).handle(0xc000010000, {0x0, 0x0})" is
// "main.(*Server).handle".
func goFunction(s string) string {
	if strings.HasSuffix(s, ")") {
		if i := strings.LastIndex(s, "("); i > 0 {
			return s[:i]
		}
	}
	return s
}

// goLocation parses a file line without its indentation,
// "/app/server.go:42 +0x1d", into the file and the line. A line it
// cannot read is all file, with line 0.
func goLocation(s string) (string, int) {
	for _, tail := range []string{" +0x", " fp=0x"} {
		if i := strings.Index(s, tail); i >= 0 {
			s = s[:i]
		}
	}
	if file, num, ok := cutLast(s, ":"); ok {
		if n, err := strconv.Atoi(num); err == nil && n >= 0 {
			return file, n
		}
	}
	return s, 0
}
