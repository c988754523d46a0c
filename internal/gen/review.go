package gen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// review is one generated review before it is written out.
type review struct {
	e        *env
	id       string
	date     time.Time // midnight, in the review's zone
	status   string
	severity string
	services []string
	tags     []string
	title    string
	summary  string
	pct      int // the share of failed requests the summary states
	f        *failure
	absent   string // traceback_absent reason; the traceback is left out

	start, end, detected, mitigated time.Time

	traffic string
	watch   []watch
	actions []action
	related []string
	edge    bool // write edge_inputs
	extra   bool // a ready review that already lists config and versions
}

type watch struct{ metric, expect string }

type action struct {
	do, owner, status, due, link string
}

// A share is a value drawn below a cumulative percentage: with shares
// {60, "final"}, {85, "ready"}, {100, "draft"}, final is drawn 60 times in
// 100, ready 25 and draft 15.
type share struct {
	below int
	value string
}

// byPercent draws one of shares (cumulative percentages, the last 100) with a
// number from [0, 100).
func byPercent(r *rand.Rand, shares ...share) string {
	p := r.IntN(100)
	for _, s := range shares {
		if p < s.below {
			return s.value
		}
	}
	return shares[len(shares)-1].value
}

// newReview draws review number i (from 0) on day.
func (g *generator) newReview(i int, day time.Time) *review {
	r := rand.New(rand.NewPCG(g.opt.Seed, 0x9e3779b97f4a7c15^uint64(i)))
	e := &env{r: r, zh: r.Float64() < g.share}
	sc := e.pickScenario()
	svcs := servicesFor(sc.runtime)
	e.svc = svcs[r.IntN(len(svcs))]
	e.noun = e.pick(e.svc.nouns...)
	e.py = e.pick("3.8", "3.9", "3.10", "3.11", "3.11", "3.12")
	f := sc.build(e)

	rv := &review{e: e, f: f}
	rv.status = byPercent(r, share{60, "final"}, share{85, "ready"}, share{100, "draft"})
	rv.severity = byPercent(r, share{8, "SEV1"}, share{35, "SEV2"}, share{75, "SEV3"}, share{100, "SEV4"})

	off := 8 * 60
	if !e.zh {
		off = offsets[r.IntN(len(offsets))]
	}
	zone := time.FixedZone("", off*60)
	rv.date = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, zone)
	rv.id = fmt.Sprintf("%s-%s-%s-%04d", rv.date.Format(time.DateOnly), e.svc.name, f.kind, i+1)
	rv.times(e)

	rv.services = []string{e.svc.name}
	if e.chance(0.25) {
		other := Services[r.IntN(len(Services))]
		if other != e.svc.name {
			rv.services = append(rv.services, other)
		}
	}
	rv.tags = slices.Clone(f.tags)
	if e.chance(0.3) {
		rv.tags = append(rv.tags, e.pick("alerting", "retry", "config", "capacity", "release", "monitoring"))
	}
	rv.tags = dedupe(rv.tags)

	rv.title = f.title
	if !strings.Contains(f.title, e.svc.name) && e.chance(0.5) {
		rv.title = e.svc.name + e.s(": ", "：") + f.title
	}
	rv.summary = e.summary(rv)
	if rv.status != "draft" && e.chance(0.02) {
		rv.absent = e.pick(
			e.s("The worker was killed by the OOM killer before it logged; the reproduction shows the same failure.", "进程在写日志前被 OOM killer 杀掉；复现步骤可以稳定重现同样的失败。"),
			e.s("Logs of the window were rotated before they were collected; the reproduction shows the same failure.", "时间窗口内的日志在收集前已被轮转；复现步骤可以稳定重现同样的失败。"),
		)
	}
	rv.traffic = e.traffic()
	rv.watch = e.watches(f)
	rv.actions = e.actions(rv)
	rv.related = g.related(e, rv)
	rv.edge = f.edge != nil && rv.status != "draft" && e.chance(0.6)
	rv.extra = rv.status == "ready" && e.chance(0.5)
	return rv
}

// times draws the window: errors start on the review's date, are detected
// after 1–30 minutes, mitigated 5–120 minutes later, and end soon after.
func (rv *review) times(e *env) {
	rv.start = rv.date.Add(time.Duration(e.n(0, 20*3600+59*60)) * time.Second)
	rv.detected = rv.start.Add(time.Duration(e.n(60, 1800)) * time.Second)
	rv.mitigated = rv.detected.Add(time.Duration(e.n(5*60, 120*60)) * time.Second)
	rv.end = rv.mitigated.Add(time.Duration(e.n(0, 600)) * time.Second)
	rv.start = rv.start.Truncate(time.Second)
}

// minutes is the length of the window in whole minutes, at least 1.
func (rv *review) minutes() int {
	return max(1, int(rv.end.Sub(rv.start).Minutes()))
}

// related picks 1–2 earlier reviews, preferring the same kind of failure,
// for about one review in six.
func (g *generator) related(e *env, rv *review) []string {
	if len(g.ids) == 0 || !e.chance(0.17) {
		return nil
	}
	pool := g.byKind[rv.f.kind]
	if len(pool) == 0 || e.chance(0.3) {
		pool = g.byService[rv.services[0]]
	}
	if len(pool) == 0 {
		return nil
	}
	var out []string
	for range e.n(1, 2) {
		id := g.ids[pool[e.r.IntN(len(pool))]]
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func dedupe(xs []string) []string {
	var out []string
	for _, x := range xs {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}
