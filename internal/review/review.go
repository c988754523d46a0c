package review

import (
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

	Title           string       `json:"title"`
	Date            string       `json:"date"`
	Status          Status       `json:"status"`
	Severity        string       `json:"severity"`
	Services        []string     `json:"services"`
	Summary         string       `json:"summary"`
	Tags            []string     `json:"tags"`
	Window          Window       `json:"window"`
	Traceback       string       `json:"traceback"`
	TracebackAbsent string       `json:"traceback_absent"`
	Reproduction    string       `json:"reproduction"`
	Failure         Failure      `json:"failure"`
	Config          []string     `json:"config"`
	Versions        []string     `json:"versions"`
	WhyNotCaught    string       `json:"why_not_caught"`
	CatchNextTime   string       `json:"catch_next_time"`
	FirstLook       FirstLook    `json:"first_look"`
	Verification    Verification `json:"verification"`
	EdgeInputs      *EdgeInputs  `json:"edge_inputs"`
	Actions         []Action     `json:"actions"`
	Related         []string     `json:"related"`

	// Body is the Markdown after the front matter; BodyLine is the line of
	// the file on which it starts.
	Body     string
	BodyLine int

	// Parsed is the parsed traceback, when there is one and it parses.
	Parsed *traceback.Traceback
}

// Window is the error time window. Times are zero when absent or invalid.
type Window struct {
	Start     Time `json:"start"`
	End       Time `json:"end"`
	Detected  Time `json:"detected"`
	Mitigated Time `json:"mitigated"`
}

// Time is an RFC 3339 timestamp that keeps the offset it was written with.
type Time struct{ time.Time }

// UnmarshalText accepts RFC 3339 and leaves the zero time for anything else
// (the schema and the rules report those).
func (t *Time) UnmarshalText(b []byte) error {
	if v, err := time.Parse(time.RFC3339, string(b)); err == nil {
		t.Time = v
	}
	return nil
}

// Failure is where in the chain it failed.
type Failure struct {
	Function   string   `json:"function"`
	Caller     string   `json:"caller"`
	Dependency string   `json:"dependency"`
	Exceptions []string `json:"exceptions"`
}

// FirstLook is where to look first next time.
type FirstLook struct {
	Metric string `json:"metric"`
	Log    string `json:"log"`
	Config string `json:"config"`
}

// Verification is how the fix was proven on real traffic.
type Verification struct {
	Traffic string  `json:"traffic"`
	Watch   []Watch `json:"watch"`
}

// Watch is a metric watched during verification and the way it should move.
type Watch struct {
	Metric string `json:"metric"`
	Expect string `json:"expect"`
}

// EdgeInputs says what the failing logic does with inputs nobody thought of.
type EdgeInputs struct {
	None     string `json:"none"`
	Empty    string `json:"empty"`
	Long     string `json:"long"`
	Negative string `json:"negative"`
}

// Action is an action item owned by a team.
type Action struct {
	Do     string `json:"do"`
	Owner  string `json:"owner"`
	Status string `json:"status"`
	Due    string `json:"due"`
	Link   string `json:"link"`
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
