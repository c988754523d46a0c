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
	ID   string `json:"id" jsonschema:"the review's id: its file name without .md"`
	Path string `json:"path" jsonschema:"the review file, slash-separated from the repository root"`
	URL  string `json:"url,omitempty" jsonschema:"the review's page on the site, when the caller knows it"`

	Title               string           `json:"title" jsonschema:"what happened, in a line"`
	Date                string           `json:"date" jsonschema:"the day the incident began, YYYY-MM-DD"`
	Status              Status           `json:"status" jsonschema:"how far the review has come: draft, ready or final"`
	Severity            string           `json:"severity" jsonschema:"one of the configured severities, SEV1 (worst) to SEV4 by default"`
	Services            []string         `json:"services" jsonschema:"the services involved"`
	Summary             string           `json:"summary,omitempty" jsonschema:"what happened and its impact, with measured numbers"`
	Tags                []string         `json:"tags,omitempty" jsonschema:"lowercase tags"`
	Window              *PublicWindow    `json:"window,omitempty" jsonschema:"the error time window"`
	Traceback           string           `json:"traceback,omitempty" jsonschema:"the traceback (Python, Java or Go) as it was printed"`
	TracebackAbsent     string           `json:"traceback_absent,omitempty" jsonschema:"why there is no traceback"`
	Reproduction        string           `json:"reproduction,omitempty" jsonschema:"the minimal reproduction: a curl command, a python -c line, a script"`
	Failure             *PublicFailure   `json:"failure,omitempty" jsonschema:"where in the chain it failed"`
	Config              []string         `json:"config,omitempty" jsonschema:"the settings in effect, each 'name = value'"`
	Versions            []string         `json:"versions,omitempty" jsonschema:"the pinned versions involved, each 'name==version'"`
	WhyNotCaught        string           `json:"why_not_caught,omitempty" jsonschema:"why no test, review, alert or guard stopped it"`
	CatchNextTime       string           `json:"catch_next_time,omitempty" jsonschema:"the guard that will stop it next time"`
	ContributingFactors []string         `json:"contributing_factors,omitempty" jsonschema:"the causes that together made the incident: the change that triggered it, the condition that let it spread, the missing guard"`
	FirstLook           *PublicFirstLook `json:"first_look,omitempty" jsonschema:"where to look first when it happens again"`
	Verification        *PublicVerify    `json:"verification,omitempty" jsonschema:"how the fix was proven on real traffic"`
	EdgeInputs          *PublicEdge      `json:"edge_inputs,omitempty" jsonschema:"what the failing logic does with None, an empty string, an overlong string and a negative number"`
	Actions             []PublicAction   `json:"actions,omitempty" jsonschema:"the action items"`
	Related             []string         `json:"related,omitempty" jsonschema:"the ids of related reviews"`
	Publish             string           `json:"publish,omitempty" jsonschema:"private: left out of every publish profile's build"`

	// Custom holds the values of the fields the team declared in
	// fupan.yaml: a string, or a list of strings.
	Custom map[string]any `json:"custom,omitempty" jsonschema:"the values of the team's own fields, declared in fupan.yaml: a string, or a list of strings"`

	// AllExceptions is failure.exceptions and every exception type of the
	// parsed traceback's chain, without repeats.
	AllExceptions []string `json:"all_exceptions,omitempty" jsonschema:"failure.exceptions and every exception type of the traceback's chain, without repeats"`
}

// PublicWindow is window: RFC 3339 times, each omitted when absent.
type PublicWindow struct {
	Start     string `json:"start,omitempty" jsonschema:"when the errors began, RFC 3339"`
	End       string `json:"end,omitempty" jsonschema:"when they ended, RFC 3339"`
	Detected  string `json:"detected,omitempty" jsonschema:"when someone or something noticed, RFC 3339"`
	Mitigated string `json:"mitigated,omitempty" jsonschema:"when the impact was stopped, RFC 3339"`
}

// PublicFailure is failure.
type PublicFailure struct {
	Function   string   `json:"function,omitempty" jsonschema:"the function that failed"`
	Caller     string   `json:"caller,omitempty" jsonschema:"who called it"`
	Dependency string   `json:"dependency,omitempty" jsonschema:"the dependency involved"`
	Exceptions []string `json:"exceptions,omitempty" jsonschema:"the exception types raised"`
}

// PublicFirstLook is first_look.
type PublicFirstLook struct {
	Metric string `json:"metric,omitempty" jsonschema:"the first metric to open"`
	Log    string `json:"log,omitempty" jsonschema:"the first log keyword to search"`
	Config string `json:"config,omitempty" jsonschema:"the first config item to check"`
}

// PublicVerify is verification.
type PublicVerify struct {
	Traffic string        `json:"traffic,omitempty" jsonschema:"how the fix was run against real traffic"`
	Watch   []PublicWatch `json:"watch,omitempty" jsonschema:"the metrics watched"`
}

// PublicWatch is one metric of verification.watch.
type PublicWatch struct {
	Metric string `json:"metric" jsonschema:"the metric"`
	Expect string `json:"expect" jsonschema:"how it should move: down, flat or up"`
}

// PublicEdge is edge_inputs.
type PublicEdge struct {
	None     string `json:"none,omitempty" jsonschema:"what it does with None (null, nil)"`
	Empty    string `json:"empty,omitempty" jsonschema:"what it does with an empty string"`
	Long     string `json:"long,omitempty" jsonschema:"what it does with an overlong string"`
	Negative string `json:"negative,omitempty" jsonschema:"what it does with a negative number"`
}

// PublicAction is one action item.
type PublicAction struct {
	Do     string `json:"do" jsonschema:"what to do"`
	Owner  string `json:"owner" jsonschema:"the team that owns it"`
	Status string `json:"status" jsonschema:"open, done or wontfix"`
	Due    string `json:"due,omitempty" jsonschema:"the due date, YYYY-MM-DD"`
	Link   string `json:"link,omitempty" jsonschema:"a link to the ticket"`
}

// Full is a review's public shape with its Markdown body: what 'fupan
// show --json' prints and the MCP server's get_review returns. URL is the
// page's absolute address when the site's base_url is known.
type Full struct {
	Public
	Body string `json:"body" jsonschema:"the Markdown body after the front matter: timeline, discussion, diagrams"`
}

// Full returns r in its public shape with its body, and url (PageURL) as
// its page's address ("" for none).
func (r *Review) Full(url string) Full {
	p := r.Public()
	p.URL = url
	return Full{Public: p, Body: r.Body}
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
	for _, cv := range r.Custom {
		if p.Custom == nil {
			p.Custom = map[string]any{}
		}
		if cv.List {
			p.Custom[cv.Name] = cv.Values
		} else {
			p.Custom[cv.Name] = cv.Value
		}
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
