// Package highlight adds to chroma what it lacks for incident reviews: a
// lexer for tracebacks (Python tracebacks, Java stack traces and Go panics),
// registered as "traceback" with the aliases "pytb", "python-traceback",
// "javatrace" and "gopanic", so that a fenced code block in a review body
// is highlighted too; and a compact HTML form of chroma's tokens (Format):
// a span only where chroma.css gives a token a look, no per-line wrappers.
//
// The lexer works line by line: each line is told apart by its shape: the
// header, a frame, the source line under it, the chaining sentences, the
// final exception.
// Its rules are chroma rules, run by Go's regexp package rather than
// chroma's regexp2 (goLexer): the same tokens, several times faster.
package highlight

import (
	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// tracebackRegexp is the traceback lexer as chroma runs it, with its
// regexp engine (regexp2).
var tracebackRegexp = chroma.MustNewLexer(
	&chroma.Config{
		Name:      "Traceback",
		Aliases:   []string{"traceback", "pytb", "python-traceback", "javatrace", "gopanic"},
		Filenames: []string{"*.pytb", "*.tb"},
		MimeTypes: []string{"text/x-python-traceback"},
	},
	tracebackRules,
)

// Traceback is the traceback lexer, registered with chroma's lexers: its
// rules run by Go's regexp package, the same tokens as tracebackRegexp in
// a fraction of the time (see goLexer).
var Traceback = lexers.Register(mustGoLexer(tracebackRegexp, tracebackRules()["root"]))

func tracebackRules() chroma.Rules {
	return chroma.Rules{
		"root": {
			// Python.
			rule(`^Traceback \(most recent call last\):\n`, chroma.GenericHeading),
			rule(`^(  File )("[^"\n]*")(, line )(\d+)(, in )(.+?)(\n)`, chroma.ByGroups(chroma.Text, chroma.LiteralString, chroma.Text, chroma.LiteralNumber, chroma.Text, chroma.NameFunction, chroma.Text)),
			rule(`^(During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:)(\n)`, chroma.ByGroups(chroma.GenericSubheading, chroma.Text)),
			rule(`^(    )(\s*[~^]+\s*)(\n)`, chroma.ByGroups(chroma.Text, chroma.GenericError, chroma.Text)), // 3.11 carets
			// The source line under a frame stays plain: handing each
			// to the Python lexer costs more than the rest together.
			rule(`^(    )(.+)(\n)`, chroma.ByGroups(chroma.Text, chroma.Text, chroma.Text)),

			// Java.
			rule(`^(\s+at )([\w$.<>/]+)(\()([^)\n]*)(\))(.*\n)`, chroma.ByGroups(chroma.Text, chroma.NameFunction, chroma.Punctuation, chroma.LiteralString, chroma.Punctuation, chroma.Text)),
			rule(`^(\s+\.\.\. \d+ (?:more|common frames omitted))(\n)`, chroma.ByGroups(chroma.Comment, chroma.Text)),
			rule(`^(Caused by: |Suppressed: )([\w$.]+)(: .*)?(\n)`, chroma.ByGroups(chroma.GenericSubheading, chroma.GenericError, chroma.Text, chroma.Text)),
			rule(`^(Exception in thread )("[^"\n]*")( )([\w$.]+)(: .*)?(\n)`, chroma.ByGroups(chroma.GenericSubheading, chroma.LiteralString, chroma.Text, chroma.GenericError, chroma.Text, chroma.Text)),

			// Go.
			rule(`^(panic: )(.+?)(\n)`, chroma.ByGroups(chroma.GenericSubheading, chroma.GenericError, chroma.Text)),
			rule(`^(goroutine \d+ \[[^\]\n]*\]:)(\n)`, chroma.ByGroups(chroma.GenericHeading, chroma.Text)),
			rule(`^(\t)([^\s:]+\.go)(:)(\d+)( \+0x[0-9a-f]+)?(\n)`, chroma.ByGroups(chroma.Text, chroma.LiteralString, chroma.Punctuation, chroma.LiteralNumber, chroma.Comment, chroma.Text)),
			rule(`^([\w./*()\-\[\]{}]+)(\(.*\))(\n)`, chroma.ByGroups(chroma.NameFunction, chroma.Text, chroma.Text)),

			// The final exception of Python or the top one of Java:
			// a dotted name, then ": message" or nothing.
			rule(`^([A-Za-z_][\w$]*(?:\.[A-Za-z_][\w$]*)*)(: )(.*)(\n)`, chroma.ByGroups(chroma.GenericError, chroma.Punctuation, chroma.Text, chroma.Text)),
			rule(`^([A-Za-z_][\w$]*(?:\.[A-Za-z_][\w$]*)*)(\n)`, chroma.ByGroups(chroma.GenericError, chroma.Text)),
			rule(`.*\n`, chroma.Text),
		},
	}
}

// rule is a chroma rule that emits its match as typ, staying in the state.
func rule(pattern string, typ chroma.Emitter) chroma.Rule {
	return chroma.Rule{Pattern: pattern, Type: typ}
}
