package webindex_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/reviews"
)

// queries are those of internal/search's relevance table
// (TestRelevance, TestAllWordsFirst), and a few more: the browser must
// rank each as (*search.Index).Search does.
var queries = []string{
	"requests.exceptions.ConnectTimeout", "ConnectTimeout", "get_user_profile",
	"settings.CACHE_TIMEOUT", "max.poll.interval.ms", "redis-py==4.6.0",
	"redis://prod-cache:6379", "status='pending'", "CERTIFICATE_VERIFY_FAILED",
	"CommitFailedException", "nil map", "超时", "证书过期", "锁定版本",
	`"connect timeout"`, `"timeout connect"`, "ConnectTim", "get_user_pro",
	"ConnectTim ", "证", "redis timeout", "tenacity ReadTimeout",
	"severity:SEV1", "timeout service:payment-gateway", "exception:ConnectTimeout",
	"tag:kafka", "status:ready timeout", "timeout since:2025-07 until:2025-12",
	"until:2025-03-18",
	"retry tenacity KeyError", "证书 timeout", `cache "socket timeout"`,
	"timeout", "error", "Redis超时了", `"requests.exceptions.ConnectTimeout"`,
	"re", "pool exhausted since:2026", "exception:readtimeout exception:keyerror",
	// Identifiers the index lacks whole: a dotted suffix, the phrase of the
	// parts, the parts; pins written with @ or a space.
	"exceptions.ReadTimeout", "exceptions.ReadTimeout ", "java.net.ConnectTimeout", "redis-py@4.6.0",
	"redis-py 4.6.0 ", "kafka.errors.CommitFailedError", "tenacity@8.2.3", "exceptions.ReadTim",
	"x509.CertificateVerifyError ", "zzz.ConnectTimeout.Other",
	// Chinese without spaces: two thirds of the bigrams.
	"证书过期导致登录失败", "超时锁定版本", "订单库存超时了",
	// Chinese against English without a space: the words it would be with one.
	"redis超时", "证书过期SSLError", "auth-service证书过期", "「连接超时」", "连接redis超时 ",
	// Coverage before raised.
	"socket timeout reading response ", "retry storm timeout KeyError",
	// OR and -word.
	"ConnectTimeout OR ReadTimeout ", `"connect timeout" OR KeyError redis`, "timeout -redis", "-redis",
	"timeout OR", "OR timeout", "timeout -1",
	// Typos.
	"ReadTimout", "ConnectionRefusedEror", "postgers", "celry", "tenacty retry", "certifcate expired ",
	"kombu.exceptions.OperationalEror", "ConnectTimeoutEror ",
	// Word endings: other forms of a plain word, below the form typed.
	"restarting consumers", "migrations ", "retrying", "expires certificates ", "throttled", "deadlocks",
	"pinned versions", "rebalanced ", "timeouts", "retried requests",
	// Words in a row: a run typed from a review, a message pasted without quotes.
	"KEYS scan blocked the profile cache", "ConnectTimeout: HTTPSConnectionPool(host='x', port=443)",
	"Read timed out.", "cache profile the blocked scan KEYS", "KEYS scan -redis blocked", "keys scn blocked",
}

// TestRelevanceParity runs every query in Chromium with search.js on the
// exported index of the example reviews and requires the hits of
// (*search.Index).Search, in its order.
func TestRelevanceParity(t *testing.T) {
	for _, disk := range []bool{false, true} {
		t.Run(map[bool]string{false: "memory", true: "disk"}[disk], func(t *testing.T) {
			relevanceParity(t, buildSite(t, reviews.FS(), disk))
		})
	}
}

func relevanceParity(t *testing.T, b *built) {
	ctx := browser(t, b.srv.URL+"/search/")
	const limit = 20
	for _, q := range queries {
		hits, err := b.ix.Search(context.Background(), q, limit)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		want := make([]string, len(hits))
		for i, h := range hits {
			want[i] = h.ID
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](jsSearch(q, limit), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Errorf("search.js %q: %v", q, err)
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q:\n js %v\n go %v", q, got, want)
		}
	}
}

