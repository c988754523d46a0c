package tracker

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/fupan/fupan/internal/review"
)

// A Report is what Verify found: findings at the actions' lines, and the
// problems that kept links from being checked, one sentence each.
type Report struct {
	Findings []review.Finding
	Problems []string
	Checked  int // the links read
	Skipped  int // the GitHub links not read, for a problem
	Other    int // the links to other trackers, not checked
}

// Verify reads the state of every GitHub issue an action of reviews links
// to and reports the actions whose status disagrees with it. Each issue
// is read once. After a rate limit, or when ctx ends, no more are read.
func Verify(ctx context.Context, g *GitHub, reviews []*review.Review) Report {
	var rep Report
	states := map[Issue]string{}
	errs := map[Issue]error{}
	stopped := false
	for _, r := range reviews {
		for i, a := range r.Actions {
			if a.Link == "" {
				continue
			}
			is, ok := GitHubIssue(a.Link)
			if !ok {
				rep.Other++
				continue
			}
			state, seen := states[is]
			err := errs[is]
			if !seen && err == nil {
				if stopped || ctx.Err() != nil {
					rep.Skipped++
					continue
				}
				state, err = g.State(ctx, is)
				rep.Checked++
				if err != nil {
					errs[is] = err
					var rl *RateLimitError
					if errors.As(err, &rl) {
						stopped = true
					}
					if !errors.Is(err, ErrNotFound) {
						rep.Problems = append(rep.Problems, err.Error())
						rep.Skipped++
						continue
					}
				} else {
					states[is] = state
				}
			} else if err != nil && !errors.Is(err, ErrNotFound) {
				rep.Skipped++
				continue
			}
			if msg := mismatch(a, is, state, err); msg != "" {
				pos := r.FieldPos("actions[" + strconv.Itoa(i) + "]")
				rep.Findings = append(rep.Findings, review.Finding{File: r.Path, Line: pos.Line, Col: pos.Col,
					Severity: review.Warning, Field: "actions[" + strconv.Itoa(i) + "].status", Message: msg})
			}
		}
	}
	review.SortFindings(rep.Findings)
	return rep
}

// mismatch says what disagrees between the action a and the state of the
// issue it links to, or "".
func mismatch(a review.Action, is Issue, state string, err error) string {
	if errors.Is(err, ErrNotFound) {
		return fmt.Sprintf("action %q links to %s, which does not exist or which the token cannot read: mend the link", a.Do, is.URL())
	}
	switch {
	case a.Status == "open" && state == "closed":
		return fmt.Sprintf("action %q is open but %s is closed: mark it done, or reopen the issue", a.Do, is.URL())
	case a.Status == "done" && state == "open":
		return fmt.Sprintf("action %q is done but %s is still open: close the issue, or set the action back to open", a.Do, is.URL())
	case a.Status == "wontfix" && state == "open":
		return fmt.Sprintf("action %q is wontfix but %s is still open: close the issue as not planned, or set the action back to open", a.Do, is.URL())
	}
	return ""
}
