package review

import (
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/fupan/fupan/internal/traceback"
)

// Publish profiles. fupan.yaml's publish names profiles, each a way to
// show the reviews to a wider audience ('fupan build --profile NAME'):
//
//	publish:
//	  public:
//	    statuses: [final]                         # only these; all when unset
//	    omit: [config, reproduction, failure.dependency, first_look]
//	    redact: ['[a-z0-9.-]+\.internal', '10\.[0-9.]+']
//
// A profile keeps the reviews of its statuses, less those whose front
// matter says publish: private; leaves out the omitted fields (by their
// names in the front matter; "body" is the Markdown body; a field of the
// items of a list is named without [], actions.owner); and replaces every
// match of a redact pattern (RE2, as Go's regexp reads it) in every text
// of what is left, the site's title and the reviews' ids and paths
// included, with [redacted] ("redacted" in an id). It is applied once, to
// the reviews (Apply), before anything is made of them: every page, the
// feed, reviews.json, the sitemap and the search index show only what it
// left.

// PublishProfile is one profile under publish in fupan.yaml.
type PublishProfile struct {
	Statuses []Status `yaml:"statuses"` // the statuses published; every status when empty
	Omit     []string `yaml:"omit"`     // fields left out, e.g. config, failure.dependency, body
	Redact   []string `yaml:"redact"`   // regular expressions whose matches are replaced by [redacted]
}

// Redacted is what a redacted match is replaced with; in an id or a path,
// redactedSlug.
const (
	Redacted     = "[redacted]"
	redactedSlug = "redacted"
)

// PublishPrivate is the value of a review's publish field that keeps it
// out of every publish profile.
const PublishPrivate = "private"

// A Profile is a publish profile, checked and compiled.
type Profile struct {
	Name     string
	statuses []Status
	omit     []func(*Review)
	redact   []*regexp.Regexp
}

// Profile returns the publish profile of fupan.yaml named name. An
// unknown name is an error that lists the profiles. A profile with an
// invalid setting is reported by the check as a finding on fupan.yaml;
// here, it is an error too.
func (c *Config) Profile(name string) (*Profile, error) {
	pp, ok := c.Publish[name]
	if !ok {
		names := slices.Sorted(maps.Keys(c.Publish))
		if len(names) == 0 {
			return nil, fmt.Errorf("no publish profile %q: fupan.yaml declares none (add publish: {%s: {statuses: [final], omit: […], redact: […]}})", name, name)
		}
		msg := fmt.Sprintf("no publish profile %q in fupan.yaml", name)
		if s := suggest(name, names); s != "" {
			msg += fmt.Sprintf(": did you mean %q?", s)
		} else {
			msg += ": the profiles are " + strings.Join(names, ", ")
		}
		return nil, fmt.Errorf("%s", msg)
	}
	p := &Profile{Name: name, statuses: pp.Statuses}
	for _, o := range pp.Omit {
		o = strings.ReplaceAll(o, "[]", "")
		if c.omitter(o) == nil {
			return nil, fmt.Errorf("publish.%s.omit: unknown field %q", name, o)
		}
		p.omit = append(p.omit, c.omitter(o))
	}
	for _, r := range pp.Redact {
		re, err := compileRedact(r)
		if err != nil {
			return nil, fmt.Errorf("publish.%s.redact: %q: %v", name, r, err)
		}
		p.redact = append(p.redact, re)
	}
	return p, nil
}

