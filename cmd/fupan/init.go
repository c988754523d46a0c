package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/scaffold"
	"github.com/fupan/fupan/internal/terminal"
)

const initUsage = `
Set up a review repository in DIR (default: the current directory):

  fupan.yaml                   the settings, each one commented
  reviews/                     one final example review, unless reviews/ holds one already
  .github/workflows/check.yml  pull-request checks: findings inline, a summary table
  .github/workflows/pages.yml  publishing the site to GitHub Pages on every push to main
  .gitignore                   .fupan/, public/ and what a killed build leaves
  schema/review.schema.json    the JSON Schema of the front matter, for editors
                               (after declaring custom fields in fupan.yaml, run
                               fupan schema > schema/review.schema.json)

The workflows call fupan's reusable workflow, pinned to this fupan's release
(or to main and the latest release for a development build; see
--fupan-version).

fupan init never overwrites a file: one that exists is skipped and named on
standard error, and the rest are written, so running it again only adds what
is missing. Exit status: 0 when every file is written or already there, 2 on
a usage or I/O failure.`

func runInit(_ context.Context, args []string, std stdio) error {
	fs := newFlagSet("init", "[--title TITLE] [--fupan-version VERSION] [DIR]", initUsage, std)
	title := fs.String("title", scaffold.DefaultTitle, "the site's `title` in fupan.yaml")
	this := thisVersion()
	version := fs.String("fupan-version", this.Release(), "the fupan `version` the workflows run: a release such as v1.2.3, or latest")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		return fmt.Errorf("one DIR at most, got %d: %s", len(rest), strings.Join(rest, " "))
	}
	dir := "."
	if len(rest) == 1 {
		dir = rest[0]
	}

	files, err := scaffold.Files(scaffold.Options{Title: *title, Version: *version})
	if err != nil {
		return fmt.Errorf("--fupan-version: %w", err)
	}
	res, err := scaffold.Write(dir, files)
	if res != nil {
		for _, p := range res.Written {
			linef(std.out, "wrote   %s", filepath.Join(dir, filepath.FromSlash(p)))
		}
		for _, s := range res.Skipped {
			linef(std.errOut, "skipped %s: %s; fupan init never overwrites a file", filepath.Join(dir, filepath.FromSlash(s.Path)), s.Reason)
		}
	}
	if err != nil {
		return err
	}
	ref, install, _ := scaffold.Pin(*version) // Files accepted the version
	fmt.Fprintf(std.out, "\nThe workflows run fupan %s through fupan/fupan/.github/workflows/fupan.yml@%s.\n", install, ref)
	if !isSet(fs, "fupan-version") && this.Release() == "" {
		linef(std.out, "This fupan is a %s, which no workflow can install; to pin them to a release, pass --fupan-version v1.2.3.", this.Build())
	}
	fmt.Fprint(std.out, nextSteps(dir))
	return nil
}

// nextSteps is what to do after init, from the first check to the
// published site.
func nextSteps(dir string) string {
	var b strings.Builder
	repo := ""
	b.WriteString("\nNext steps:\n")
	if dir != "." {
		repo = " --repo " + shellQuote(dir)
	}
	n := 0
	step := func(format string, args ...any) {
		n++
		b.WriteString(terminal.Text(fmt.Sprintf("  %d. "+format, append([]any{n}, args...)...)) + "\n")
	}
	if _, err := os.Stat(filepath.Join(dir, ".git")); err != nil {
		step("Make it a Git repository: git -C %s init -b main", shellQuote(dir))
	}
	step("Check it: fupan check%s (the example passes; it shows what a final review holds)", repo)
	step("Set the title, and perhaps services and teams, in %s", filepath.Join(dir, review.ConfigFile))
	step("Start your first review on a branch: fupan new%s \"Order API 500s while the cache timed out\"", repo)
	step("Push to GitHub and turn on Pages: Settings → Pages → Source: GitHub Actions")
	step("Open a pull request: the check workflow shows findings on the changed lines")
	step("Merge it: the pages workflow publishes the site; its address is on the run's deploy job")
	return b.String()
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
