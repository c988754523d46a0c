package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// newFlagSet returns a flag set for a subcommand whose usage prints the
// synopsis, the description and the flags.
func newFlagSet(name, synopsis, description string, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(w)
	fs.Usage = func() {
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

// parseFlags parses args and returns the positional arguments, or the
// error to stop with: -h prints the usage and returns flag.ErrHelp, which
// succeeds; bad flags, which the flag set has printed, are a silent usage
// error. Flags may come after positional arguments too.
func parseFlags(fs *flag.FlagSet, args []string) (rest []string, err error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, flag.ErrHelp
			}
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
