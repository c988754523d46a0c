package traceback

import (
	"fmt"
	"strings"
)

// Language is the language whose traceback format a text was parsed as.
type Language string

// The languages Parse recognises.
const (
	Python Language = "python"
	Java   Language = "java"
	Go     Language = "go"
)

// A Frame is one call on the stack as the traceback prints it.
type Frame struct {
	// File is the source file of the frame: "/app/cache.py",
	// "ConsumerCoordinator.java", "/app/server.go". For a Java frame
	// without a file:line location it is the text in the parentheses,
	// "Native Method" or "Unknown Source", and Line is 0.
	File string
	// Line is the line number in File, or 0 when the traceback gives none.
	Line int
	// Function is the function, method or code object that was running:
	// "get_user_profile", "<module>", "com.acme.Foo.bar",
	// "main.(*Server).handle".
	Function string
}

// An Exception is one exception (or panic value) of a traceback.
type Exception struct {
	// Type names the exception: "requests.exceptions.ConnectTimeout",
	// "java.net.SocketTimeoutException". For a Go panic it is the whole
	// panic value, "runtime error: invalid memory address or nil pointer
	// dereference", with a trailing " [recovered]" removed.
	Type string
	// Message is the text after the first ": " of the exception line,
	// "" when the line has none. Only the exception line itself is kept:
	// the further lines of a multi-line message are not. For a Go panic,
	// whose value is all in Type, Message is always "".
	Message string
	// Line is the 1-based line of the input text that holds the
	// exception line (the "panic: " line for Go).
	Line int
	// Frames are the frames that belong to this exception, in the order
	// printed (outermost call first for Python, innermost first for Java
	// and Go).
	Frames []Frame
}

// A Traceback is a parsed Python traceback, Java stack trace or Go panic.
type Traceback struct {
	Language Language
	// Chain holds the exceptions in the order printed. See the package
	// documentation for what the order means in each language; Final
	// picks the final exception out of it.
	Chain []Exception
}

// Final returns the final exception of the traceback as the review format
// defines it: the last exception printed for Python, the first one for
// Java (the top exception; the others are its "Caused by:" causes) and for
// Go (the first panic; the others are panics raised while it was being
// handled). Final returns the zero Exception when Chain is empty.
func (t *Traceback) Final() Exception {
	if len(t.Chain) == 0 {
		return Exception{}
	}
	if t.Language == Python {
		return t.Chain[len(t.Chain)-1]
	}
	return t.Chain[0]
}

// An Error is a traceback that Parse cannot read, with the line of the
// input text where the problem is.
type Error struct {
	Line int    // 1-based line in the input text
	Msg  string // what is wrong
}

func (e *Error) Error() string {
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// accepted is the part of the error message that lists the shapes Parse
// accepts.
const accepted = `expected a Python traceback (starting "Traceback (most recent call last):"), ` +
	`a Java stack trace (starting "java.net.SocketTimeoutException: Read timed out" ` +
	`or "Exception in thread \"main\" …", followed by "\tat …" frames) ` +
	`or a Go panic (starting "panic: …" or "fatal error: …")`

// Parse parses text as a Python traceback, a Java stack trace or a Go
// panic, deciding which by its first non-blank line. It returns an *Error
// when text is empty, is none of the three, or has no final exception.
func Parse(text string) (*Traceback, error) {
	lines := splitLines(text)
	if len(lines) == 0 {
		return nil, &Error{Line: 1, Msg: "empty traceback; " + accepted}
	}
	switch {
	case isGo(lines[0].text):
		return parseGo(lines)
	case isPython(lines):
		return parsePython(lines)
	case isJava(lines):
		return parseJava(lines)
	}
	return nil, &Error{Line: lines[0].num, Msg: "not a traceback: " + accepted}
}

// A line is one line of the input text.
type line struct {
	num  int    // 1-based line number in the input text
	text string // with the common indentation and trailing white space removed
}

// indented reports whether the line starts with white space, that is,
// whether it is not at column 0 once the common indentation is removed.
func (l line) indented() bool {
	return l.text != "" && (l.text[0] == ' ' || l.text[0] == '\t')
}

// trimmed returns the text of the line without its indentation.
func (l line) trimmed() string {
	return strings.TrimLeft(l.text, " \t")
}

// splitLines splits text into lines, accepting "\n" and "\r\n" endings.
// It removes trailing white space from every line and the indentation
// common to all non-blank lines (a traceback pasted indented into YAML or
// Markdown), and drops the blank lines before the first and after the last
// non-blank line. Line numbers stay those of the input.
func splitLines(text string) []line {
	raw := strings.Split(text, "\n")
	var lines []line
	var indent string
	for i, s := range raw {
		s = strings.TrimRight(s, " \t\r")
		if s == "" {
			if len(lines) > 0 {
				lines = append(lines, line{num: i + 1})
			}
			continue
		}
		ws := s[:len(s)-len(strings.TrimLeft(s, " \t"))]
		if len(lines) == 0 {
			indent = ws
		} else {
			indent = commonPrefix(indent, ws)
		}
		lines = append(lines, line{num: i + 1, text: s})
	}
	for len(lines) > 0 && lines[len(lines)-1].text == "" {
		lines = lines[:len(lines)-1]
	}
	for i := range lines {
		lines[i].text = strings.TrimPrefix(lines[i].text, indent)
	}
	return lines
}

func commonPrefix(a, b string) string {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return a[:i]
		}
	}
	return a[:n]
}

// cutMessage splits an exception line at its first ": " into the type and
// the message. A line ending in ":" with no ": " (an exception whose
// message is empty or starts on the next line) is all type.
func cutMessage(s string) (typ, msg string) {
	typ, msg, ok := strings.Cut(s, ": ")
	if !ok {
		typ = strings.TrimSuffix(s, ":")
	}
	return typ, msg
}
