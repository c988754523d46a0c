package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/fupan/fupan/internal/gittree"
	"github.com/fupan/fupan/internal/recurrence"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/terminal"
)

const checkUsage = `
Check reviews against the review format: the schema, the gates of each
status, the rules across files, and the warnings (lint).

With FILE arguments (review files, or folders for every review under them),
or --changed-since, only those reviews are reported on;
the rules across files (unique ids, related) still see the whole repository.
Each of those reviews whose failure was seen before (the same exception and
dependency, the same failing function, …) gets a recurrence finding at
failure.exceptions naming the earlier review: a warning when an action of it
is still open or wontfix, else a notice (lint level: recurrence in fupan.yaml).

Output formats:
  text    one line per finding, FILE:LINE:COL: error|warning|notice: MESSAGE, then a count;
          a FILE with a character that is not printable, a ':' or a leading '"' is quoted
          as in Go ("reviews/a\nb.md"), and control characters in a MESSAGE
          are shown escaped (\x1b), so no review can add a line or act on the terminal
  github  GitHub Actions workflow commands, so findings show inline on a pull request
  json    an array of {file, line, col, severity, field, message, prior}; prior
          holds the ids of the earlier reviews of a recurrence

Each review is kept as parsed in .fupan/parsed (git-ignored), by its path
and content hash, so the next check parses only the reviews that changed;
the findings are those of a check without it.

Exit status: 0 when there is no error (warnings allowed), 1 when there is
one, 2 on a usage or I/O failure.`

func runCheck(ctx context.Context, args []string, std stdio) error {
	fs := newFlagSet("check", "[--repo DIR] [--changed-since REF] [--format text|github|json] [FILE…]", checkUsage, std)
	rf := addRepoFlag(fs)
	since := fs.String("changed-since", "", "report only on reviews added or changed since the merge base of `REF` and HEAD, plus uncommitted ones")
	format := fs.String("format", "text", "output `format`: text, github or json")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if !slices.Contains([]string{"text", "github", "json"}, *format) {
		return fmt.Errorf("unknown --format %q: use text, github or json", *format)
	}
	repo, err := rf.open(std.errOut)
	if err != nil {
		return err
	}
	if repo.embedded && (*since != "" || len(files) > 0) {
		return errors.New("--changed-since and FILE arguments need a repository: pass --repo DIR")
	}

	// only says which files to report on; nil means all.
	var only func(string) bool
	if len(files) > 0 {
		named, err := namedReviews(repo.dir, files)
		if err != nil {
			return err
		}
		only = named
	}
	if *since != "" {
		g, err := repo.openGit()
		if err != nil {
			return fmt.Errorf("--changed-since needs a git repository: %w", err)
		}
		changed, err := g.Changed(*since, review.Dir)
		if err != nil {
			return fmt.Errorf("--changed-since %v", revisionError(*since, err))
		}
		named := only
		only = func(p string) bool {
			// Both: the named files that changed.
			return slices.Contains(changed, p) && (named == nil || named(p))
		}
	}

	r, err := review.Load(repo.fsys, review.Options{CacheDir: reviewCacheDir(repo, "check", std.errOut)})
	if err != nil {
		return err
	}
	findings, checked := r.Findings, len(r.Reviews)
	if only != nil {
		findings = slices.DeleteFunc(slices.Clone(findings), func(f review.Finding) bool {
			return !only(f.File) && f.File != review.ConfigFile
		})
		checked = 0
		ix := recurrence.New(r.Reviews)
		for _, rv := range r.Reviews {
			if only(rv.Path) {
				checked++
				findings = append(findings, ix.Findings(rv, &r.Config)...)
			}
		}
		review.SortFindings(findings)
	}
	if ctx.Err() != nil {
		return silent(exitUsage)
	}

	var werr error
	switch *format {
	case "json":
		if findings == nil {
			findings = []review.Finding{}
		}
		werr = writeJSON(std.out, findings)
	case "github":
		werr = writeGitHub(std.out, findings)
	default:
		werr = writeText(std.out, findings, checked, colorFor(std.out))
	}
	if werr != nil {
		return werr
	}
	if n, _ := review.Count(findings); n > 0 {
		return silent(exitFindings) // the findings say it all
	}
	return nil
}

