package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/traceback"
)

const newUsage = `
Start a new review: write reviews/<today>-<slug>.md from the template, which
holds every field of the review format with a comment on what it wants.
The review starts as a draft; 'fupan check' says what is still missing.

With --traceback FILE (or - for standard input), the traceback is filled in
and failure.exceptions set from it. fupan new never overwrites a file, nor
makes a second review with an id another folder holds, and
refuses a title or --date that 'fupan check' would (a title longer than 120
characters or holding a secret, a day that does not exist), a --slug that
is not lowercase letters, digits and single hyphens, and an empty
--traceback; it then writes nothing.`

func runNew(_ context.Context, args []string, std stdio) error {
	fs := newFlagSet("new", "[--repo DIR] [--lang en|zh-CN] [--traceback FILE] [--slug SLUG] [--date YYYY-MM-DD] TITLE", newUsage, std)
	rf := addRepoFlag(fs)
	lang := fs.String("lang", "", "template `language`: en or zh-CN (default: language in fupan.yaml, else en)")
	tbFile := fs.String("traceback", "", "fill traceback and failure.exceptions from `FILE` (- for standard input)")
	slug := fs.String("slug", "", "the file name's `slug` (default: from the title; needed for a title with no ASCII letters)")
	date := fs.String("date", time.Now().Format(time.DateOnly), "the day the incident began, `YYYY-MM-DD`")
	words, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	title := strings.TrimSpace(strings.Join(words, " "))
	if title == "" {
		return errors.New("a title is needed, e.g. fupan new \"Order API 500s while the profile cache timed out\"")
	}
	if err := review.CheckTitle(title); err != nil {
		return fmt.Errorf("%w; nothing written", err)
	}
	if err := review.CheckDate(*date); err != nil {
		return fmt.Errorf("--date: %w; nothing written", err)
	}

	cfg, cfgFindings := review.LoadConfig(os.DirFS(*rf.dir))
	if n, _ := review.Count(cfgFindings); n > 0 {
		// The review would be written with the wrong language and
		// severities: say why, and write nothing.
		for _, f := range cfgFindings {
			writeFinding(std.errOut, f, colorFor(std.errOut))
		}
		return fmt.Errorf("%s is broken: mend it first, nothing written", review.ConfigFile)
	}
	if *lang == "" {
		*lang = cfg.Language
	}
	var tb string
	if *tbFile != "" {
		data, err := readInput(*tbFile, std.in)
		if err != nil {
			return fmt.Errorf("--traceback: %w", err)
		}
		if strings.TrimSpace(string(data)) == "" {
			return fmt.Errorf("--traceback %s: %s is empty: give the traceback, e.g. pbpaste | fupan new --traceback - TITLE; nothing written", *tbFile, inputName(*tbFile))
		}
		// A pasted log: keep the traceback only, as 'fupan similar'
		// reads it, without the log lines around it, nor a terminal's
		// colour codes, which YAML does not allow.
		text, _, err := traceback.Extract(ansiRE.ReplaceAllString(string(data), ""))
		if err != nil {
			return failed(fmt.Errorf("--traceback %s: no traceback found in %s: %w; nothing written", *tbFile, inputName(*tbFile), err))
		}
		tb = text
	}
	text, err := review.Template(review.NewReview{Title: title, Date: *date, Lang: *lang, Severities: cfg.Severities, Traceback: tb, Fields: cfg.Fields})
	if err != nil {
		if te, ok := errors.AsType[*traceback.Error](err); ok {
			return failed(fmt.Errorf("%s: %w; nothing written", *tbFile, te))
		}
		return err
	}

	if len(text) > review.MaxFileSize {
		return failed(fmt.Errorf("the review would be %.1f MiB, larger than the %d MiB a review may be: keep the traceback's first and last frames and its exception in %s, and link the whole log from the review; nothing written",
			float64(len(text))/(1<<20), review.MaxFileSize>>20, inputName(*tbFile)))
	}
	if *slug == "" {
		*slug = review.Slug(title)
	}
	if *slug == "" {
		return errors.New("the title has no ASCII letters for the file name: pass --slug, e.g. --slug redis-timeout")
	}
	name := *date + "-" + *slug + ".md"
	if _, _, ok := review.ParseFileName(name); !ok {
		return fmt.Errorf("--slug %q: a slug is lowercase letters, digits and single hyphens (no '/', '.' or space), e.g. --slug redis-timeout; nothing written", *slug)
	}
	if other := sameID(*rf.dir, name); other != "" {
		return failed(fmt.Errorf("%s holds the id %s already (ids are unique across all folders): pass another title or --slug; nothing written", other, strings.TrimSuffix(name, ".md")))
	}
	dir := filepath.Join(*rf.dir, review.Dir)
	outside := !isSet(fs, "repo") && !isReviewRepo(*rf.dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	path := filepath.Join(dir, name)
	// O_EXCL: never overwrite, even a file created a moment ago.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, iofs.ErrExist) {
		return failed(fmt.Errorf("%s exists: fupan new never overwrites a review; pass another title or --slug", path))
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(text); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	linef(std.out, "%s", path)
	if outside {
		// Not a review repository: say where the review went, lest it
		// be lost in whatever folder the author was in.
		abs, _ := filepath.Abs(path)
		linef(std.errOut, "fupan new: %s has no %s/ folder or %s: wrote %s; to write into your review repository, pass --repo DIR (or run 'fupan init' here to start one)",
			displayDir(*rf.dir), review.Dir, review.ConfigFile, abs)
	}
	linef(std.errOut, "Fill it in, then run: fupan check %s", path)
	return nil
}

// sameID returns the path of a review of the repository in dir, in a
// folder under reviews/, named name, or "". (One in reviews/ itself is
// the file new would write, which it never overwrites.)
func sameID(dir, name string) string {
	entries, _, err := review.Entries(os.DirFS(dir))
	if err != nil {
		return "" // no reviews folder yet
	}
	for _, e := range entries {
		if path.Base(e.Path) == name && e.Path != review.Dir+"/"+name {
			return filepath.Join(dir, filepath.FromSlash(e.Path))
		}
	}
	return ""
}

// isReviewRepo reports whether dir holds a review repository: a reviews/
// folder or a fupan.yaml.
func isReviewRepo(dir string) bool {
	if st, err := os.Stat(filepath.Join(dir, review.Dir)); err == nil && st.IsDir() {
		return true
	}
	_, err := os.Stat(filepath.Join(dir, review.ConfigFile))
	return err == nil
}

// displayDir is dir for a message: "the current folder (/abs)" for ".".
func displayDir(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	if dir == "." {
		return "the current folder (" + abs + ")"
	}
	return abs
}

// ansiRE is a terminal's escape sequence (colours, bold, erase line), as
// a log copied from a terminal or a container holds them.
var ansiRE = regexp.MustCompile(`\x1b\[[0-9;?]*[ -/]*[@-~]`)

// inputName is how a message names the input readInput reads.
func inputName(name string) string {
	if name == "-" {
		return "standard input"
	}
	return name
}

// maxInput is the most readInput reads: a log far larger than any review,
// of which the traceback is kept.
const maxInput = 64 << 20

// readInput reads a file, or standard input for "-", of at most maxInput
// bytes.
func readInput(name string, stdin io.Reader) ([]byte, error) {
	r := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxInput {
		return nil, fmt.Errorf("%s is larger than %d MiB: keep the part of the log around the traceback", inputName(name), maxInput>>20)
	}
	return data, nil
}
