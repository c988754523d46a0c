package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/terminal"
)

const showUsage = `
Show one review, by its id (its file name without .md): first what matters
when it happens again (the summary, the error window, the exceptions,
where to look first, the open actions), then the rest of the front matter,
the traceback and the body.

With --json, print the review as JSON: the shape of each review in the
site's reviews.json, plus its Markdown body, and its page's url when
fupan.yaml sets base_url (the MCP server's get_review returns the same).

An id that no review has is a usage error (exit status 2), with the id
meant when one is clearly closest.`

func runShow(_ context.Context, args []string, std stdio) error {
	fs := newFlagSet("show", "[--repo DIR] [--json] ID", showUsage, std)
	rf := addRepoFlag(fs)
	asJSON := fs.Bool("json", false, "print the review as JSON")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		fs.Usage()
		return silent(exitUsage)
	}
	repo, err := rf.open(std.errOut)
	if err != nil {
		return err
	}
	cfg, _ := review.LoadConfig(repo.fsys) // check reports what is wrong with it
	now := time.Now()
	r, _, err := review.ReadID(repo.fsys, rest[0], &cfg, now)
	if err != nil {
		if _, ok := errors.AsType[*review.UnknownIDError](err); ok || r == nil {
			return err
		}
		return failed(err)
	}
	full := r.Full(review.PageURL(cfg.BaseURL, r.ID))
	if *asJSON {
		err = writeJSON(std.out, full)
	} else {
		err = writeReview(std.out, full, now, colorFor(std.out))
	}
	if err != nil {
		return err
	}
	return nil
}

// writeReview writes a review for a terminal: the title and its facts,
// then what matters when it happens again, then the rest. Every text that
// comes from the review is shown by terminal.Text, line by line.
func writeReview(w io.Writer, r review.Full, now time.Time, c colors) error {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	head := func(s string) { line("\n%s", c.bold(s)) }
	// block writes a text of several lines, each indented.
	block := func(s string) {
		for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
			if l == "" {
				line("")
				continue
			}
			line("  %s", terminal.Text(l))
		}
	}
	// field writes a name and a value on one line: the lines of a value
	// of several are joined.
	field := func(name, value string) {
		if value = strings.Join(strings.Fields(value), " "); value != "" {
			line("  %s %s", c.dim(fmt.Sprintf("%-10s", name)), terminal.Text(value))
		}
	}

	line("%s", c.bold(terminal.Text(r.Title)))
	facts := []string{r.ID, r.Date, r.Severity, string(r.Status)}
	if len(r.Services) > 0 {
		facts = append(facts, strings.Join(r.Services, ", "))
	}
	line("%s", c.dim(terminal.Text(strings.Join(facts, " · "))))
	if r.URL != "" {
		line("%s", c.dim(terminal.Text(r.URL)))
	}

	if r.Summary != "" {
		head("Summary")
		block(r.Summary)
	}
	if wd := window(r.Window); wd != "" || len(r.AllExceptions) > 0 || r.Failure != nil {
		head("Failure")
		field("window", wd)
		field("exceptions", strings.Join(r.AllExceptions, ", "))
		if f := r.Failure; f != nil {
			field("function", f.Function)
			field("caller", f.Caller)
			field("dependency", f.Dependency)
		}
	}
	if fl := r.FirstLook; fl != nil {
		head("First look next time")
		field("metric", fl.Metric)
		field("log", fl.Log)
		field("config", fl.Config)
	}
	var open, closed []review.PublicAction
	for _, a := range r.Actions {
		if a.Status == "open" {
			open = append(open, a)
		} else {
			closed = append(closed, a)
		}
	}
	if len(open) > 0 {
		head("Open actions")
		for _, a := range open {
			due := ""
			if a.Due != "" {
				due = ", due " + terminal.Text(a.Due)
				if (review.Action{Status: a.Status, Due: a.Due}).Overdue(now) {
					due += " " + c.red("(overdue)")
				}
			}
			line("  - %s %s%s", terminal.Text(a.Do), c.dim("("+terminal.Text(a.Owner)+")"), due)
			field("link", a.Link)
		}
	}

	if r.WhyNotCaught != "" {
		head("Why it was not caught")
		block(r.WhyNotCaught)
	}
	if r.CatchNextTime != "" {
		head("Catch it next time")
		block(r.CatchNextTime)
	}
	if len(r.Config)+len(r.Versions)+len(r.Tags)+len(r.Related)+len(r.Custom) > 0 || r.Verification != nil {
		head("Details")
		field("config", strings.Join(r.Config, "; "))
		field("versions", strings.Join(r.Versions, ", "))
		if v := r.Verification; v != nil {
			field("verified", v.Traffic)
			var watch []string
			for _, m := range v.Watch {
				watch = append(watch, m.Metric+" "+m.Expect)
			}
			field("watched", strings.Join(watch, ", "))
		}
		field("tags", strings.Join(r.Tags, ", "))
		field("related", strings.Join(r.Related, ", "))
		for _, name := range slices.Sorted(maps.Keys(r.Custom)) {
			switch v := r.Custom[name].(type) {
			case string:
				field(name, v)
			case []string:
				field(name, strings.Join(v, ", "))
			}
		}
	}
	if len(closed) > 0 {
		head("Closed actions")
		for _, a := range closed {
			line("  - %s %s", terminal.Text(a.Do), c.dim("("+terminal.Text(a.Owner)+", "+terminal.Text(a.Status)+")"))
		}
	}
	if r.Traceback != "" {
		head("Traceback")
		block(r.Traceback)
	} else if r.TracebackAbsent != "" {
		head("No traceback")
		block(r.TracebackAbsent)
	}
	if r.Reproduction != "" {
		head("Reproduction")
		block(r.Reproduction)
	}
	if body := strings.TrimSpace(r.Body); body != "" {
		line("")
		for _, l := range strings.Split(body, "\n") {
			line("%s", terminal.Text(l))
		}
	}
	line("\n%s", c.dim(terminal.Name(r.Path)))
	_, err := io.WriteString(w, b.String())
	return err
}

