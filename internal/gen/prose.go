package gen

import (
	"fmt"
	"time"
)

// The prose shared by every scenario: summary, verification and action
// items, in English or Chinese.

// summary states what happened with measured numbers and the cause.
func (e *env) summary(rv *review) string {
	mins := rv.minutes()
	pct := e.n(1, 60)
	rv.pct = pct
	count := e.n(2, 400) * 10
	cause, ep := rv.f.cause, e.svc.endpoint
	if e.svc.worker {
		if e.svc.runtime == java {
			if e.zh {
				return fmt.Sprintf("%d 分钟内 %s 有 %d 条 %s 消息处理失败：%s。", mins, e.svc.name, count, e.noun, cause)
			}
			return fmt.Sprintf("For %d minutes %s failed to process %d %s records: %s.", mins, e.svc.name, count, e.noun, cause)
		}
		if e.zh {
			return fmt.Sprintf("%d 分钟内 %s 有 %d 个 %s 任务失败：%s。", mins, e.svc.name, count, e.noun, cause)
		}
		return fmt.Sprintf("For %d minutes %d %s jobs of %s failed: %s.", mins, count, e.noun, e.svc.name, cause)
	}
	switch e.r.IntN(3) {
	case 0:
		if e.zh {
			return fmt.Sprintf("%d 分钟内 %s 有 %d%% 的请求返回 500，原因是 %s。", mins, ep, pct, cause)
		}
		return fmt.Sprintf("For %d minutes %d%% of %s returned 500 because %s.", mins, pct, ep, cause)
	case 1:
		if e.zh {
			return fmt.Sprintf("%d 分钟内 %s 共有 %d 个请求失败（峰值占流量 %d%%）：%s。", mins, ep, count, pct, cause)
		}
		return fmt.Sprintf("%d requests to %s failed over %d minutes (%d%% of traffic at the peak): %s.", count, ep, mins, pct, cause)
	}
	from, to := e.n(40, 400), float64(e.n(15, 300))/10
	if e.zh {
		return fmt.Sprintf("%s 的 p99 从 %d ms 升到 %.1f 秒，%d%% 的请求失败，持续 %d 分钟；%s。", ep, from, to, pct, mins, cause)
	}
	return fmt.Sprintf("p99 of %s rose from %d ms to %.1f s and %d%% of requests failed for %d minutes; %s.", ep, from, to, pct, mins, cause)
}

// traffic says how the fix was run against real traffic.
func (e *env) traffic() string {
	switch e.r.IntN(4) {
	case 0:
		return e.sf("Replayed %d minutes of captured production traffic against a canary with the fix.", "在带修复的金丝雀实例上回放了 %d 分钟抓取的生产流量。", e.n(10, 60))
	case 1:
		return e.sf("Canary at %d%% of traffic for %d hours, compared with the baseline pods.", "金丝雀承接 %d%% 流量运行 %d 小时，与基线 Pod 对比。", e.n(1, 20), e.n(2, 48))
	case 2:
		return e.sf("Mirrored live traffic to the fixed build for %d hours; tcpdump confirmed the retry spacing.", "将线上流量镜像到修复版本运行 %d 小时，并用 tcpdump 确认重试间隔。", e.n(1, 24))
	}
	return e.sf("Ran the fix on one of %d production hosts for a day and compared its error rate with the others.", "在 %d 台生产主机中的一台上运行修复版本一天，并与其他主机对比错误率。", e.n(4, 40))
}

// symptom is the metric users' pain shows in for this service.
func (e *env) symptom() string {
	switch {
	case e.svc.name == "billing-batch":
		return "batch_job_failures_total"
	case e.svc.worker && e.svc.runtime == java:
		return "kafka_consumer_lag"
	case e.svc.worker:
		return "celery_task_failures_total"
	}
	return "http_status_code_5xx"
}

// watches lists the symptom going down and at least one side effect.
func (e *env) watches(f *failure) []watch {
	sym := e.symptom()
	side := f.sideEffect
	if side == sym || side == "" {
		side = "http_client_retry_count"
	}
	w := []watch{{sym, "down"}, {side, e.pick("flat", "flat", "up")}}
	if f.metric != sym && f.metric != side && e.chance(0.5) {
		w = append(w, watch{f.metric, "down"})
	}
	return w
}

// actions turns the scenario's action items into 1–4 owned actions. The
// first is done; open actions have no due date or one in 2028–2029 (none overdue).
func (e *env) actions(rv *review) []action {
	items := rv.f.actions
	k := e.n(1, min(4, len(items)))
	var out []action
	for i, do := range items[:k] {
		a := action{do: do, owner: e.svc.team}
		if e.chance(0.15) {
			a.owner = "team-platform"
		}
		switch p := e.r.IntN(100); {
		case i == 0 || p < 50:
			a.status = "done"
			a.due = rv.date.AddDate(0, 0, e.n(3, 45)).Format(time.DateOnly)
			if e.chance(0.3) {
				a.due = ""
			}
		case p < 85:
			a.status = "open"
			if e.chance(0.5) {
				a.due = time.Date(2028+e.n(0, 1), time.Month(e.n(1, 12)), e.n(1, 28), 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
			}
		default:
			a.status = "wontfix"
		}
		if e.chance(0.3) {
			a.link = fmt.Sprintf("https://tracker.internal/browse/%s-%d", teamKey(a.owner), e.n(100, 9999))
		}
		out = append(out, a)
	}
	return out
}

// teamKey is the tracker project of a team: team-orders is ORDERS.
func teamKey(team string) string {
	b := []byte(team[len("team-"):])
	for i, c := range b {
		b[i] = c - 'a' + 'A'
	}
	return string(b)
}
