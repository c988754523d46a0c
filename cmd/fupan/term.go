package main

import (
	"fmt"
	"io"
	"os"

	"github.com/fupan/fupan/internal/terminal"
)

// linef prints a line on w: format with args, then a newline. What the
// arguments bring (error texts that quote file names and reviews, paths)
// is rendered by terminal.Text, so a terminal shows it and never acts on
// it; format itself holds no control character.
func linef(w io.Writer, format string, args ...any) {
	fmt.Fprintln(w, terminal.Text(fmt.Sprintf(format, args...)))
}

// colors paints text with ANSI colours, or leaves it alone.
type colors struct{ on bool }

// colorFor returns colours for w: on only when w is a terminal and NO_COLOR
// is unset (https://no-color.org).
func colorFor(w io.Writer) colors {
	return colors{on: os.Getenv("NO_COLOR") == "" && terminal.Is(w)}
}

func (c colors) paint(code, s string) string {
	if !c.on {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (c colors) red(s string) string    { return c.paint("31", s) }
func (c colors) yellow(s string) string { return c.paint("33", s) }
func (c colors) bold(s string) string   { return c.paint("1", s) }
func (c colors) dim(s string) string    { return c.paint("2", s) }