// namedReviews turns FILE arguments into the reviews they name: a review
// file, or a folder for every review under it. A file that is not a
// review is an error, lest check report nothing on it and exit 0.
func namedReviews(repoDir string, files []string) (func(string) bool, error) {
	named := map[string]bool{}
	var dirs []string
	for _, f := range files {
		rel, err := repoRelative(repoDir, f)
		if err != nil {
			return nil, err
		}
		info, err := os.Stat(filepath.Join(repoDir, filepath.FromSlash(rel)))
		if err != nil {
			return nil, err
		}
		switch {
		case info.IsDir():
			dirs = append(dirs, rel)
		case review.IsReviewPath(rel):
			named[rel] = true
		default:
			return nil, fmt.Errorf("%s is not a review: a review is a file %s/**/*.md (not README.md, nor a name that starts with . or _)", f, review.Dir)
		}
	}
	return func(p string) bool {
		return named[p] || slices.ContainsFunc(dirs, func(d string) bool {
			return d == "." || strings.HasPrefix(p, d+"/")
		})
	}, nil
}

// revisionError is err about the revision rev, which it names first.
func revisionError(rev string, err error) error {
	if re, ok := errors.AsType[*gittree.RevisionError](err); ok && re.Rev == rev {
		return err
	}
	return fmt.Errorf("%s: %w", rev, err)
}

// repoRelative turns a FILE argument (relative to the working directory,
// or absolute) into a slash path relative to the repository root.
func repoRelative(repoDir, file string) (string, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(repoDir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is not inside the repository %s", file, repoDir)
	}
	return filepath.ToSlash(rel), nil
}

// writeText writes a line per finding, FILE:LINE:COL: SEVERITY: MESSAGE:
// a file name that could end the line or pass for another is quoted
// (terminal.Name), and the message is shown as text (terminal.Text).
func writeText(w io.Writer, findings []review.Finding, reviews int, c colors) error {
	for _, f := range findings {
		if err := writeFinding(w, f, c); err != nil {
			return err
		}
	}
	errs, warns := review.Count(findings)
	_, err := fmt.Fprintf(w, "%s, %s in %s\n", terminal.Count(errs, "error"), terminal.Count(warns, "warning"), terminal.Count(reviews, "review"))
	return err
}

// writeFinding writes one line of writeText.
func writeFinding(w io.Writer, f review.Finding, c colors) error {
	sev := c.red(string(f.Severity))
	switch f.Severity {
	case review.Warning:
		sev = c.yellow(string(f.Severity))
	case review.Notice:
		sev = c.bold(string(f.Severity))
	}
	_, err := fmt.Fprintf(w, "%s: %s: %s\n", c.bold(fmt.Sprintf("%s:%d:%d", terminal.Name(f.File), f.Line, f.Col)), sev, terminal.Text(f.Message))
	return err
}

// writeJSON writes v as indented JSON, with the characters a terminal acts
// on escaped (terminal.JSON).
func writeJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(terminal.JSON(b.Bytes()))
	return err
}

// writeGitHub writes workflow commands, which GitHub Actions shows as
// annotations on the lines of a pull request. The file, title and message
// are escaped as GitHub's rules say (ghProperty, ghData), which GitHub
// undoes: the file property must name the file exactly.
func writeGitHub(w io.Writer, findings []review.Finding) error {
	for _, f := range findings {
		title := "fupan check"
		if f.Field != "" {
			title += ": " + f.Field
		}
		if _, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n",
			f.Severity, ghProperty(f.File), f.Line, f.Col, ghProperty(title), ghData(f.Message)); err != nil {
			return err
		}
	}
	errs, warns := review.Count(findings)
	_, err := fmt.Fprintf(w, "%s, %s\n", terminal.Count(errs, "error"), terminal.Count(warns, "warning"))
	return err
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
