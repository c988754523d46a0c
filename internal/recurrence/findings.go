package recurrence

import (
	"fmt"
	"strings"

	"github.com/fupan/fupan/internal/review"
)

// maxFindings is how many earlier reviews a changed review's findings
// name, the most alike first.
const maxFindings = 3

// Outstanding returns the actions of r that were not done: open or
// wontfix.
func Outstanding(r *review.Review) []review.Action {
	var out []review.Action
	for _, a := range r.Actions {
		if a.Status == "open" || a.Status == "wontfix" {
			out = append(out, a)
		}
	}
	return out
}

// Findings returns the recurrence findings on r, one for each of the
// earlier reviews it matches (the first few), at failure.exceptions (else
// failure.dependency, else failure): a warning when that review has an
// action still open or wontfix, else a notice. The level of the lint rule
// recurrence in cfg turns them off, makes them all notices, or makes the
// warnings errors.
func (ix *Index) Findings(r *review.Review, cfg *review.Config) []review.Finding {
	level := cfg.Level(review.LintRecurrence)
	if level == "off" {
		return nil
	}
	ms := ix.SeenBefore(r, maxFindings)
	field := "failure.exceptions"
	if _, ok := r.Pos[field]; !ok {
		field = "failure.dependency"
	}
	pos := r.FieldPos(field, "failure")
	var out []review.Finding
	for _, m := range ms {
		msg, open := Message(m)
		sev := review.Notice
		switch {
		case level == "notice":
		case open && level == "error":
			sev = review.Error
		case open:
			sev = review.Warning
		}
		f := review.Finding{File: r.Path, Line: pos.Line, Col: pos.Col, Severity: sev,
			Field: field, Message: msg, Prior: []string{m.Review.ID}}
		if cfg.BaseURL != "" {
			f.PriorURL = []string{PageURL(cfg.BaseURL, m.Review.ID)}
		}
		out = append(out, f)
	}
	return out
}

// Message says a match of SeenBefore in a sentence, with the earlier
// review's first action not done: "seen before in ID (same exception and
// dependency); its action 'X' (team-platform, due 2025-06-30) is still
// open". open reports whether it has such an action.
func Message(m Match) (msg string, open bool) {
	msg = fmt.Sprintf("seen before in %s (%s)", m.Review.ID, Phrase(m.Kinds))
	out := Outstanding(m.Review)
	if len(out) == 0 {
		if len(m.Review.Actions) > 0 {
			msg += "; its actions are done"
		}
		return msg, false
	}
	a := out[0]
	who := a.Owner
	if a.Due != "" {
		who += ", due " + a.Due
	}
	if a.Status == "wontfix" {
		msg += fmt.Sprintf("; its action '%s' (%s) was marked wontfix", a.Do, who)
	} else {
		msg += fmt.Sprintf("; its action '%s' (%s) is still open", a.Do, who)
	}
	if len(out) > 1 {
		msg += fmt.Sprintf(", and %d more not done", len(out)-1)
	}
	return msg, true
}

// Phrase says the kinds of a match's reasons shortly: "same exception and
// dependency", "same exception, failing function and service; similar
// traceback".
func Phrase(kinds []string) string {
	var same []string
	similar := false
	for _, k := range kinds {
		if k == ReasonTraceback {
			similar = true
			continue
		}
		same = append(same, strings.TrimPrefix(k, "same "))
	}
	var parts []string
	if len(same) > 0 {
		parts = append(parts, "same "+and(same))
	}
	if similar {
		parts = append(parts, ReasonTraceback)
	}
	return strings.Join(parts, "; ")
}

func and(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// PageURL is the address of the published page of the review id on a site
// at baseURL.
func PageURL(baseURL, id string) string {
	return strings.TrimSuffix(baseURL, "/") + "/reviews/" + id + "/"
}
