package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/fupan/fupan/internal/recurrence"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/terminal"
	"github.com/fupan/fupan/internal/tracker"
)

const actionsUsage = `
List the action items of every review for triage: overdue first (the
longest overdue first), then the other open ones by due date, then wontfix
and done. An action whose review's failure was seen again since is marked
"seen again".

With --verify, check instead each action's link to a GitHub issue
(https://github.com/OWNER/REPO/issues/N) against the issue's state, read
through the GitHub REST API with the token in GITHUB_TOKEN (at
GITHUB_API_URL when set, as on GitHub Actions and GitHub Enterprise):
an action open while its issue is closed, or done or wontfix while it is
open, or a link to no issue, is a warning at the action's line. Without a
token nothing is checked. Rate limits and network errors are reported on
standard error and never make the command fail. Links to other trackers
are not checked.

Output formats (--format): text, json (also --json), and with --verify
github, as fupan check prints findings.`

func runActions(ctx context.Context, args []string, std stdio) error {
	fs := newFlagSet("actions", "[--repo DIR] [--team T] [--status S] [--overdue] [--json] [--verify] [--format text|github|json]", actionsUsage, std)
	repoDir := fs.String("repo", ".", "the review `repository`")
	team := fs.String("team", "", "only the actions owned by `TEAM`")
	status := fs.String("status", "", "only the actions of `STATUS`: open, done or wontfix")
	overdue := fs.Bool("overdue", false, "only the actions open and past their due date")
	asJSON := fs.Bool("json", false, "print JSON (as --format json)")
	verify := fs.Bool("verify", false, "check the actions' GitHub issue links against the issues' state")
	format := fs.String("format", "text", "output `format`: text, json, or github with --verify")
	asOf := fs.String("as-of", "", "count overdue actions and ages as on `DATE` (YYYY-MM-DD) instead of today")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("unexpected argument %q", rest[0])
	}
	if *asJSON {
		*format = "json"
	}
	formats := []string{"text", "json"}
	if *verify {
		formats = append(formats, "github")
	}
	if !slices.Contains(formats, *format) {
		return fmt.Errorf("unknown --format %q: use %s", *format, strings.Join(formats, ", "))
	}
	if *status != "" && !slices.Contains([]string{"open", "done", "wontfix"}, *status) {
		return fmt.Errorf("unknown --status %q: use open, done or wontfix", *status)
	}
	now := time.Now()
	if *asOf != "" {
		d, err := time.ParseInLocation(time.DateOnly, *asOf, time.Local)
		if err != nil {
			return fmt.Errorf("--as-of %q is not a date: write YYYY-MM-DD", *asOf)
		}
		now = d.Add(12 * time.Hour)
	}
	repo, err := openRepo(*repoDir, isSet(fs, "repo"), std.errOut)
	if err != nil {
		return err
	}
	r, err := review.Load(repo.fsys, review.Options{})
	if err != nil {
		return err
	}
	keep := func(rv *review.Review, a review.Action, overdueNow bool) bool {
		return (*team == "" || a.Owner == *team) && (*status == "" || a.Status == *status) && (!*overdue || overdueNow)
	}
	if *verify {
		return verifyActions(ctx, std, r.Reviews, keep, *format, now)
	}
	ix := recurrence.New(r.Reviews)
	var list []recurrence.Tracked
	for _, t := range ix.Actions(now) {
		if keep(t.Review, t.Action, t.Overdue) {
			list = append(list, t)
		}
	}
	if *format == "json" {
		return writeJSON(std.out, actionsJSON(list))
	}
	return writeActions(std.out, list, colorFor(std.out))
}

// actionJSON is an action as --json prints it.
type actionJSON struct {
	Review string `json:"review"`
	File   string `json:"file"`
	Line   int    `json:"line"`
	recurrence.ActionItem
	Overdue   bool `json:"overdue"`
	AgeDays   int  `json:"age_days,omitempty"`
	SeenAgain bool `json:"seen_again"`
}

