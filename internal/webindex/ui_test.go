package webindex_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/reviews"
)

// hitIDs is an expression giving the data-review-id of the results shown
// in rank order.
const hitIDs = `[...document.querySelectorAll("[data-review-id]")].map((e) => e.dataset.reviewId)`

// goIDs returns the ids of (*search.Index).Search.
func goIDs(t *testing.T, ix *search.Index, q string, limit int) []string {
	t.Helper()
	hits, err := ix.Search(context.Background(), q, limit)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return idsOf(hits)
}

// tracebackMode switches the search page of ctx to its traceback mode.
func tracebackMode(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!document.querySelector(".search-mode")`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(".search-mode")); err != nil {
		t.Fatal(err)
	}
}

// waitIDs polls until the results shown are want, and fails after a while
// with what is shown.
func waitIDs(t *testing.T, ctx context.Context, want []string) {
	t.Helper()
	ctx2, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	expr := `JSON.stringify(` + hitIDs + `) === ` + jsString(jsJSON(want))
	if _, err := chromedp.Run(ctx2, chromedp.Poll[bool](expr)); err != nil {
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](hitIDs))
		t.Fatalf("results shown:\n %v\nwant\n %v (%v)", got, want, err)
	}
}

// TestTyping types into the header box of a page that is not the search
// page: "/" focuses the box, results show as you type, the arrows and
// Enter open one.
func TestTyping(t *testing.T) {
	b := buildSite(t, reviews.FS(), false)
	ctx := browser(t, b.srv.URL+"/reviews/")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!document.querySelector(".search-panel")`)); err != nil {
		t.Fatalf("the search interface did not mount: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("/")); err != nil {
		t.Fatal(err)
	}
	if focused, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`)); focused != "q" {
		t.Fatalf(`"/" focused #%s, want #q`, focused)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("ConnectTim")); err != nil {
		t.Fatal(err)
	}
	want := goIDs(t, b.ix, "ConnectTim", 8)
	if len(want) < 3 {
		t.Fatalf("Go finds only %v", want)
	}
	waitIDs(t, ctx, want)
	marks, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".search-panel mark")].map((m) => m.textContent)`))
	if err != nil || !slices.ContainsFunc(marks, func(m string) bool { return strings.HasPrefix(strings.ToLower(m), "connecttim") }) {
		t.Errorf("highlighted %q (%v), want ConnectTimeout marked", marks, err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowUp)); err != nil {
		t.Fatal(err)
	}
	sel, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("[aria-selected=true]")?.dataset.reviewId ?? ""`))
	if sel != want[0] {
		t.Errorf("after down, down, up the active result is %q, want %q", sel, want[0])
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	// The navigation may destroy the context a poll runs in: ask again.
	path := ""
	for range 50 {
		if path, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`)); path == "/reviews/"+want[0]+"/" {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if path != "/reviews/"+want[0]+"/" {
		t.Errorf("Enter went to %s, want the review %s", path, want[0])
	}
}

// TestDeepLink opens /search/?q=… directly, and then types more.
func TestDeepLink(t *testing.T) {
	b := buildSite(t, reviews.FS(), false)
	for _, q := range []string{"ConnectTimeout", "证书过期", `"connect timeout" service:payment-gateway`, "severity:SEV1"} {
		ctx := browser(t, b.srv.URL+"/search/?q="+urlQuery(q))
		waitIDs(t, ctx, goIDs(t, b.ix, q, 20))
		if v, _ := chromedp.Run(ctx, chromedp.Value("#q")); v != q {
			t.Errorf("%q: the box holds %q", q, v)
		}
	}
	ctx := browser(t, b.srv.URL+"/search/?q=redis")
	waitIDs(t, ctx, goIDs(t, b.ix, "redis", 20))
	if err := chromedp.Do(ctx, chromedp.SendKeys("#q", " timeout")); err != nil {
		t.Fatal(err)
	}
	waitIDs(t, ctx, goIDs(t, b.ix, "redis timeout", 20))
	if u, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`new URL(location.href).searchParams.get("q")`)); u != "redis timeout" {
		t.Errorf("the address says q=%q, want the query typed", u)
	}
	// Fewer hits than a page: no "More results".
	if h, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`getComputedStyle(document.querySelector("button.search-more")).display === "none"`)); !h {
		t.Error(`"More results" shown under fewer results than a page`)
	}
	// A bad date says why, and shows nothing.
	ctx = browser(t, b.srv.URL+"/search/?q=since:yesterday")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector(".search-status")?.textContent.includes("want a date")`)); err != nil {
		t.Errorf("since:yesterday: no error shown: %v", err)
	}
}

