// Command fupan keeps a team's incident reviews as Markdown files with YAML
// front matter in a Git repository: it checks them against the review
// format, searches them, and publishes them as a static, searchable site.
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"strings"
)

func main() {
	// bleve logs through the standard logger what it skips of a damaged
	// index ("unable to load snapshot …, continuing"); fupan says in one
	// line of its own that it rebuilds it.
	log.SetOutput(io.Discard)
	collectLess(os.Args[1:])
	limitBuildMemory(os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// A command is one subcommand: its name, a one-line summary for the
// command list, and its entry point. The entry point returns what went
// wrong, and Run prints it once (see report); an exitError carries an exit
// code other than exitUsage.
type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, io stdio) error
}

// stdio is the streams a command talks to.
type stdio struct {
	in          io.Reader
	out, errOut io.Writer
}

func commands() []command {
	return []command{
		{"init", "set up a new review repository", runInit},
		{"new", "start a new review from the template", runNew},
		{"check", "check reviews against the review format", runCheck},
		{"search", "search the reviews: fupan search ConnectTimeout", runSearch},
		{"similar", "find prior incidents like a traceback", runSimilar},
		{"actions", "list the action items for triage; --verify checks their issues", runActions},
		{"show", "show one review: fupan show 2025-03-18-profile-cache", runShow},
		{"build", "build the static site", runBuild},
		{"serve", "build the site and serve it, rebuilding on change", runServe},
		{"schema", "print the JSON Schema of the front matter", runSchema},
		{"mcp", "serve the reviews to coding assistants (MCP, stdio)", runMCP},
		{"version", "print fupan's version and the commit it was built from", runVersion},
	}
}

const usage = `fupan keeps a team's incident reviews in a Git repository and learns from them.

Usage:

	fupan <command> [flags] [arguments]

Commands:
%s
Run 'fupan help <command>' (or 'fupan <command> -h') for a command's flags.
Reviews live under reviews/ as YYYY-MM-DD-slug.md; the format is printed by 'fupan schema'.
`

// Run runs fupan with the arguments after the program name and returns
// the exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	std := stdio{stdin, stdout, stderr}
	if len(args) == 0 {
		printUsage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		printUsage(stdout)
		return exitOK
	case "help":
		return report(stderr, "help", runHelp(ctx, args[1:], std))
	case "-version", "--version":
		return report(stderr, "version", runVersion(ctx, args[1:], std))
	}
	if c, ok := lookup(args[0]); ok {
		return report(stderr, c.name, c.run(ctx, args[1:], std))
	}
	linef(stderr, "fupan: unknown command %q; run 'fupan help' to see the commands", args[0])
	return exitUsage
}

const helpUsage = `Usage: fupan help [COMMAND]

Print fupan's usage and its commands, or with COMMAND that command's usage
and flags (as 'fupan COMMAND -h' does).
`

// runHelp prints fupan's usage, or with a command's name that command's,
// to standard output.
func runHelp(ctx context.Context, args []string, std stdio) error {
	switch {
	case len(args) == 0:
		printUsage(std.out)
		return nil
	case len(args) > 1:
		return fmt.Errorf("one command at most, got %d: %s", len(args), strings.Join(args, " "))
	}
	if args[0] == "help" {
		_, err := fmt.Fprint(std.out, helpUsage)
		return err
	}
	c, ok := lookup(args[0])
	if !ok {
		return fmt.Errorf("unknown command %q; run 'fupan help' to see the commands", args[0])
	}
	return c.run(ctx, []string{"-h"}, std)
}

// lookup returns the command called name.
func lookup(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func printUsage(w io.Writer) {
	var b strings.Builder
	for _, c := range commands() {
		fmt.Fprintf(&b, "\t%-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, usage, b.String())
}