// window says when the errors began and ended, and how long it took to
// detect and mitigate them: "2026-02-16T05:09:07+08:00 → 05:41:00 (32
// min; detected after 4 min, mitigated after 20 min)".
func window(w *review.PublicWindow) string {
	if w == nil {
		return ""
	}
	parse := func(s string) time.Time {
		t, _ := time.Parse(time.RFC3339Nano, s)
		return t
	}
	start, end := parse(w.Start), parse(w.End)
	s := w.Start
	if w.End != "" {
		to := w.End
		if !start.IsZero() && !end.IsZero() && start.Format(time.DateOnly) == end.Format(time.DateOnly) && start.Format("Z07:00") == end.Format("Z07:00") {
			to = end.Format(time.TimeOnly)
		}
		s += " → " + to
	}
	var notes []string
	if !start.IsZero() && !end.IsZero() {
		notes = append(notes, minutes(end.Sub(start)))
	}
	if d := parse(w.Detected); !start.IsZero() && !d.IsZero() {
		notes = append(notes, "detected after "+minutes(d.Sub(start)))
	}
	if m := parse(w.Mitigated); !start.IsZero() && !m.IsZero() {
		notes = append(notes, "mitigated after "+minutes(m.Sub(start)))
	}
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, "; ") + ")"
	}
	return strings.TrimSpace(s)
}

// minutes prints a duration as "32 min", "2 h 5 min".
func minutes(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	if m < 60 {
		return fmt.Sprintf("%d min", m)
	}
	if m%60 == 0 {
		return fmt.Sprintf("%d h", m/60)
	}
	return fmt.Sprintf("%d h %d min", m/60, m%60)
}