// TestFilters chooses a severity, a year, a service and an exception in
// the filter controls, which write the filters into the query.
func TestFilters(t *testing.T) {
	b := buildSite(t, reviews.FS(), false)
	ctx := browser(t, b.srv.URL+"/search/?q=timeout")
	waitIDs(t, ctx, goIDs(t, b.ix, "timeout", 20))
	for _, c := range []struct{ key, value, query string }{
		{"severity", "sev2", "timeout severity:sev2"},
		{"year", "2025", "timeout severity:sev2 since:2025 until:2025"},
		{"severity", "", "timeout since:2025 until:2025"},
		{"service", "payment-gateway", "timeout since:2025 until:2025 service:payment-gateway"},
		{"year", "", "timeout service:payment-gateway"},
		{"exception", "requests.exceptions.readtimeout", "timeout service:payment-gateway exception:requests.exceptions.readtimeout"},
	} {
		expr := `(() => { const s = document.querySelector("select[name=filter-` + c.key + `]"); s.value = ` + jsString(c.value) + `; s.dispatchEvent(new Event("change")); return document.getElementById("q").value; })()`
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s=%s: %v", c.key, c.value, err)
		}
		if strings.TrimSpace(got) != c.query {
			t.Errorf("%s=%s: query %q, want %q", c.key, c.value, got, c.query)
		}
		waitIDs(t, ctx, goIDs(t, b.ix, got, 20))
	}
}

