package review

import (
	"cmp"
	"time"

	"github.com/fupan/fupan/internal/traceback"
)

// Status is how far a review has come; see the package doc for the gates.
type Status string

const (
	Draft Status = "draft"
	Ready Status = "ready"
	Final Status = "final"
)

// A Review is one incident review: its front matter, decoded, and its body.
// A review with errors is still returned as far as it could be decoded, so
// that cross-file rules and tools can see it.
type Review struct {
	ID   string // the file name without .md
	Path string // slash-separated, relative to the repository root

	Title           string
	Date            string
	Status          Status
	Severity        string
	Services        []string
	Summary         string
	Tags            []string
	Window          Window
	Traceback       string
	TracebackAbsent string
	Reproduction    string
	Failure         Failure
	Config          []string
	Versions        []string
	WhyNotCaught    string
	CatchNextTime   string
	// ContributingFactors are the conditions that together let the
	// incident happen: several causes rather than one root cause.
	ContributingFactors []string
	FirstLook           FirstLook
	Verification        Verification
	EdgeInputs          *EdgeInputs
	Actions             []Action
	Related             []string
	// Publish is "private" when no publish profile may show the review;
	// "public" or "" otherwise.
	Publish string
	// Custom are the values of the custom fields (fupan.yaml's fields),
	// sorted by name.
	Custom []CustomValue

	// Body is the Markdown after the front matter; BodyLine is the line of
	// the file on which it starts.
	Body     string
	BodyLine int

	// Parsed is the parsed traceback, when there is one and it parses.
	Parsed *traceback.Traceback

	// Pos holds the file positions of the fields that tools outside this
	// package report on (PosFields), by dotted field path:
	// "failure.exceptions", "failure.dependency", "actions[0]".
	Pos map[string]Position
}

// A Position is a line and column in a review file, both 1-based.
type Position struct{ Line, Col int }

// FieldPos returns the position of the field at path (see Review.Pos),
// or of the first of the fallbacks that has one; line 1, column 1 when
// none has.
func (r *Review) FieldPos(path string, fallbacks ...string) Position {
	for _, p := range append([]string{path}, fallbacks...) {
		if pos, ok := r.Pos[p]; ok {
			return pos
		}
	}
	return Position{1, 1}
}

// Window is the error time window. Times are zero when absent or invalid.
type Window struct {
	Start     Time
	End       Time
	Detected  Time
	Mitigated Time
}

// Time is an RFC 3339 timestamp that keeps the offset it was written with.
type Time struct{ time.Time }

// Failure is where in the chain it failed.
type Failure struct {
	Function   string
	Caller     string
	Dependency string
	Exceptions []string
}

// FirstLook is where to look first next time.
type FirstLook struct {
	Metric string
	Log    string
	Config string
}

// Verification is how the fix was proven on real traffic.
type Verification struct {
	Traffic string
	Watch   []Watch
}

// Watch is a metric watched during verification and the way it should move.
type Watch struct {
	Metric string
	Expect string
}

// EdgeInputs says what the failing logic does with inputs nobody thought of.
type EdgeInputs struct {
	None     string
	Empty    string
	Long     string
	Negative string
}

// Action is an action item owned by a team.
type Action struct {
	Do     string
	Owner  string
	Status string
	Due    string
	Link   string
}

// Overdue reports whether the action is open and past its due date: due
// is a date before now's day (in now's location), the rule of the overdue
// warning.
func (a Action) Overdue(now time.Time) bool {
	return a.Due < now.Format(time.DateOnly) && a.mayBeOverdue()
}

// mayBeOverdue reports whether the action is open with a due date: it is
// overdue from the day after that date on.
func (a Action) mayBeOverdue() bool {
	if a.Status != "open" || a.Due == "" {
		return false
	}
	_, err := time.Parse(time.DateOnly, a.Due)
	return err == nil
}

// Setting is one line of config split at the first " = ".
type Setting struct{ Name, Value string }

// Settings returns the config lines split into name and value; lines
// without " = " are left out (the checker reports them).
func (r *Review) Settings() []Setting {
	var s []Setting
	for _, line := range r.Config {
		if name, value, ok := cutSetting(line); ok {
			s = append(s, Setting{name, value})
		}
	}
	return s
}

// Exceptions returns the exception types of the review: failure.exceptions
// and, when the traceback parsed, every type in its chain, without repeats.
func (r *Review) Exceptions() []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, e := range r.Failure.Exceptions {
		add(e)
	}
	if r.Parsed != nil {
		for _, e := range r.Parsed.Chain {
			add(e.Type)
		}
	}
	return out
}

// NewestFirst orders reviews as every list of fupan shows them: the
// latest date first, then by id. Use it with slices.SortFunc.
func NewestFirst(a, b *Review) int {
	return cmp.Or(-cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID))
}