func actionsJSON(list []recurrence.Tracked) []actionJSON {
	out := make([]actionJSON, 0, len(list))
	for _, t := range list {
		out = append(out, actionJSON{Review: t.Review.ID, File: t.Review.Path, Line: t.Pos().Line,
			ActionItem: recurrence.Item(t.Action), Overdue: t.Overdue, AgeDays: t.Age, SeenAgain: t.Recurred})
	}
	return out
}

// writeActions writes a line per action, FILE:LINE: STATUS, due, owner:
// what to do; then a count.
func writeActions(w io.Writer, list []recurrence.Tracked, c colors) error {
	var b strings.Builder
	overdue, open := 0, 0
	for _, t := range list {
		st := t.Status
		switch {
		case t.Overdue:
			overdue++
			open++
			st = c.red("overdue")
		case t.Status == "open":
			open++
			st = c.yellow(st)
		}
		fmt.Fprintf(&b, "%s: %s", c.bold(fmt.Sprintf("%s:%d", terminal.Name(t.Review.Path), t.Pos().Line)), st)
		if t.Due != "" {
			fmt.Fprintf(&b, ", due %s", terminal.Text(t.Due))
		}
		if t.Age > 0 {
			fmt.Fprintf(&b, ", %d days open", t.Age)
		}
		fmt.Fprintf(&b, ", %s: %s", terminal.Text(t.Owner), terminal.Text(t.Do))
		if t.Recurred {
			b.WriteString(c.red(" [seen again]"))
		}
		if t.Link != "" {
			fmt.Fprintf(&b, " %s", c.dim(terminal.Text(t.Link)))
		}
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "%s: %d open, %d overdue\n", terminal.Count(len(list), "action"), open, overdue)
	_, err := io.WriteString(w, b.String())
	return err
}

// verifyActions checks the GitHub issue links of the actions keep selects.
func verifyActions(ctx context.Context, std stdio, reviews []*review.Review, keep func(*review.Review, review.Action, bool) bool, format string, now time.Time) error {
	token := os.Getenv("GITHUB_TOKEN")
	if token == "" {
		fmt.Fprintln(std.errOut, "fupan actions: --verify: no GITHUB_TOKEN: the actions' links were not checked")
		if format == "json" {
			return writeFindings(std, []review.Finding{}, format)
		}
		return nil
	}
	g, err := tracker.NewGitHub(token, os.Getenv("GITHUB_API_URL"), nil)
	if err != nil {
		return err
	}
	var selected []*review.Review
	for _, rv := range reviews {
		c := *rv
		c.Actions = nil
		pos := map[string]review.Position{}
		for i, a := range rv.Actions {
			if keep(rv, a, a.Overdue(now)) {
				pos[fmt.Sprintf("actions[%d]", len(c.Actions))] = rv.FieldPos(fmt.Sprintf("actions[%d]", i))
				c.Actions = append(c.Actions, a)
			}
		}
		c.Pos = pos
		selected = append(selected, &c)
	}
	rep := tracker.Verify(ctx, g, selected)
	for _, p := range rep.Problems {
		linef(std.errOut, "fupan actions: --verify: %s", p)
	}
	fmt.Fprintf(std.errOut, "fupan actions: --verify: %s read, %d not read, %s to other trackers not checked\n",
		terminal.Count(rep.Checked, "GitHub issue"), rep.Skipped, terminal.Count(rep.Other, "link"))
	// The findings name fields by the action's place in the file.
	for i := range rep.Findings {
		rep.Findings[i].Field = ""
	}
	return writeFindings(std, rep.Findings, format)
}

// writeFindings prints findings as fupan check does; warnings only, so
// the exit status is 0.
func writeFindings(std stdio, findings []review.Finding, format string) error {
	switch format {
	case "json":
		return writeJSON(std.out, findings)
	case "github":
		return writeGitHub(std.out, findings)
	}
	for _, f := range findings {
		if err := writeFinding(std.out, f, colorFor(std.out)); err != nil {
			return err
		}
	}
	return nil
}
