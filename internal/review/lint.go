package review

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// Lint rules: warnings (missing_contributing_factors: off) unless
// fupan.yaml sets their level (error, warning or off) under lint.
const (
	LintSpeculation                = "speculation"                  // "I think", "probably", 可能是因为 in summary, why_not_caught or the body
	LintUnmeasuredSummary          = "unmeasured_summary"           // a summary with no measured number
	LintOverdueAction              = "overdue_action"               // an open action past its due date
	LintPersonHandle               = "person_handle"                // an @handle in why_not_caught
	LintBlame                      = "blame"                        // "human error", "careless", 粗心, 甩锅 in the prose (blameless.go)
	LintCounterfactual             = "counterfactual"               // "should have", "could have", 本应该 in the prose (blameless.go)
	LintMissingContributingFactors = "missing_contributing_factors" // a final review with no contributing_factors; off by default
	// LintRecurrence is a changed review whose failure was seen before
	// (package recurrence): a warning when an earlier action is still
	// open or wontfix, else a notice. Its level may also be notice.
	LintRecurrence = "recurrence"
)

var lintRules = []string{LintSpeculation, LintUnmeasuredSummary, LintOverdueAction, LintPersonHandle,
	LintBlame, LintCounterfactual, LintMissingContributingFactors, LintRecurrence}

// lintDefaults are the levels of the rules that are not warnings unless
// fupan.yaml says so.
var lintDefaults = map[string]string{LintMissingContributingFactors: "off"}

// speculationWords are what speculationRE looks for, as plain lower-case
// substrings: a text with none of them needs no regular expression.
var speculationWords = []string{"think", "probably", "maybe", "我觉得", "可能是因为", "应该是"}

func mayGuess(text []byte) bool {
	lower := bytes.ToLower(text)
	for _, w := range speculationWords {
		if bytes.Contains(lower, []byte(w)) {
			return true
		}
	}
	return false
}

var (
	speculationRE = lazyRegexp(`(?i)\b(?:i think|probably|maybe)\b|我觉得|可能是因为|应该是`)
	handleRE      = lazyRegexp(`(?:^|[\s(\[,;])(@[A-Za-z0-9][A-Za-z0-9_-]*)`)
	digitRE       = lazyRegexp(`\p{Nd}`)
)

func lint(r *Review, d *doc, src []byte, cfg *Config) []Finding {
	var out []Finding
	add := func(rule string, f Finding) {
		switch cfg.level(rule) {
		case "off":
			return
		case "error":
			f.Severity = Error
		default:
			f.Severity = Warning
		}
		out = append(out, f)
	}
	for _, fld := range []struct{ ptr, text string }{{"/summary", r.Summary}, {"/why_not_caught", r.WhyNotCaught}} {
		if !mayGuess([]byte(fld.text)) {
			continue
		}
		if m := speculationRE().FindString(fld.text); m != "" {
			f := d.find(Warning, fld.ptr, false, "%q in %s is a guess: state what was checked, with versions and config", m, fieldPath(fld.ptr))
			f.Line, f.Col = d.textPos(src, fld.ptr, m)
			add(LintSpeculation, f)
		}
	}
	if off := bodySpeculation(src, r.BodyLine); off >= 0 {
		line, col := position(src, off)
		m := speculationRE().FindString(string(src[off:]))
		add(LintSpeculation, Finding{Line: line, Col: col, Message: fmt.Sprintf("%q in the body is a guess: state what was checked, with versions and config", m)})
	}
	if r.Summary != "" && !digitRE().MatchString(r.Summary) {
		add(LintUnmeasuredSummary, d.find(Warning, "/summary", false,
			"summary has no measured number: say how much and how long, e.g. \"p50 of the query rose from 80ms to 2.4s for 32 minutes\""))
	}
	for i, a := range r.Actions {
		// Whether it is overdue depends on the day: the finding is made
		// for every open action with a due date, and kept by dueFindings.
		if a.mayBeOverdue() {
			f := d.find(Warning, "/actions/"+strconv.Itoa(i)+"/due", false,
				"action %q is open and past its due date %s: do it, mark it done or wontfix, or set a new due date", a.Do, a.Due)
			f.due = a.Due
			add(LintOverdueAction, f)
		}
	}
	lintBlameless(r, d, src, add)
	if r.Status == Final && len(r.ContributingFactors) == 0 && cfg.level(LintMissingContributingFactors) != "off" {
		f := d.find(Warning, "/status", false, "missing contributing_factors (required for status final by lint.%s in fupan.yaml): list the conditions that together let it happen, e.g. - the client had no retry on a connect timeout",
			LintMissingContributingFactors)
		if _, ok := d.at["/contributing_factors"]; ok {
			f.Line, f.Col = d.pos("/contributing_factors", true)
		}
		f.Field = "contributing_factors"
		add(LintMissingContributingFactors, f)
	}
	if !strings.Contains(r.WhyNotCaught, "@") {
		return out
	}
	if m := handleRE().FindStringSubmatch(r.WhyNotCaught); m != nil {
		f := d.find(Warning, "/why_not_caught", false, "why_not_caught names a person (%s): say which test, review, alert or guard was missing, not who", m[1])
		f.Line, f.Col = d.textPos(src, "/why_not_caught", m[1])
		add(LintPersonHandle, f)
	}
	return out
}

// bodySpeculation returns the file offset of the first guess in the body,
// outside fenced code blocks, or -1.
func bodySpeculation(src []byte, bodyLine int) int {
	off := lineStart(src, bodyLine)
	if off < 0 || !mayGuess(src[off:]) {
		return -1
	}
	for start, line := range proseLines(src, off) {
		if loc := speculationRE().FindIndex(line); loc != nil {
			return start + loc[0]
		}
	}
	return -1
}

// textPos finds text in the source at or after the line of the value at
// ptr and returns its position; the value's position when it is not there
// as written (a folded line break inside it).
func (d *doc) textPos(src []byte, ptr, text string) (line, col int) {
	line, col = d.pos(ptr, false)
	off := lineStart(src, line)
	if off < 0 {
		return line, col
	}
	if i := bytes.Index(bytes.ToLower(src[off:]), bytes.ToLower([]byte(text))); i >= 0 && len(bytes.ToLower(src[off:])) == len(src[off:]) {
		return position(src, off+i)
	}
	return line, col
}
