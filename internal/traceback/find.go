package traceback

import "strings"

// MayStart reports whether Parse could accept a text whose first
// non-blank line is line, by that line alone: a Python header, a Go
// "panic:" or "fatal error:" line, or the head of a Java stack trace. (A
// Python chain can also start with a bare exception line; see
// IsChainSeparator.) Finding a traceback in a log, a line for which
// MayStart is false need not be tried as its start, unless a chain
// separator follows it.
func MayStart(line string) bool {
	t := strings.TrimLeft(strings.TrimRight(line, " \t\r\n"), " \t")
	if t == pythonHeader {
		return true
	}
	for _, prefix := range []string{goPanic, goFatal} {
		if t == prefix || strings.HasPrefix(t, prefix+" ") {
			return true
		}
	}
	_, _, ok := javaHead(t)
	return ok
}

// IsChainSeparator reports whether line is one of the lines that join the
// blocks of a chained Python traceback ("During handling of the above
// exception…", "The above exception was the direct cause…").
func IsChainSeparator(line string) bool {
	return isPythonSeparator(strings.TrimLeft(strings.TrimRight(line, " \t\r\n"), " \t"))
}
