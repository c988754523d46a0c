package traceback

import (
	"strconv"
	"strings"
	"unicode"
)

const (
	javaThread    = `Exception in thread "`
	javaCausedBy  = "Caused by: "
	javaSupressed = "Suppressed: "
)

// isJava reports whether lines start with a Java exception line followed,
// somewhere, by an "\tat" frame or a "Caused by:" line; an "Exception in
// thread" line needs neither.
func isJava(lines []line) bool {
	if _, _, ok := javaHead(lines[0].text); !ok {
		return false
	}
	if strings.HasPrefix(lines[0].text, javaThread) {
		return true
	}
	for _, l := range lines[1:] {
		if l.indented() && strings.HasPrefix(l.trimmed(), "at ") || strings.HasPrefix(l.text, javaCausedBy) {
			return true
		}
	}
	return false
}

// javaHead parses the first line of a Java stack trace, with or without
// the `Exception in thread "name" ` that the default handler prints.
func javaHead(s string) (typ, msg string, ok bool) {
	rest, ok := strings.CutPrefix(s, javaThread)
	if !ok {
		return javaException(s)
	}
	// The thread name may itself hold `" `: try each end in turn. Only an
	// end followed by a run of the runes of a class name and then ": ",
	// ":" or nothing can be the one, so each part of the line is read
	// once, however many `" ` it holds.
	for i := strings.Index(rest, `" `); i >= 0; {
		cand := rest[i+2:]
		n := classRun(cand)
		if tail := cand[n:]; tail == "" || tail == ":" || strings.HasPrefix(tail, ": ") {
			if typ, msg, ok := javaException(cand); ok {
				return typ, msg, true
			}
		}
		j := strings.Index(cand[n:], `" `)
		if j < 0 {
			break
		}
		i += 2 + n + j
	}
	return "", "", false
}

// classRun returns the length of the longest prefix of s made of the
// runes a binary class name may hold: letters, digits, "_", "$" and ".".
func classRun(s string) int {
	for i, r := range s {
		if !(r == '_' || r == '$' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return i
		}
	}
	return len(s)
}

// javaException parses "java.net.SocketTimeoutException: Read timed out".
func javaException(s string) (typ, msg string, ok bool) {
	typ, msg = cutMessage(s)
	if !isJavaClass(typ) {
		return "", "", false
	}
	return typ, msg, true
}

// isJavaClass reports whether s is a binary class name such as
// "java.net.SocketTimeoutException" or "com.acme.Outer$Inner".
func isJavaClass(s string) bool {
	if s == "" {
		return false
	}
	for part := range strings.SplitSeq(s, ".") {
		if !isIdentifier(part, "$") {
			return false
		}
	}
	return true
}

// parseJava parses a Java stack trace: the top exception, its frames, and
// the "Caused by:" exceptions at column 0 with theirs. "... N more" lines
// are dropped; so are "Suppressed:" exceptions with everything indented
// under them, up to the next "Caused by:" at column 0. Other lines (the
// rest of a multi-line message, log lines) are ignored.
func parseJava(lines []line) (*Traceback, error) {
	typ, msg, _ := javaHead(lines[0].text)
	tb := &Traceback{Language: Java, Chain: []Exception{{Type: typ, Message: msg, Line: lines[0].num}}}
	cur := &tb.Chain[0]
	suppressed := false
	for _, l := range lines[1:] {
		if rest, ok := strings.CutPrefix(l.text, javaCausedBy); ok {
			typ, msg, ok := javaException(rest)
			if !ok {
				return nil, &Error{Line: l.num, Msg: "\"Caused by:\" names no exception class: " + strconv.Quote(rest)}
			}
			tb.Chain = append(tb.Chain, Exception{Type: typ, Message: msg, Line: l.num})
			cur = &tb.Chain[len(tb.Chain)-1]
			suppressed = false
			continue
		}
		if suppressed || !l.indented() {
			continue
		}
		s := l.trimmed()
		switch {
		case strings.HasPrefix(s, javaSupressed):
			suppressed = true
		case strings.HasPrefix(s, "at "):
			cur.Frames = append(cur.Frames, javaFrame(s[len("at "):]))
		}
	}
	return tb, nil
}

// javaFrame parses a frame after its "at ":
//
//	com.acme.Foo.bar(Foo.java:42)
//	java.base/java.net.SocketInputStream.socketRead0(Native Method)
//	app//com.acme.Foo.bar(Unknown Source) ~[app.jar:na]
//
// The module or class loader before the last "/" of the method is
// dropped. A frame it cannot read keeps the text as its Function.
func javaFrame(s string) Frame {
	fn, loc, ok := strings.Cut(s, "(")
	loc, _, closed := strings.Cut(loc, ")")
	if !ok || !closed {
		return Frame{Function: s}
	}
	if i := strings.LastIndex(fn, "/"); i >= 0 {
		fn = fn[i+1:]
	}
	f := Frame{File: loc, Function: fn}
	if file, num, ok := cutLast(loc, ":"); ok {
		if n, err := strconv.Atoi(num); err == nil && n >= 0 {
			f.File, f.Line = file, n
		}
	}
	return f
}

// cutLast is strings.Cut at the last sep.
func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}
