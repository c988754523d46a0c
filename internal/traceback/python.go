package traceback

import (
	"strconv"
	"strings"
	"unicode"
)

const (
	pythonHeader = "Traceback (most recent call last):"
	// The lines that join the tracebacks of a chain.
	pythonContext = "During handling of the above exception, another exception occurred:"
	pythonCause   = "The above exception was the direct cause of the following exception:"
)

// isPython reports whether lines start with a Python traceback header or
// hold a chain separator (a chain whose first exception was never raised
// prints no header).
func isPython(lines []line) bool {
	if lines[0].text == pythonHeader {
		return true
	}
	for _, l := range lines {
		if isPythonSeparator(l.text) {
			return true
		}
	}
	return false
}

func isPythonSeparator(s string) bool {
	return s == pythonContext || s == pythonCause
}

// parsePython parses a Python traceback: blocks joined by chain
// separators, each an optional header, frames with their source and caret
// lines, and an exception line at column 0.
func parsePython(lines []line) (*Traceback, error) {
	tb := &Traceback{Language: Python}
	i := 0
	for {
		start := lines[i]
		exc, found := Exception{}, false
		var frames []Frame
		for ; i < len(lines); i++ {
			l := lines[i]
			if isPythonSeparator(l.text) {
				break
			}
			if found || l.text == "" {
				continue // the rest of a multi-line message
			}
			if l.indented() {
				// A frame, or a source, caret or "[Previous line
				// repeated N more times]" line under one.
				if f, ok := pythonFrame(l.trimmed()); ok {
					frames = append(frames, f)
				}
				continue
			}
			typ, msg := cutMessage(l.text)
			if isPythonName(typ) {
				exc = Exception{Type: typ, Message: msg, Line: l.num}
				found = true
			}
		}
		if !found {
			return nil, &Error{Line: start.num, Msg: "Python traceback has no exception line: " +
				`expected a line at column 0 like "KeyError: 'user_id'" or "requests.exceptions.ConnectTimeout" after the frames`}
		}
		exc.Frames = frames
		tb.Chain = append(tb.Chain, exc)
		if i == len(lines) {
			return tb, nil
		}
		sep := lines[i]
		for i++; i < len(lines) && lines[i].text == ""; i++ {
		}
		if i == len(lines) {
			return nil, &Error{Line: sep.num, Msg: "no traceback follows the chain separator " + strconv.Quote(sep.text)}
		}
	}
}

// pythonFrame parses a frame line without its indentation:
//
//	File "/app/cache.py", line 42, in get_user_profile
//
// The ", in function" part is absent from the frames of a SyntaxError.
func pythonFrame(s string) (Frame, bool) {
	rest, ok := strings.CutPrefix(s, `File "`)
	if !ok {
		return Frame{}, false
	}
	file, rest, ok := strings.Cut(rest, `", line `)
	if !ok {
		return Frame{}, false
	}
	num, fn, _ := strings.Cut(rest, ", in ")
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 {
		return Frame{}, false
	}
	return Frame{File: file, Line: n, Function: fn}, true
}

// isPythonName reports whether s is a dotted Python name as an exception
// line prints it: "KeyError", "psycopg2.errors.QueryCanceled". A class
// defined in a function prints a "<locals>" part, "f.<locals>.Err".
func isPythonName(s string) bool {
	if s == "" {
		return false
	}
	for part := range strings.SplitSeq(s, ".") {
		if part != "<locals>" && !isIdentifier(part, "") {
			return false
		}
	}
	return true
}

// isIdentifier reports whether s is a letter or "_" followed by letters,
// digits, "_" and the runes in extra.
func isIdentifier(s, extra string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || unicode.IsLetter(r) || strings.ContainsRune(extra, r):
		case i > 0 && unicode.IsDigit(r):
		default:
			return false
		}
	}
	return true
}
