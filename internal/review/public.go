package review

import "time"

// PublicVersion is the version of the public JSON shape of a review
// (Public), written as "version" in reviews.json. It changes only when a
// key is renamed or removed, or its meaning changes; new keys may be added
// within a version.
const PublicVersion = 2

// Public is a review as other programs read it: in reviews.json, in
// `fupan show --json` and from the MCP server. Its keys are the front
// matter's own (see the package doc), plus id, path and the exceptions of
// the traceback; a key that the review leaves empty is omitted. Times keep
// the offset they were written with.
//
// This shape is a public interface: scripts and dashboards read it. The
// JSON Schema of reviews.json (ReviewsSchema) describes it.
type Public struct {
	ID   string `json:"id"`            // the file name without .md
	Path string `json:"path"`          // slash-separated, from the repository root
	URL  string `json:"url,omitempty"` // the review's page, when the caller knows it

	Title               string           `json:"title"`
	Date                string           `json:"date"`
	Status              Status           `json:"status"`
	Severity            string           `json:"severity"`
	Services            []string         `json:"services"`
	Summary             string           `json:"summary,omitempty"`
	Tags                []string         `json:"tags,omitempty"`
	Window              *PublicWindow    `json:"window,omitempty"`
	Traceback           string           `json:"traceback,omitempty"`
	TracebackAbsent     string           `json:"traceback_absent,omitempty"`
	Reproduction        string           `json:"reproduction,omitempty"`
	Failure             *PublicFailure   `json:"failure,omitempty"`
	Config              []string         `json:"config,omitempty"`
	Versions            []string         `json:"versions,omitempty"`
	WhyNotCaught        string           `json:"why_not_caught,omitempty"`
	CatchNextTime       string           `json:"catch_next_time,omitempty"`
	ContributingFactors []string         `json:"contributing_factors,omitempty"`
	FirstLook           *PublicFirstLook `json:"first_look,omitempty"`
	Verification        *PublicVerify    `json:"verification,omitempty"`
	EdgeInputs          *PublicEdge      `json:"edge_inputs,omitempty"`
	Actions             []PublicAction   `json:"actions,omitempty"`
	Related             []string         `json:"related,omitempty"`
	Publish             string           `json:"publish,omitempty"`

	// AllExceptions is failure.exceptions and every exception type of the
	// parsed traceback's chain, without repeats.
	AllExceptions []string `json:"all_exceptions,omitempty"`
}

// PublicWindow is window: RFC 3339 times, each omitted when absent.
type PublicWindow struct {
	Start     string `json:"start,omitempty"`
	End       string `json:"end,omitempty"`
	Detected  string `json:"detected,omitempty"`
	Mitigated string `json:"mitigated,omitempty"`
}

// PublicFailure is failure.
type PublicFailure struct {
	Function   string   `json:"function,omitempty"`
	Caller     string   `json:"caller,omitempty"`
	Dependency string   `json:"dependency,omitempty"`
	Exceptions []string `json:"exceptions,omitempty"`
}

// PublicFirstLook is first_look.
type PublicFirstLook struct {
	Metric string `json:"metric,omitempty"`
	Log    string `json:"log,omitempty"`
	Config string `json:"config,omitempty"`
}

// PublicVerify is verification.
type PublicVerify struct {
	Traffic string        `json:"traffic,omitempty"`
	Watch   []PublicWatch `json:"watch,omitempty"`
}

// PublicWatch is one metric of verification.watch.
type PublicWatch struct {
	Metric string `json:"metric"`
	Expect string `json:"expect"`
}

// PublicEdge is edge_inputs.
type PublicEdge struct {
	None     string `json:"none,omitempty"`
	Empty    string `json:"empty,omitempty"`
	Long     string `json:"long,omitempty"`
	Negative string `json:"negative,omitempty"`
}

// PublicAction is one action item.
type PublicAction struct {
	Do     string `json:"do"`
	Owner  string `json:"owner"`
	Status string `json:"status"`
	Due    string `json:"due,omitempty"`
	Link   string `json:"link,omitempty"`
}

// Public returns r in its public shape.
func (r *Review) Public() Public {
	p := Public{
		ID: r.ID, Path: r.Path,
		Title: r.Title, Date: r.Date, Status: r.Status, Severity: r.Severity,
		Services: r.Services, Summary: r.Summary, Tags: r.Tags,
		Traceback: r.Traceback, TracebackAbsent: r.TracebackAbsent, Reproduction: r.Reproduction,
		Config: r.Config, Versions: r.Versions,
		WhyNotCaught: r.WhyNotCaught, CatchNextTime: r.CatchNextTime, ContributingFactors: r.ContributingFactors,
		Related: r.Related, Publish: r.Publish,
		AllExceptions: r.Exceptions(),
	}
	if p.Services == nil {
		p.Services = []string{}
	}
	if w := (PublicWindow{publicTime(r.Window.Start), publicTime(r.Window.End), publicTime(r.Window.Detected), publicTime(r.Window.Mitigated)}); w != (PublicWindow{}) {
		p.Window = &w
	}
	if f := r.Failure; f.Function != "" || f.Caller != "" || f.Dependency != "" || len(f.Exceptions) > 0 {
		p.Failure = &PublicFailure{f.Function, f.Caller, f.Dependency, f.Exceptions}
	}
	if fl := (PublicFirstLook{r.FirstLook.Metric, r.FirstLook.Log, r.FirstLook.Config}); fl != (PublicFirstLook{}) {
		p.FirstLook = &fl
	}
	if v := r.Verification; v.Traffic != "" || len(v.Watch) > 0 {
		p.Verification = &PublicVerify{Traffic: v.Traffic}
		for _, w := range v.Watch {
			p.Verification.Watch = append(p.Verification.Watch, PublicWatch(w))
		}
	}
	if e := r.EdgeInputs; e != nil {
		p.EdgeInputs = &PublicEdge{e.None, e.Empty, e.Long, e.Negative}
	}
	for _, a := range r.Actions {
		p.Actions = append(p.Actions, PublicAction(a))
	}
	return p
}

// publicTime is t as written (RFC 3339, its own offset), "" when absent.
func publicTime(t Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}
