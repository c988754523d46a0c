package traceback

import (
	"math"
	"strings"
)

// Find finds the traceback in a log: the first line from which Parse
// accepts the rest of text, as if Parse were tried on the text from each
// line in turn, skipping lines that are blank (only Unicode white space).
// It returns the byte offset of that line and what Parse returns for
// text[start:], so line numbers in the traceback count from that line.
// When Parse accepts the text from no line, Find returns the offset of the
// first line that is not blank and the error Parse gives from there, or
// -1 and Parse's error for an empty text when every line is blank.
//
// Find takes time linear in the length of text, however many of its lines
// may start a traceback that the rest of the log then fails to complete.
// It reads the lines once, from the last to the first, and tells from what
// it has seen below each line whether Parse would accept the text from
// there; then it parses once.
//
// What makes this possible is how Parse reads a text. The indentation it
// removes is common to every non-blank line from the start to the end, so
// it only shrinks as the start moves up, and it splits the lines into
// runs ("groups") read with the same indentation. From a start in one
// group, every line of the groups below is indented deeper, so it can
// only be a frame: never an exception line, a chain separator or a
// "Caused by:". Whether Parse accepts the text from a start thus depends
// on the start's line, on the lines below it in its group, and, for Java,
// on whether an "at" frame follows anywhere below.
func Find(text string) (start int, tb *Traceback, err error) {
	start = findStart(text)
	if start < 0 {
		_, err := Parse("")
		return -1, nil, err
	}
	tb, err = Parse(text[start:])
	return start, tb, err
}

// findStart returns the offset of the first line from which Parse accepts
// the rest of text, or else of the first non-blank line, or -1.
func findStart(text string) int {
	var (
		found   = -1
		first   = -1
		indent  string // the indentation of the last non-blank line
		common  = -1   // the length of the indentation of the current group
		g       group
		laterAt bool // an "at " line in a group below
	)
	g.reset()
	// From the last line to the first: each is text[begin:end], without
	// its "\n".
	for end, more := len(text), true; more; {
		nl := strings.LastIndexByte(text[:end], '\n')
		begin, raw := nl+1, text[nl+1:end]
		end, more = max(nl, 0), nl >= 0
		s := strings.TrimRight(raw, " \t\r")
		if s == "" {
			continue // blank to Parse too
		}
		c := strings.TrimLeft(s, " \t")
		ws := s[:len(s)-len(c)]
		if common < 0 {
			indent, common = ws, len(ws)
		}
		if n := len(commonPrefix(ws, indent[:common])); n < common {
			// A new group, indented less: the lines seen so far are
			// all indented deeper than its lines.
			common = n
			laterAt = laterAt || g.anyAt
			g.reset()
		}
		col0 := len(ws) == common

		// Python: separators and exception lines from this line on.
		if col0 {
			if isPythonSeparator(c) {
				g.chainOK = g.nextExc < g.nextSep && (g.nextSep == none || g.chainOK)
				g.nextSep = begin
			} else if typ, _ := cutMessage(c); isPythonName(typ) {
				g.nextExc = begin
			}
		}

		if strings.TrimSpace(raw) != "" {
			first = begin
			if g.accepts(c, col0, laterAt) {
				found = begin
			}
		}

		// Java: "at " frames and "Caused by:" lines below the next line.
		if strings.HasPrefix(c, "at ") {
			g.anyAt = true
			g.indentedAt = g.indentedAt || !col0
		}
		if rest, ok := strings.CutPrefix(c, javaCausedBy); ok && col0 {
			g.causedBy = true
			if _, _, ok := javaException(rest); !ok {
				g.badCausedBy = true
			}
		}
	}
	if found >= 0 {
		return found
	}
	return first
}

// none is the position of a line that is not there.
const none = math.MaxInt

// A group holds what findStart has seen of the lines below the current one
// in its group: the lines with the same common indentation.
type group struct {
	nextSep int  // the offset of the next chain separator at column 0 from the current line on
	nextExc int  // the offset of the next Python exception line from the current line on
	chainOK bool // each part of the chain after nextSep has an exception line

	anyAt       bool // a line starting "at " below the current line
	indentedAt  bool // an indented one
	causedBy    bool // a "Caused by: " at column 0 below the current line
	badCausedBy bool // one that names no class
}

func (g *group) reset() {
	*g = group{nextSep: none, nextExc: none}
}

// accepts reports whether Parse accepts the text from a line whose text is
// c (without indentation), at column 0 of its group or not, given what is
// below it; laterAt tells whether a group below holds an "at " line.
func (g *group) accepts(c string, col0, laterAt bool) bool {
	if col0 {
		if value, ok := goHead(c); ok {
			return value != ""
		}
	}
	if col0 && c == pythonHeader || g.nextSep != none {
		// Each part of the chain needs an exception line.
		return g.nextExc < g.nextSep && (g.nextSep == none || g.chainOK)
	}
	if !col0 {
		return false
	}
	if _, _, ok := javaHead(c); !ok {
		return false
	}
	if strings.HasPrefix(c, javaThread) || laterAt || g.indentedAt || g.causedBy {
		return !g.badCausedBy
	}
	return false
}
