package review

import (
	"path"
	"strings"
	"time"
)

// Decode decodes the content of the review file p as Load does, without
// checking it: for a reader that needs the fields of a review but not its
// findings, such as the search index, at a fraction of the cost (no
// schema, rules, lints or secret scan). Its Review is Load's but for Pos,
// which is left nil. A file that Load could not decode (too big, not
// UTF-8, front matter that does not parse) gives a Review that holds as
// much as Load's does: its id and path, and its body when the front
// matter could be split off.
func Decode(p string, data []byte) *Review {
	r := &Review{ID: strings.TrimSuffix(path.Base(p), ".md"), Path: p}
	if len(data) > MaxFileSize {
		return r
	}
	src, bad := cleanSource(data)
	if bad != nil {
		return r
	}
	if d, _ := decodeSource(r, src); d != nil {
		checkTraceback(r, d) // sets Parsed; its findings are the checks'
	}
	return r
}

// decodeSource splits a cleaned review file into front matter and body
// and decodes both into r. The doc is nil when the front matter cannot be
// split off or parsed, which the findings say.
func decodeSource(r *Review, src []byte) (*doc, []Finding) {
	fm, bad := splitFrontMatter(src)
	if bad != nil {
		return nil, []Finding{*bad}
	}
	r.Body, r.BodyLine = string(fm.Body), fm.BodyLine
	d, findings := decodeYAML(fm)
	if f, ok := strayFence(fm); ok {
		// A warning, before what the check finds missing: a body may
		// begin with such a line, and a review that passed with one
		// still does.
		findings = append([]Finding{f}, findings...)
	}
	if d == nil {
		return nil, findings
	}
	decodeReview(r, d.value)
	return d, findings
}

// decodeReview fills r from the generic value of its front matter. Values
// of the wrong type are left zero: the schema reports them.
func decodeReview(r *Review, v any) {
	m, _ := v.(map[string]any)
	r.Title = str(m, "title")
	r.Date = str(m, "date")
	r.Status = Status(str(m, "status"))
	r.Severity = str(m, "severity")
	r.Services = strs(m, "services")
	r.Summary = str(m, "summary")
	r.Tags = strs(m, "tags")
	w := obj(m, "window")
	r.Window = Window{Start: stamp(w, "start"), End: stamp(w, "end"), Detected: stamp(w, "detected"), Mitigated: stamp(w, "mitigated")}
	r.Traceback = str(m, "traceback")
	r.TracebackAbsent = str(m, "traceback_absent")
	r.Reproduction = str(m, "reproduction")
	fl := obj(m, "failure")
	r.Failure = Failure{Function: str(fl, "function"), Caller: str(fl, "caller"), Dependency: str(fl, "dependency"), Exceptions: strs(fl, "exceptions")}
	r.Config = strs(m, "config")
	r.Versions = strs(m, "versions")
	r.WhyNotCaught = str(m, "why_not_caught")
	r.CatchNextTime = str(m, "catch_next_time")
	r.ContributingFactors = strs(m, "contributing_factors")
	fk := obj(m, "first_look")
	r.FirstLook = FirstLook{Metric: str(fk, "metric"), Log: str(fk, "log"), Config: str(fk, "config")}
	vf := obj(m, "verification")
	r.Verification.Traffic = str(vf, "traffic")
	for _, item := range list(vf, "watch") {
		w, _ := item.(map[string]any)
		r.Verification.Watch = append(r.Verification.Watch, Watch{Metric: str(w, "metric"), Expect: str(w, "expect")})
	}
	if e, ok := m["edge_inputs"].(map[string]any); ok {
		r.EdgeInputs = &EdgeInputs{None: str(e, "none"), Empty: str(e, "empty"), Long: str(e, "long"), Negative: str(e, "negative")}
	}
	for _, item := range list(m, "actions") {
		a, _ := item.(map[string]any)
		r.Actions = append(r.Actions, Action{Do: str(a, "do"), Owner: str(a, "owner"), Status: str(a, "status"), Due: str(a, "due"), Link: str(a, "link")})
	}
	r.Related = strs(m, "related")
	r.Publish = str(m, "publish")
	r.Custom = decodeCustom(m)
}

func str(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

func obj(m map[string]any, key string) map[string]any {
	o, _ := m[key].(map[string]any)
	return o
}

func list(m map[string]any, key string) []any {
	l, _ := m[key].([]any)
	return l
}

// strs returns the strings of a list, skipping items of other types.
func strs(m map[string]any, key string) []string {
	var out []string
	for _, v := range list(m, key) {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func stamp(m map[string]any, key string) Time {
	t, err := time.Parse(time.RFC3339, str(m, key))
	if err != nil {
		return Time{}
	}
	return Time{t}
}
