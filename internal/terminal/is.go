package terminal

import (
	"io"
	"os"

	"golang.org/x/term"
)

// Is reports whether w is a terminal that a person reads: an *os.File
// that is a terminal, with TERM other than "dumb". What fupan draws only
// for a person (colours, progress bars) goes only where Is holds.
func Is(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" {
		return false
	}
	return term.IsTerminal(int(f.Fd()))
}
