// Package highlight adds to chroma what it lacks for incident reviews: a
// lexer for tracebacks (Python tracebacks, Java stack traces and Go panics),
// registered as "traceback" with the aliases "pytb", "python-traceback",
// "javatrace" and "gopanic", so that a fenced code block in a review body
// is highlighted too.
//
// The lexer works line by line: each line is told apart by its shape: the
// header, a frame, the source line under it, the chaining sentences, the
// final exception.
package highlight

import (
	. "github.com/alecthomas/chroma/v2" // nolint: the lexer DSL reads better unqualified
	"github.com/alecthomas/chroma/v2/lexers"
)

// Traceback is the traceback lexer, registered with chroma's lexers.
var Traceback = lexers.Register(MustNewLexer(
	&Config{
		Name:      "Traceback",
		Aliases:   []string{"traceback", "pytb", "python-traceback", "javatrace", "gopanic"},
		Filenames: []string{"*.pytb", "*.tb"},
		MimeTypes: []string{"text/x-python-traceback"},
	},
	tracebackRules,
))

func tracebackRules() Rules {
	return Rules{
		"root": {
			// Python.
			rule(`^Traceback \(most recent call last\):\n`, GenericHeading),
			rule(`^(  File )("[^"\n]*")(, line )(\d+)(, in )(.+?)(\n)`, ByGroups(Text, LiteralString, Text, LiteralNumber, Text, NameFunction, Text)),
			rule(`^(During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:)(\n)`, ByGroups(GenericSubheading, Text)),
			rule(`^(    )(\s*[~^]+\s*)(\n)`, ByGroups(Text, GenericError, Text)), // 3.11 carets
			// The source line under a frame stays plain: handing each
			// to the Python lexer costs more than the rest together.
			rule(`^(    )(.+)(\n)`, ByGroups(Text, Text, Text)),

			// Java.
			rule(`^(\s+at )([\w$.<>/]+)(\()([^)\n]*)(\))(.*\n)`, ByGroups(Text, NameFunction, Punctuation, LiteralString, Punctuation, Text)),
			rule(`^(\s+\.\.\. \d+ (?:more|common frames omitted))(\n)`, ByGroups(Comment, Text)),
			rule(`^(Caused by: |Suppressed: )([\w$.]+)(: .*)?(\n)`, ByGroups(GenericSubheading, GenericError, Text, Text)),
			rule(`^(Exception in thread )("[^"\n]*")( )([\w$.]+)(: .*)?(\n)`, ByGroups(GenericSubheading, LiteralString, Text, GenericError, Text, Text)),

			// Go.
			rule(`^(panic: )(.+?)(\n)`, ByGroups(GenericSubheading, GenericError, Text)),
			rule(`^(goroutine \d+ \[[^\]\n]*\]:)(\n)`, ByGroups(GenericHeading, Text)),
			rule(`^(\t)([^\s:]+\.go)(:)(\d+)( \+0x[0-9a-f]+)?(\n)`, ByGroups(Text, LiteralString, Punctuation, LiteralNumber, Comment, Text)),
			rule(`^([\w./*()\-\[\]{}]+)(\(.*\))(\n)`, ByGroups(NameFunction, Text, Text)),

			// The final exception of Python or the top one of Java:
			// a dotted name, then ": message" or nothing.
			rule(`^([A-Za-z_][\w$]*(?:\.[A-Za-z_][\w$]*)*)(: )(.*)(\n)`, ByGroups(GenericError, Punctuation, Text, Text)),
			rule(`^([A-Za-z_][\w$]*(?:\.[A-Za-z_][\w$]*)*)(\n)`, ByGroups(GenericError, Text)),
			rule(`.*\n`, Text),
		},
	}
}

// rule is a chroma rule that emits its match as typ, staying in the state.
func rule(pattern string, typ Emitter) Rule { return Rule{Pattern: pattern, Type: typ} }
