package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// newFlagSet returns a flag set for a subcommand whose usage prints the
// synopsis, the description and the flags: to standard output when asked
// for (-h, --help, fupan help CMD), to standard error after a bad flag.
func newFlagSet(name, synopsis, description string, std stdio) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(flagOutput{std.errOut, std.out})
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: fupan %s %s\n\n%s\n", name, synopsis, strings.TrimSpace(description))
		var any bool
		fs.VisitAll(func(*flag.Flag) { any = true })
		if any {
			fmt.Fprintf(w, "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

// flagOutput is a flag set's output: standard error, where the flag
// package writes a bad flag's message, and help, where parseFlags prints
// the usage that -h asks for.
type flagOutput struct {
	io.Writer
	help io.Writer
}

// parseFlags parses args and returns the positional arguments, or the
// error to stop with: -h and --help print the usage on standard output and
// return flag.ErrHelp, which succeeds; a bad flag prints its message and
// the usage on standard error, and is a silent usage error. Flags may come
// after positional arguments too.
func parseFlags(fs *flag.FlagSet, args []string) (rest []string, err error) {
	usage := fs.Usage
	fs.Usage = func() {} // printed below, where it belongs
	defer func() { fs.Usage = usage }()
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printHelp(fs, usage)
				return nil, flag.ErrHelp
			}
			usage()
			return nil, silent(exitUsage)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// printHelp prints usage to the flag set's help output.
func printHelp(fs *flag.FlagSet, usage func()) {
	out := fs.Output()
	if o, ok := out.(flagOutput); ok {
		fs.SetOutput(o.help)
		defer fs.SetOutput(out)
	}
	usage()
}

// isSet reports whether the flag was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