// TestSimilarParity pastes the traceback of every example review (after a
// log line, as pasted from a log) into the traceback mode's ranking in
// Chromium, and requires the hits of (*search.Index).Similar, in order,
// with the same reasons.
func TestSimilarParity(t *testing.T) {
	b := buildSite(t, reviews.FS(), true)
	ctx := browser(t, b.srv.URL+"/search/")
	n := 0
	type pasted struct{ ID, Traceback string }
	var cases []pasted
	for _, rv := range b.reviews {
		if rv.Traceback != "" {
			cases = append(cases, pasted{rv.ID, rv.Traceback})
		}
	}
	// Tracebacks like no review: no hit, in both.
	cases = append(cases,
		pasted{"unlike python", "Traceback (most recent call last):\n  File \"/srv/zoo/feeder.py\", line 12, in feed_penguins\n    bucket.fill(fish)\nzoo.errors.PenguinOverfedError: the value on line 4 is not valid for this object\n"},
		pasted{"unlike java", "com.zoo.LlamaSpitException: value was null for the line\n\tat com.zoo.Pen.open(Pen.java:3)\n"})
	for _, rv := range cases {
		n++
		text := "2026-01-02T03:04:05Z ERROR worker crashed\n" + rv.Traceback
		want := withReasons(goSimilar(t, b.ix, text))
		got, err := jsSimilar(ctx, text)
		if err != nil {
			t.Errorf("%s: similar.js: %v", rv.ID, err)
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s:\n js %q\n go %q", rv.ID, got, want)
		}
		if strings.HasPrefix(rv.ID, "unlike ") && len(want) != 0 {
			t.Errorf("%s: hits %q, want none", rv.ID, want)
		}
	}
	if n < 5 {
		t.Errorf("only %d example reviews with a traceback", n)
	}
}