// TestTracebackMode pastes a traceback with a log line before it: the
// results are those of "fupan similar", with their reasons.
func TestTracebackMode(t *testing.T) {
	b := buildSite(t, reviews.FS(), false)
	ctx := browser(t, b.srv.URL+"/search/")
	text := "14:03:11 ERROR request failed\n" + `Traceback (most recent call last):
  File "/app/billing/charge.py", line 88, in charge_invoice
    resp = session.post(url, json=payload, timeout=(3, 10))
  File "/usr/lib/python3.11/site-packages/requests/sessions.py", line 637, in post
    return self.request("POST", url, data=data, json=json, **kwargs)
requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='pay.example.com', port=443): Read timed out. (read timeout=10)
`
	want := idsOf(goSimilar(t, b.ix, text))
	tracebackMode(t, ctx)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const a = document.querySelector(".search-traceback textarea"); a.value = `+jsString(text)+`; a.dispatchEvent(new Event("input")); return true; })()`)); err != nil {
		t.Fatal(err)
	}
	waitIDs(t, ctx, want)
	reasons, _ := chromedp.Run(ctx, chromedp.Text(".search-reasons"))
	if !strings.Contains(reasons, "exception requests.exceptions.ReadTimeout") {
		t.Errorf("first hit's reasons %q, want the exception", reasons)
	}
}

// TestHostileText builds a site whose review title and summary are HTML
// and script, and requires that searching shows them as text and runs
// nothing.
func TestHostileText(t *testing.T) {
	src := reviews.FS().(fstest.MapFS)
	fsys := fstest.MapFS{}
	for name, f := range src {
		fsys[name] = f
	}
	const name = "reviews/2026-09-02-auth-session-nil-map-panic.md"
	data := string(src[name].Data)
	const evil = `<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>`
	data = strings.Replace(data, "title: auth-service", "title: '"+evil+" auth-service", 1)
	data = strings.Replace(data, "212 次\n", "212 次'\n", 1)
	data = strings.Replace(data, "summary: >\n", "summary: >\n  "+evil+" <a href=\"javascript:window.pwned=3\">x</a>\n", 1)
	fsys[name] = &fstest.MapFile{Data: []byte(data), Mode: 0o644}
	b := buildSite(t, fsys, false)
	ctx := browser(t, b.srv.URL+"/search/?q=onerror")
	waitIDs(t, ctx, []string{"2026-09-02-auth-session-nil-map-panic"})
	title, err := chromedp.Run(ctx, chromedp.Text(".search-hit a"))
	if err != nil || !strings.Contains(title, "<img src=x") {
		t.Errorf("title shown as %q (%v), want the markup as text", title, err)
	}
	// The panel of another page, and every hit's link.
	ctx2 := browser(t, b.srv.URL+"/")
	if err := chromedp.Do(ctx2, chromedp.SendKeys("#q", "script")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx2, chromedp.Poll[bool](`document.querySelectorAll("[data-review-id]").length > 0`)); err != nil {
		t.Fatal(err)
	}
	for _, c := range []context.Context{ctx, ctx2} {
		bad, err := chromedp.Run(c, chromedp.Evaluate[string](`JSON.stringify({pwned: window.pwned ?? null, imgs: document.querySelectorAll("main img, .search-panel img").length, scripts: [...document.querySelectorAll("#search-results script, .search-panel script")].length, js: [...document.querySelectorAll("[data-review-id] a")].filter((a) => !a.href.startsWith(location.origin)).length})`))
		if err != nil || bad != `{"pwned":null,"imgs":0,"scripts":0,"js":0}` {
			t.Errorf("hostile review text: %s (%v)", bad, err)
		}
	}
}

// TestNoScript checks the search page without JavaScript: it says that
// search needs it and links the exception index.
func TestNoScript(t *testing.T) {
	b := buildSite(t, reviews.FS(), false)
	page := string(b.files["search/index.html"])
	for _, want := range []string{"<noscript>", `href="../exceptions/"`, `src="../assets/search/ui.js"`} {
		if !strings.Contains(page, want) {
			t.Errorf("search/index.html has no %s", want)
		}
	}
}

func urlQuery(s string) string {
	r := strings.NewReplacer("%", "%25", " ", "%20", "\"", "%22", ":", "%3A", "&", "%26", "#", "%23", "+", "%2B")
	return r.Replace(s)
}

// TestTracebackModeLongPaste pastes 3 MiB of a hostile log that ends in a
// traceback, as ten keystrokes. The page stays responsive: each input
// handler returns at once, the log is read once, 200 ms after the last
// keystroke and in a worker (its postMessage is counted), and the page's
// thread is never held up for long; then the results are those of
// "fupan similar", with its note that only the last 1 MiB was read.
func TestTracebackModeLongPaste(t *testing.T) {
	b := buildSite(t, reviews.FS(), false)
	ctx := browser(t, b.srv.URL+"/search/")
	text := strings.Repeat("Traceback (most recent call last):\n", 3<<20/35) + `Traceback (most recent call last):
  File "/app/billing/charge.py", line 88, in charge_invoice
    resp = session.post(url, json=payload, timeout=(3, 10))
requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='pay.example.com', port=443): Read timed out. (read timeout=10)
`
	want := idsOf(goSimilar(t, b.ix, text))
	note := search.LongLogNote(int64(len(text)))
	tracebackMode(t, ctx)
	// Put the text in the box, and wait until Chromium has laid it out
	// (seconds, for 3 MiB: its own work, not the page's), that is until
	// five frames in a row come quickly. Then count what is posted to
	// workers, and time the page's thread with a timer that should fire
	// every 10 ms.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(async () => {
  document.querySelector(".search-traceback textarea").value = `+jsString(text)+`;
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  for (let quick = 0, last = await frame(); quick < 5; ) {
    const now = await frame();
    quick = now - last < 50 ? quick + 1 : 0;
    last = now;
  }
  window.posted = [];
  window.Worker = class extends Worker {
    postMessage(m) { posted.push(performance.now()); super.postMessage(m); }
  };
  window.beat = { last: performance.now(), max: 0 };
  const tick = () => {
    const now = performance.now();
    beat.max = Math.max(beat.max, now - beat.last);
    beat.last = now;
    setTimeout(tick, 10);
  };
  setTimeout(tick, 10);
  return true;
})()`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	type typed struct {
		Handlers float64 // ms the ten input events took to dispatch
		Posted   int     // posts to a worker right after them
		At       float64 // performance.now() after the last one
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[typed](`(() => {
  const a = document.querySelector(".search-traceback textarea");
  const t0 = performance.now();
  for (let i = 0; i < 10; i++) a.dispatchEvent(new Event("input"));
  const at = performance.now();
  return { handlers: at - t0, posted: posted.length, at };
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if got.Handlers > 100 || got.Posted != 0 {
		t.Errorf("ten input events took %.1f ms and posted %d logs to a worker; want a few ms and none (the log is read after a pause)", got.Handlers, got.Posted)
	}
	waitIDs(t, ctx, want)
	type after struct {
		Posted []float64
		Beat   float64
		Status string
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[after](`({ posted, beat: beat.max, status: document.querySelector(".search-status").textContent })`))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Posted) != 1 || res.Posted[0]-got.At < 150 {
		t.Errorf("logs posted to a worker at %v ms, the last keystroke at %.0f ms; want one, 200 ms after it", res.Posted, got.At)
	}
	if res.Beat > 1000 {
		t.Errorf("the page's thread was held up for %.0f ms; want it free while the log is read", res.Beat)
	}
	if !strings.Contains(res.Status, note) {
		t.Errorf("status %q, want the note %q", res.Status, note)
	}
	t.Logf("input handlers %.1f ms; longest wait of a 10 ms timer %.0f ms", got.Handlers, res.Beat)
}

// TestTracebackModeRepaste pastes a long log with no traceback, then,
// while it may still be read, a traceback: the results are those of the
// traceback, and the note and error of the long log are gone.
func TestTracebackModeRepaste(t *testing.T) {
	b := buildSite(t, reviews.FS(), false)
	ctx := browser(t, b.srv.URL+"/search/")
	long := strings.Repeat("Traceback (most recent call last):\n", 3<<20/35)
	text := "java.net.SocketTimeoutException: Read timed out\n\tat com.acme.erp.StockClient.query(StockClient.java:77)\n"
	want := idsOf(goSimilar(t, b.ix, text))
	tracebackMode(t, ctx)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(async () => {
  const a = document.querySelector(".search-traceback textarea");
  a.value = `+jsString(long)+`;
  a.dispatchEvent(new Event("input"));
  await new Promise((resolve) => setTimeout(resolve, 250));
  a.value = `+jsString(text)+`;
  a.dispatchEvent(new Event("input"));
  return true;
})()`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	waitIDs(t, ctx, want)
	if status, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".search-status").textContent`)); err != nil || status != "" {
		t.Errorf("status %q (%v), want none", status, err)
	}
}

// TestTracebackModeNoWorker pastes a traceback where no worker can start:
// the log is read on the page, with the same results.
func TestTracebackModeNoWorker(t *testing.T) {
	b := buildSite(t, reviews.FS(), false)
	ctx := browser(t, b.srv.URL+"/search/")
	text := "java.net.SocketTimeoutException: Read timed out\n\tat com.acme.erp.StockClient.query(StockClient.java:77)\n"
	want := idsOf(goSimilar(t, b.ix, text))
	tracebackMode(t, ctx)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
  window.Worker = class { constructor() { throw new Error("no workers here"); } };
  const a = document.querySelector(".search-traceback textarea");
  a.value = `+jsString(text)+`;
  a.dispatchEvent(new Event("input"));
  return true;
})()`)); err != nil {
		t.Fatal(err)
	}
	waitIDs(t, ctx, want)
}

// TestReadAs: the page says how it read a typo and names the nearest value
// of a filter that no review has, and links the syntax help.
func TestReadAs(t *testing.T) {
	b := buildSite(t, reviews.FS(), false)
	for q, want := range map[string]string{
		"ReadTimout":    "showing results for readtimeout (no review holds readtimout)",
		"service:order": "service:order matches no review; did you mean service:order-api?",
	} {
		ctx := browser(t, b.srv.URL+"/search/?q="+urlQuery(q))
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector(".search-status")?.textContent.includes(`+jsString(want)+`)`)); err != nil {
			s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".search-status")?.textContent`))
			t.Errorf("%q: status %q, want %q", q, s, want)
		}
		if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#search-help code").length`)); n < 5 {
			t.Errorf("%q: the syntax help shows %d examples", q, n)
		}
	}
}
