package review

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// Severity says whether a finding fails the check.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
	// Notice is for what is worth knowing and needs no change, such as
	// an incident seen before whose actions are all done; it is counted
	// neither as an error nor as a warning.
	Notice Severity = "notice"
)

// A Finding is one thing the checker has to say about a file: where, how bad,
// about which field, and what to do about it. It is also an error, printed as
// "FILE:LINE:COL: MESSAGE".
type Finding struct {
	File     string   `json:"file"` // slash-separated, relative to the repository root
	Line     int      `json:"line"` // 1-based line in the file
	Col      int      `json:"col"`  // 1-based column, in characters
	Severity Severity `json:"severity"`
	Field    string   `json:"field"` // dotted field path, e.g. "window.end"; empty for the file as a whole
	Message  string   `json:"message"`
	// Prior are the ids of the earlier reviews a recurrence finding
	// names, most alike first.
	Prior []string `json:"prior,omitempty"`
	// PriorURL are the published pages of Prior, when base_url is set.
	PriorURL []string `json:"prior_url,omitempty"`
	Err      error    `json:"-"` // the underlying error, if any

	// Within the schema's findings: missing says the field is missing;
	// meant is the field an unknown one is a misspelling of, or that
	// the finding says why it is empty.
	missing bool
	meant   string
	// due is, for an overdue_action finding, the due date of its action:
	// the finding holds from the day after (dueFindings).
	due string
}

// dueFindings returns the findings of fs that hold at now: all but the
// overdue_action findings of actions not yet past their due date. The
// findings of a file are made for any day, and chosen by the day here,
// so that a kept or cached file's findings do not go stale overnight.
func dueFindings(fs []Finding, now time.Time) []Finding {
	if !slices.ContainsFunc(fs, func(f Finding) bool { return f.due != "" }) {
		return fs
	}
	out := make([]Finding, 0, len(fs))
	for _, f := range fs {
		if f.due == "" || (Action{Status: "open", Due: f.due}).Overdue(now) {
			out = append(out, f)
		}
	}
	return out
}

func (f *Finding) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", f.File, f.Line, f.Col, f.Message)
}

// Unwrap returns the underlying error (a YAML or traceback error), if any.
func (f *Finding) Unwrap() error { return f.Err }

// SortFindings orders findings by file, line, column, then message.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Count returns the number of errors and warnings in fs; notices are
// neither.
func Count(fs []Finding) (errors, warnings int) {
	for _, f := range fs {
		switch f.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		}
	}
	return errors, warnings
}
