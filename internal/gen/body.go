package gen

import (
	"fmt"
	"strings"
	"time"
)

// body writes the Markdown after the front matter: a timeline with local
// times, the impact (sometimes as a table), the failure chain with a code
// block, the discussion and the follow-up. Drafts get a shorter body with
// open questions instead of the follow-up.
func (rv *review) body(e *env, b *strings.Builder) {
	f := rv.f
	hm := func(t time.Time) string { return t.Format("15:04") }
	h := func(en, zh string) { fmt.Fprintf(b, "\n## %s\n\n", e.s(en, zh)) }
	li := func(format string, args ...any) { fmt.Fprintf(b, "- "+format+"\n", args...) }
	sym := e.symptom()

	h("Timeline", "时间线")
	first := rv.start.Add(time.Duration(e.n(0, 60)) * time.Second)
	li(e.s("%s first `%s` in the %s logs", "%s %s 日志中首次出现 `%s`"), hm(first), e.s(f.log, e.svc.name), e.s(e.svc.name, f.log))
	li(e.s("%s `%s` rose above baseline", "%s `%s` 超过基线"), hm(rv.start.Add(time.Duration(e.n(1, int(rv.detected.Sub(rv.start).Seconds())))*time.Second)), sym)
	li(e.s("%s alert fired; %s on call acknowledged", "%s 告警触发，%s 值班确认"), hm(rv.detected), e.svc.team)
	look := rv.detected.Add(rv.mitigated.Sub(rv.detected) / 3)
	li(e.s("%s narrowed to one host: `grep -A 5 -B 5 \"%s\" /var/log/%s/app.log`", "%s 缩小到一台主机：`grep -A 5 -B 5 \"%s\" /var/log/%s/app.log`"), hm(look), f.log, e.svc.name)
	if e.chance(0.6) {
		li(e.s("%s opened `%s`; it confirmed the failure chain", "%s 查看 `%s`，确认了故障链路"), hm(look.Add(time.Duration(e.n(60, 600))*time.Second)), f.metric)
	}
	li(e.s("%s mitigation: %s", "%s 止损：%s"), hm(rv.mitigated), f.mitigation)
	li(e.s("%s `%s` back to baseline", "%s `%s` 恢复到基线"), hm(rv.end), sym)

	h("Impact", "影响")
	b.WriteString(rv.summary + "\n")
	if e.chance(0.6) {
		base := float64(e.n(1, 9)) / 10
		b.WriteString("\n" + e.s("| metric | baseline | peak |", "| 指标 | 基线 | 峰值 |") + "\n|---|---|---|\n")
		if sym == "http_status_code_5xx" {
			fmt.Fprintf(b, "| %s | %.1f%% | %d%% |\n", sym, base, rv.pct)
		} else {
			fmt.Fprintf(b, "| %s | %d | %d |\n", sym, e.n(0, 50), e.n(500, 900000))
		}
		fmt.Fprintf(b, "| p99 latency | %d ms | %.1f s |\n", e.n(80, 400), float64(e.n(12, 300))/10)
		if f.metric != sym {
			fmt.Fprintf(b, "| %s | %d | %d |\n", f.metric, e.n(0, 20), e.n(100, 9000))
		}
	}

	h("Failure chain", "故障链路")
	chain := "`" + f.caller + "` → `" + f.function + "`"
	if f.dependency != "" {
		chain += " → `" + f.dependency + "`"
	}
	b.WriteString(chain + "\n\n")
	excerpt := lastLines(f.traceback, 3)
	if e.svc.runtime != python {
		excerpt = firstLines(f.traceback, 3)
	}
	b.WriteString("```text\n" + excerpt + "```\n")

	if rv.status == "draft" {
		h("Open questions", "待确认")
		li(e.s("Which config was in effect on the failing hosts?", "出问题的主机上生效的配置是什么？"))
		li(e.s("Can the failure be reproduced outside production?", "能否在生产环境之外复现？"))
		li(e.s("Collect the full traceback from the log archive.", "从日志归档中取回完整的 traceback。"))
		li(e.s("Measure how many users were affected.", "统计受影响的用户数。"))
		return
	}

	h("Fix", "修复")
	fmt.Fprintf(b, "```%s\n%s\n```\n", f.codeLang, f.code)

	h("Discussion", "讨论")
	for _, d := range f.discussion {
		li("%s", d)
	}
	for _, d := range e.genericPoints() {
		li("%s", d)
	}

	if len(rv.actions) > 0 && rv.status == "final" {
		h("Follow-up", "后续")
		for _, a := range rv.actions {
			li("%s (%s, %s)", a.do, a.owner, a.status)
		}
	}
}

// genericPoints returns 1–3 discussion points that fit any incident.
func (e *env) genericPoints() []string {
	pool := []string{
		e.s("The first alert reached the on-call within 2 minutes; narrowing to one host took most of the time.", "第一条告警 2 分钟内送达值班；大部分时间花在缩小到单台主机上。"),
		e.s("The runbook did not name a first metric to open; it now does (see first_look).", "运行手册里没有写先看哪个指标，现已补充（见 first_look）。"),
		e.s("No errors after the release is not proof: the side-effect metric was watched for 24 hours.", "发布后没有报错不等于修好：副作用指标观察了 24 小时。"),
		e.s("The versions above were read from the running image, not from requirements.txt.", "上述版本号取自运行中的镜像，而不是 requirements.txt。"),
		e.s("The same pattern was searched for in the other services of the team.", "在团队其他服务中搜索了同样的写法。"),
	}
	k := e.n(1, 3)
	start := e.r.IntN(len(pool))
	out := make([]string, k)
	for i := range out {
		out[i] = pool[(start+i)%len(pool)]
	}
	return out
}

// firstLines returns the first n lines of text, each ending in a newline.
func firstLines(text string, n int) string {
	lines := strings.SplitN(text, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n") + "\n"
}

// lastLines returns the last n lines of text, each ending in a newline.
func lastLines(text string, n int) string {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n") + "\n"
}
