// Package terminal renders text that fupan did not write itself (a
// review's title, summary or message, a file name, an error that quotes
// either) for a terminal, where a character can be an instruction rather
// than a glyph: ESC [ 2 J clears the screen, ESC ] 0 ; … BEL sets the
// window title, U+009B is a one-character CSI, U+202E turns the rest of
// the line around, and a newline in a file name starts a line of output
// that fupan did not write.
//
// Every command prints such text through this package:
//
//   - [Text] for text within a line: the characters a terminal acts on
//     ([Escaped]) are written as Go escapes (\x1b, \n, \u202e), the rest
//     is left alone, Chinese and emoji included;
//   - [Name] for a file name or path where a line is FILE:LINE:COL: …: a
//     name that is not plain printable text is quoted as strconv.Quote
//     quotes it, so that it can neither end the line nor pass for
//     another name or position;
//   - [JSON] for what encoding/json wrote: the same characters (those it
//     leaves) as \uXXXX escapes, which decode to the same strings.
//
// Name quotes more than Text escapes: a name with any character that
// strconv.IsPrint refuses, a ':' or a leading '"' is quoted.
package terminal
