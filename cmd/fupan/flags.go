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

// splitQueryArgs separates the flags of fs in args from the words of a
// query, so that an excluded word (-redis) is a word, not an unknown
// flag: an argument that starts with "-" is a flag only when fs defines
// it (or it asks for help); a flag that takes a value without "=" takes
// the next argument too. After "--", everything is a word.
func splitQueryArgs(fs *flag.FlagSet, args []string) (flags, words []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return flags, append(words, args[i+1:]...)
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if len(a) < 2 || a[0] != '-' || name == "" {
			words = append(words, a)
			continue
		}
		f := fs.Lookup(name)
		if f == nil && name != "h" && name != "help" {
			words = append(words, a)
			continue
		}
		flags = append(flags, a)
		if f == nil || hasValue || i+1 == len(args) {
			continue
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
			i++
			flags = append(flags, args[i])
		}
	}
	return flags, words
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

// parseNoArgs parses args as parseFlags does, for a command that takes no
// positional argument.
func parseNoArgs(fs *flag.FlagSet, args []string) error {
	rest, err := parseFlags(fs, args)
	if err == nil && len(rest) > 0 {
		err = fmt.Errorf("unexpected argument %q", rest[0])
	}
	return err
}

// A repoFlag is a command's --repo: the review repository, "." unless
// given.
type repoFlag struct {
	fs  *flag.FlagSet
	dir *string
}

func addRepoFlag(fs *flag.FlagSet) repoFlag {
	return repoFlag{fs, fs.String("repo", ".", "the review `repository`")}
}

// open opens the repository with openRepo: without --repo, a "." that has
// no reviews/ folder falls back to the examples, said on w.
func (r repoFlag) open(w io.Writer) (*repository, error) {
	return openRepo(*r.dir, isSet(r.fs, "repo"), w)
}

// hitFlags are the --json and --limit of a command that prints hits.
type hitFlags struct {
	asJSON *bool
	limit  *int
}

func addHitFlags(fs *flag.FlagSet) hitFlags {
	return hitFlags{
		asJSON: fs.Bool("json", false, "print the hits as a JSON array"),
		limit:  fs.Int("limit", 10, "show at most `N` hits"),
	}
}

// check says what is wrong with the values given.
func (h hitFlags) check() error {
	if *h.limit < 1 {
		return errors.New("--limit must be at least 1")
	}
	return nil
}