// TestSimilarLongChainParity pastes chains of many exceptions, all raised
// by example reviews, and requires similar.js to look, as Similar does,
// only at those nearest the final one: the same hits with the same
// reasons.
func TestSimilarLongChainParity(t *testing.T) {
	b := buildSite(t, reviews.FS(), true)
	var types []string
	for _, rv := range b.reviews {
		for _, e := range rv.Exceptions() {
			if !strings.Contains(e, " ") && !slices.Contains(types, e) {
				types = append(types, e)
			}
		}
	}
	if len(types) < 15 {
		t.Fatalf("only %d exception types in the example reviews", len(types))
	}
	var py, java strings.Builder
	java.WriteString(types[0] + ": top\n\tat com.acme.C.m(C.java:1)\n")
	for i := range 3 * len(types) {
		fmt.Fprintf(&py, "%s: x\n\nDuring handling of the above exception, another exception occurred:\n\n", types[i%len(types)])
		fmt.Fprintf(&java, "Caused by: %s: cause\n", types[(i+1)%len(types)])
	}
	py.WriteString(types[1] + ": last\n")
	ctx := browser(t, b.srv.URL+"/search/")
	for name, text := range map[string]string{"python": py.String(), "java": java.String()} {
		want := withReasons(goSimilar(t, b.ix, text))
		got, err := jsSimilar(ctx, text)
		if err != nil {
			t.Fatalf("%s: similar.js: %v", name, err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s:\n js %q\n go %q", name, got, want)
		}
	}
}

// TestSimilarHostileParity ranks by the traceback found in each hostile
// log, in Go and in Chromium: the same hits with the same reasons, each
// in under 10 s. The limit catches a step quadratic in the log's length,
// which takes minutes on 512 KiB; in linear time the slowest log takes
// about 1 s of JavaScript on a quiet machine, and a CI machine running
// the other packages' tests beside this one took 2.4 s.
func TestSimilarHostileParity(t *testing.T) {
	const limit = 10 * time.Second
	b := buildSite(t, reviews.FS(), true)
	ctx := browser(t, b.srv.URL+"/search/")
	for _, l := range gen.HostileLogs(512 << 10) {
		start := time.Now()
		var want []string
		if tb, err := search.ParseLog(l.Text); err == nil {
			hits, err := b.ix.Similar(context.Background(), tb, 20)
			if err != nil {
				t.Fatalf("%s: %v", l.Name, err)
			}
			want = withReasons(hits)
		}
		if d := time.Since(start); d > limit {
			t.Errorf("%s: Go took %v, want under %v", l.Name, d, limit)
		}
		type ranked struct {
			Hits []string
			MS   float64
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[ranked](`(async () => {
  const m = await import("/assets/search/search.js");
  const sim = await import("/assets/search/similar.js");
  const pl = await import("/assets/search/parselog.js");
  window.fupanIndex ??= await m.open(new URL(`+indexURL+`, location.href));
  const text = `+jsString(l.Text)+`;
  const t0 = performance.now();
  const r = await sim.similar(window.fupanIndex, pl.readLog(text), 20);
  return { hits: r.hits.map((h) => h.meta.id + " " + h.reasons.join("; ")), ms: performance.now() - t0 };
})()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: similar.js: %v", l.Name, err)
		}
		if !slices.Equal(got.Hits, want) {
			t.Errorf("%s:\n js %q\n go %q", l.Name, got.Hits, want)
		}
		if got.MS > float64(limit.Milliseconds()) {
			t.Errorf("%s: JavaScript took %.0f ms, want under %v", l.Name, got.MS, limit)
		}
	}
}

// jsSimilar returns the hits of similar.js for the traceback parselog.js
// finds in text, 20 at most, as withReasons gives Go's, in the page of
// ctx, which opens the site's index once.
func jsSimilar(ctx context.Context, text string) ([]string, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[[]string](`(async () => {
  const m = await import("/assets/search/search.js");
  const sim = await import("/assets/search/similar.js");
  const pl = await import("/assets/search/parselog.js");
  window.fupanIndex ??= await m.open(new URL(`+indexURL+`, location.href));
  const r = await sim.similar(window.fupanIndex, pl.readLog(`+jsString(text)+`), 20);
  if (r.error) throw new Error(r.error);
  return r.hits.map((h) => h.meta.id + " " + h.reasons.join("; "));
})()`, chromedp.EvalAwaitPromise))
}

// TestPlanParity requires search.js to make of every query the plan of
// (*search.Index).Plan: the same fallbacks, typos, OR groups, left-out
// words and exception names.
func TestPlanParity(t *testing.T) {
	b := buildSite(t, reviews.FS(), false)
	ctx := browser(t, b.srv.URL+"/search/")
	for _, q := range queries {
		want, err := b.ix.Plan(q)
		if err != nil {
			t.Fatalf("Plan(%q): %v", q, err)
		}
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](`(async () => {
  const m = await import("/assets/search/search.js");
  window.fupanIndex ??= await m.open(new URL(`+indexURL+`, location.href));
  const r = await window.fupanIndex.search(`+jsString(q)+`, 20);
  return r.plan;
})()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("search.js %q: %v", q, err)
		}
		var got search.Plan
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if d := gocmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
			t.Errorf("%q: plan (-go +js):\n%s", q, d)
		}
	}
}

// TestNotesParity requires search.js to say what fupan search says of
// how it read a query: typos read as other words, filter values that no
// review has, with the nearest value.
func TestNotesParity(t *testing.T) {
	b := buildSite(t, reviews.FS(), false)
	ctx := browser(t, b.srv.URL+"/search/")
	for _, q := range []string{
		"ReadTimout", "timeout service:order", "service:paymnt-gateway", "tag:kafak celry", "exception:ReadTimeot",
		"severity:SEV9", "status:finl", "service:order-api timeout", "exception:readtimeout", "tag:zzzzzz",
	} {
		res, err := b.ix.Query(context.Background(), q, 20)
		if err != nil {
			t.Fatalf("Query(%q): %v", q, err)
		}
		var want []string
		if len(res.Plan.Typos) > 0 {
			want = append(want, res.Plan.ReadAs())
		}
		want = append(want, res.Notes...)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(async () => {
  const m = await import("/assets/search/search.js");
  window.fupanIndex ??= await m.open(new URL(`+indexURL+`, location.href));
  return (await window.fupanIndex.search(`+jsString(q)+`, 20)).notes;
})()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("search.js %q: %v", q, err)
		}
		if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%q:\n js %q\n go %q", q, got, want)
		}
	}
}
