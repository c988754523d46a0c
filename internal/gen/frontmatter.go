package gen

import (
	"strings"
	"time"
)

// stamp is RFC 3339 with the offset always numeric ("+00:00", never "Z").
const stamp = "2006-01-02T15:04:05-07:00"

// frontMatter writes the YAML between the "---" lines, with the fields its
// status requires and some of the optional ones.
func (rv *review) frontMatter(b *strings.Builder) {
	w := yamlWriter{b}
	f := rv.f
	w.scalar(0, "title", rv.title)
	w.raw(0, "date", rv.date.Format(time.DateOnly))
	w.raw(0, "status", rv.status)
	w.raw(0, "severity", rv.severity)
	w.flowList(0, "services", rv.services)
	if len(rv.tags) > 0 {
		w.flowList(0, "tags", rv.tags)
	}
	w.folded(0, "summary", rv.summary)
	if rv.status == "draft" {
		w.flowList(0, "related", rv.related)
		return
	}

	w.line(0, "window:")
	w.raw(2, "start", rv.start.Format(stamp))
	w.raw(2, "end", rv.end.Format(stamp))
	w.raw(2, "detected", rv.detected.Format(stamp))
	w.raw(2, "mitigated", rv.mitigated.Format(stamp))
	if rv.absent != "" {
		w.scalar(0, "traceback_absent", rv.absent)
	} else {
		w.literal(0, "traceback", f.traceback)
	}
	w.literal(0, "reproduction", f.repro)
	w.line(0, "failure:")
	w.scalar(2, "function", f.function)
	w.scalar(2, "caller", f.caller)
	if f.dependency != "" {
		w.scalar(2, "dependency", f.dependency)
	}
	w.flowList(2, "exceptions", f.exceptions)

	if rv.status == "ready" && !rv.extra {
		rv.tail(w)
		return
	}
	w.blockList(0, "config", f.config)
	if len(f.versions) > 0 {
		w.flowList(0, "versions", f.versions)
	}
	if rv.status == "ready" {
		rv.tail(w)
		return
	}
	w.folded(0, "why_not_caught", f.whyNot)
	w.folded(0, "catch_next_time", f.guard)
	w.line(0, "first_look:")
	w.scalar(2, "metric", f.metric)
	w.scalar(2, "log", f.log)
	w.scalar(2, "config", f.configKey)
	w.line(0, "verification:")
	w.scalar(2, "traffic", rv.traffic)
	w.line(2, "watch:")
	for _, wt := range rv.watch {
		w.line(4, "- {metric: "+quote(wt.metric, true)+", expect: "+wt.expect+"}")
	}
	w.line(0, "actions:")
	for _, a := range rv.actions {
		rv.action(w, a)
	}
	rv.tail(w)
}

// tail writes the optional fields that close the front matter.
func (rv *review) tail(w yamlWriter) {
	if e := rv.f.edge; rv.edge && e != nil {
		w.line(0, "edge_inputs:")
		w.scalar(2, "none", e.none)
		w.scalar(2, "empty", e.empty)
		w.scalar(2, "long", e.long)
		w.scalar(2, "negative", e.negative)
	}
	if rv.status == "ready" && rv.extra {
		w.line(0, "actions:")
		for _, a := range rv.actions {
			rv.action(w, a)
		}
	}
	w.flowList(0, "related", rv.related)
}

func (rv *review) action(w yamlWriter, a action) {
	w.line(2, "- do: "+quote(a.do, false))
	w.raw(4, "owner", a.owner)
	w.raw(4, "status", a.status)
	if a.due != "" {
		w.raw(4, "due", a.due)
	}
	if a.link != "" {
		w.scalar(4, "link", a.link)
	}
}
