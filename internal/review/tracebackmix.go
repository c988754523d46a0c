package review

import (
	"strings"

	"github.com/fupan/fupan/internal/traceback"
)

// tracebackHeaders are the lines that begin a traceback of each language
// and can begin nothing else: a line of the traceback field that starts
// with one of another language than the traceback's begins a second
// traceback, pasted after the first.
var tracebackHeaders = []struct {
	prefix string
	lang   traceback.Language
}{
	{"Traceback (most recent call last):", traceback.Python},
	{`Exception in thread "`, traceback.Java},
	{"panic: ", traceback.Go},
	{"fatal error: ", traceback.Go},
}

var languageNames = map[traceback.Language]string{
	traceback.Python: "a Python traceback",
	traceback.Java:   "a Java stack trace",
	traceback.Go:     "a Go panic",
}

// otherLanguage returns the 0-based line of text, a traceback parsed as
// lang, where a traceback of another language begins, and that language.
// A Java stack trace printed inside a Python exception's message (PySpark's
// Py4JJavaError) has no such header, and is not one.
func otherLanguage(text string, lang traceback.Language) (int, traceback.Language, bool) {
	tried := 0
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		if i == 0 {
			continue
		}
		line = strings.TrimLeft(line, " \t")
		for _, h := range tracebackHeaders {
			if h.lang == lang || !strings.HasPrefix(line, h.prefix) {
				continue
			}
			if tried++; tried > 20 {
				return 0, "", false
			}
			if tb, err := traceback.Parse(strings.Join(lines[i:], "\n")); err == nil && tb.Language != lang {
				return i, tb.Language, true
			}
		}
	}
	return 0, "", false
}