// compileRedact compiles a redact pattern: one that matches the empty
// string would redact between every two characters.
func compileRedact(s string) (*regexp.Regexp, error) {
	re, err := regexp.Compile(s)
	if err != nil {
		return nil, fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	if re.MatchString("") {
		return nil, fmt.Errorf("it matches the empty string, so it would redact between every two characters: make it match at least one")
	}
	return re, nil
}

// checkPublish reports the invalid settings of publish in fupan.yaml at
// their line and column.
func checkPublish(cfg *Config, src []byte) []Finding {
	var out []Finding
	at := func(msg string, p ...string) {
		line, col := configPos(src, p...)
		out = append(out, Finding{File: ConfigFile, Line: line, Col: col, Severity: Error, Field: strings.Join(p, "."), Message: msg})
	}
	names := slices.Sorted(maps.Keys(cfg.Publish))
	omittable := slices.Sorted(maps.Keys(omitters))
	for _, f := range cfg.Fields {
		omittable = append(omittable, f.Name)
	}
	for _, name := range names {
		pp := cfg.Publish[name]
		if !profileNameRE().MatchString(name) {
			at(fmt.Sprintf("publish profile name %q: use lowercase letters, digits and - or _, as in --profile public", name), "publish", name)
		}
		for i, st := range pp.Statuses {
			if st != Draft && st != Ready && st != Final {
				msg := fmt.Sprintf("publish.%s.statuses: %q is not a status: use draft, ready or final", name, st)
				if s := suggest(string(st), []string{"draft", "ready", "final"}); s != "" {
					msg += fmt.Sprintf(": did you mean %q?", s)
				}
				at(msg, "publish", name, "statuses", strconv.Itoa(i))
			}
		}
		for i, o := range pp.Omit {
			if cfg.omitter(strings.ReplaceAll(o, "[]", "")) == nil {
				msg := fmt.Sprintf("publish.%s.omit: unknown field %q", name, o)
				if s := suggest(o, omittable); s != "" {
					msg += fmt.Sprintf(": did you mean %q?", s)
				} else {
					msg += ": a field is named as in the front matter (config, failure.dependency, actions.owner) or body; title, date, status and severity stay"
				}
				at(msg, "publish", name, "omit", strconv.Itoa(i))
			}
		}
		for i, r := range pp.Redact {
			if _, err := compileRedact(r); err != nil {
				at(fmt.Sprintf("publish.%s.redact: %q is not a regular expression fupan can use: %v", name, r, err), "publish", name, "redact", strconv.Itoa(i))
			}
		}
	}
	return out
}

var profileNameRE = lazyRegexp(`^[a-z0-9][a-z0-9_-]*$`)

// Publishes reports whether the profile shows the review at all.
func (p *Profile) Publishes(r *Review) bool {
	return r.Publish != PublishPrivate && (len(p.statuses) == 0 || slices.Contains(p.statuses, r.Status))
}

// Redact returns s with every match of the profile's patterns replaced by
// Redacted.
func (p *Profile) Redact(s string) string { return p.redactWith(s, Redacted) }

func (p *Profile) redactWith(s, with string) string {
	for _, re := range p.redact {
		if re.MatchString(s) {
			s = re.ReplaceAllLiteralString(s, with)
		}
	}
	return s
}

// RedactPath returns the path of a review file as the profile shows it:
// its folders and id redacted, each match by "redacted".
func (p *Profile) RedactPath(s string) string { return p.redactWith(s, redactedSlug) }

// Apply returns the repository as the profile shows it: the reviews it
// publishes, each a copy with the omitted fields left out and the
// redactions made (its traceback parsed again), related naming only
// reviews it publishes, and the site's title redacted. The findings are
// not kept: a repository with errors is not built. repo is not changed.
func (p *Profile) Apply(repo *Repo) *Repo {
	out := &Repo{Config: repo.Config, Sources: map[string]string{}}
	out.Config.Title = p.Redact(repo.Config.Title)
	// The ids as published: redacted, and told apart with -2, -3… where
	// two redact to one.
	ids := map[string]string{}
	taken := map[string]bool{}
	for _, r := range repo.Reviews {
		if !p.Publishes(r) {
			continue
		}
		id := p.redactWith(r.ID, redactedSlug)
		for n := 2; taken[id]; n++ {
			id = p.redactWith(r.ID, redactedSlug) + "-" + strconv.Itoa(n)
		}
		taken[id] = true
		ids[r.ID] = id
	}
	for _, r := range repo.Reviews {
		id, ok := ids[r.ID]
		if !ok {
			continue
		}
		c := r.clone()
		for _, omit := range p.omit {
			omit(c)
		}
		var related []string
		for _, rel := range c.Related {
			if id, ok := ids[rel]; ok {
				related = append(related, id)
			}
		}
		c.Related = related
		for _, s := range c.texts() {
			*s = p.Redact(*s)
		}
		c.joinCustom()
		c.ID = id
		c.Path = path.Join(path.Dir(p.RedactPath(c.Path)), id+".md")
		out.Sources[c.Path] = r.Path
		c.Parsed = nil
		if c.Traceback != "" {
			c.Parsed, _ = traceback.Parse(c.Traceback)
		}
		out.Reviews = append(out.Reviews, c)
	}
	sort.SliceStable(out.Reviews, func(i, j int) bool { return out.Reviews[i].Path < out.Reviews[j].Path })
	return out
}

// clone returns a copy of r that shares nothing Apply changes.
func (r *Review) clone() *Review {
	c := *r
	c.Services = slices.Clone(r.Services)
	c.Tags = slices.Clone(r.Tags)
	c.Failure.Exceptions = slices.Clone(r.Failure.Exceptions)
	c.Config = slices.Clone(r.Config)
	c.Versions = slices.Clone(r.Versions)
	c.ContributingFactors = slices.Clone(r.ContributingFactors)
	c.Verification.Watch = slices.Clone(r.Verification.Watch)
	if r.EdgeInputs != nil {
		e := *r.EdgeInputs
		c.EdgeInputs = &e
	}
	c.Actions = slices.Clone(r.Actions)
	c.Related = slices.Clone(r.Related)
	c.Custom = slices.Clone(r.Custom)
	for i := range c.Custom {
		c.Custom[i].Values = slices.Clone(c.Custom[i].Values)
	}
	return &c
}

// texts returns a pointer to every text of r that a page, a feed or the
// search index shows: every string field, list item and body, but the
// date and the enumerations (status, expect, an action's status,
// publish), the id, the path and related (ids, which Apply redacts as it
// redacts the id).
func (r *Review) texts() []*string {
	out := []*string{&r.Title, &r.Severity, &r.Summary, &r.Traceback, &r.TracebackAbsent, &r.Reproduction,
		&r.Failure.Function, &r.Failure.Caller, &r.Failure.Dependency,
		&r.WhyNotCaught, &r.CatchNextTime, &r.FirstLook.Metric, &r.FirstLook.Log, &r.FirstLook.Config,
		&r.Verification.Traffic, &r.Body}
	for _, list := range [][]string{r.Services, r.Tags, r.Failure.Exceptions, r.Config, r.Versions, r.ContributingFactors} {
		for i := range list {
			out = append(out, &list[i])
		}
	}
	for i := range r.Verification.Watch {
		out = append(out, &r.Verification.Watch[i].Metric)
	}
	if e := r.EdgeInputs; e != nil {
		out = append(out, &e.None, &e.Empty, &e.Long, &e.Negative)
	}
	for i := range r.Actions {
		a := &r.Actions[i]
		out = append(out, &a.Do, &a.Owner, &a.Due, &a.Link)
	}
	for i := range r.Custom {
		cv := &r.Custom[i]
		for j := range cv.Values {
			out = append(out, &cv.Values[j])
		}
	}
	return out
}

// joinCustom sets each custom value's text from its items, after they
// were redacted.
func (r *Review) joinCustom() {
	for i := range r.Custom {
		r.Custom[i].Value = strings.Join(r.Custom[i].Values, ", ")
	}
}

// omitter returns what leaves the field name out of a review: a field of
// the format's (omitters), or a custom field of c; nil for neither.
func (c *Config) omitter(name string) func(*Review) {
	if o := omitters[name]; o != nil {
		return o
	}
	if c.Fields.Lookup(name) == nil {
		return nil
	}
	return func(r *Review) {
		r.Custom = slices.DeleteFunc(r.Custom, func(cv CustomValue) bool { return cv.Name == name })
	}
}

// omitters leave a field out of a review, by its name in the front
// matter; title, date, status and severity, which every page shows, stay.
var omitters = map[string]func(*Review){
	"services":                  func(r *Review) { r.Services = nil },
	"summary":                   func(r *Review) { r.Summary = "" },
	"tags":                      func(r *Review) { r.Tags = nil },
	"window":                    func(r *Review) { r.Window = Window{} },
	"window.start":              func(r *Review) { r.Window.Start = Time{} },
	"window.end":                func(r *Review) { r.Window.End = Time{} },
	"window.detected":           func(r *Review) { r.Window.Detected = Time{} },
	"window.mitigated":          func(r *Review) { r.Window.Mitigated = Time{} },
	"traceback":                 func(r *Review) { r.Traceback = "" },
	"traceback_absent":          func(r *Review) { r.TracebackAbsent = "" },
	"reproduction":              func(r *Review) { r.Reproduction = "" },
	"failure":                   func(r *Review) { r.Failure = Failure{} },
	"failure.function":          func(r *Review) { r.Failure.Function = "" },
	"failure.caller":            func(r *Review) { r.Failure.Caller = "" },
	"failure.dependency":        func(r *Review) { r.Failure.Dependency = "" },
	"failure.exceptions":        func(r *Review) { r.Failure.Exceptions = nil },
	"config":                    func(r *Review) { r.Config = nil },
	"versions":                  func(r *Review) { r.Versions = nil },
	"why_not_caught":            func(r *Review) { r.WhyNotCaught = "" },
	"catch_next_time":           func(r *Review) { r.CatchNextTime = "" },
	"contributing_factors":      func(r *Review) { r.ContributingFactors = nil },
	"first_look":                func(r *Review) { r.FirstLook = FirstLook{} },
	"first_look.metric":         func(r *Review) { r.FirstLook.Metric = "" },
	"first_look.log":            func(r *Review) { r.FirstLook.Log = "" },
	"first_look.config":         func(r *Review) { r.FirstLook.Config = "" },
	"verification":              func(r *Review) { r.Verification = Verification{} },
	"verification.traffic":      func(r *Review) { r.Verification.Traffic = "" },
	"verification.watch":        func(r *Review) { r.Verification.Watch = nil },
	"verification.watch.metric": func(r *Review) { eachWatch(r, func(w *Watch) { w.Metric = "" }) },
	"verification.watch.expect": func(r *Review) { eachWatch(r, func(w *Watch) { w.Expect = "" }) },
	"edge_inputs":               func(r *Review) { r.EdgeInputs = nil },
	"edge_inputs.none":          func(r *Review) { eachEdge(r, func(e *EdgeInputs) { e.None = "" }) },
	"edge_inputs.empty":         func(r *Review) { eachEdge(r, func(e *EdgeInputs) { e.Empty = "" }) },
	"edge_inputs.long":          func(r *Review) { eachEdge(r, func(e *EdgeInputs) { e.Long = "" }) },
	"edge_inputs.negative":      func(r *Review) { eachEdge(r, func(e *EdgeInputs) { e.Negative = "" }) },
	"actions":                   func(r *Review) { r.Actions = nil },
	"actions.do":                func(r *Review) { eachAction(r, func(a *Action) { a.Do = "" }) },
	"actions.owner":             func(r *Review) { eachAction(r, func(a *Action) { a.Owner = "" }) },
	"actions.status":            func(r *Review) { eachAction(r, func(a *Action) { a.Status = "" }) },
	"actions.due":               func(r *Review) { eachAction(r, func(a *Action) { a.Due = "" }) },
	"actions.link":              func(r *Review) { eachAction(r, func(a *Action) { a.Link = "" }) },
	"related":                   func(r *Review) { r.Related = nil },
	"body":                      func(r *Review) { r.Body = "" },
}

func eachWatch(r *Review, fn func(*Watch)) {
	for i := range r.Verification.Watch {
		fn(&r.Verification.Watch[i])
	}
}

func eachEdge(r *Review, fn func(*EdgeInputs)) {
	if r.EdgeInputs != nil {
		fn(r.EdgeInputs)
	}
}

func eachAction(r *Review, fn func(*Action)) {
	for i := range r.Actions {
		fn(&r.Actions[i])
	}
}
