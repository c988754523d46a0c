package webindex_test

import (
	"context"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"

	"github.com/fupan/fupan/internal/corpus"
	"github.com/fupan/fupan/reviews"
)

// A typed query is one as people type or paste it, and the review it must
// find first: "*" for any (it must find one), "" when no hit, or any
// order, will do, as long as Go and the browser agree.
type typed struct{ query, first string }

// An answer is what a search gives for a query: the ids of its hits, its
// notes ("showing results for …", filter values no review has) and its
// error.
type answer struct {
	IDs   []string `json:"ids"`
	Notes []string `json:"notes"`
	Error string   `json:"error"`
}

// goAnswer is what fupan search gives: (*search.Index).Query.
func goAnswer(t *testing.T, b *built, q string, limit int) answer {
	t.Helper()
	res, err := b.ix.Query(context.Background(), q, limit)
	if err != nil {
		return answer{Error: err.Error()}
	}
	var a answer
	for _, h := range res.Hits {
		a.IDs = append(a.IDs, h.ID)
	}
	if s := res.Plan.ReadAs(); s != "" {
		a.Notes = append(a.Notes, s)
	}
	a.Notes = append(a.Notes, res.Notes...)
	return a
}

// jsAnswer is what the site's search.js gives, in the page of ctx.
func jsAnswer(t *testing.T, ctx context.Context, q string, limit int) answer {
	t.Helper()
	a, err := chromedp.Run(ctx, chromedp.Evaluate[answer](`(async () => {
  const m = await import("/assets/search/search.js");
  window.fupanIndex ??= await m.open(new URL(`+indexURL+`, location.href));
  const r = await window.fupanIndex.search(`+jsString(q)+`, `+itoa(limit)+`);
  return { ids: r.hits.map((h) => h.meta.id), notes: r.notes || [], error: r.error };
})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("search.js %q: %v", q, err)
	}
	return a
}

// checkTyped runs each query in Go and in the browser: the same hits in
// the same order, the same notes, the same error, and the review wanted
// first.
func checkTyped(t *testing.T, b *built, queries []typed) {
	t.Helper()
	ctx := browser(t, b.srv.URL+"/search/")
	const limit = 10
	for _, tc := range queries {
		g, j := goAnswer(t, b, tc.query, limit), jsAnswer(t, ctx, tc.query, limit)
		if !slices.Equal(g.IDs, j.IDs) || !slices.Equal(g.Notes, j.Notes) || g.Error != j.Error {
			t.Errorf("%.80q:\n go %+v\n js %+v", tc.query, g, j)
		}
		if tc.first == "*" && len(g.IDs) == 0 {
			t.Errorf("%.80q: no hit (%s), want some", tc.query, g.Error)
		}
		if tc.first != "" && tc.first != "*" && (len(g.IDs) == 0 || g.IDs[0] != tc.first) {
			t.Errorf("%.80q: first %v (%s), want %s", tc.query, g.IDs, g.Error, tc.first)
		}
	}
}

// TestTypedQueriesParity runs on the example reviews the kinds of query
// that people type or paste: exception names whole, bare, in any case,
// with their message or punctuation; tracebacks, paths, URLs, codes, config
// keys; typos, word forms, Chinese with and without English; filters
// with text; and input with nothing to search for.
func TestTypedQueriesParity(t *testing.T) {
	// The example reviews wanted first, by the day of each (one a day).
	id := func(day string) string {
		for _, name := range exampleNames(t) {
			if strings.HasPrefix(name, day) {
				return name
			}
		}
		t.Fatalf("no example review of %s", day)
		return ""
	}
	queries := []typed{
		// Exception names as pasted.
		{"requests.exceptions.ConnectTimeout", id("2026-11-24")},
		{"ConnectTimeout", id("2025-07-15")}, {"connecttimeout", id("2025-07-15")}, {"CONNECTTIMEOUT", id("2025-07-15")},
		{"ConnectTimeout:", id("2025-07-15")}, {"ConnectTimeout.", id("2025-07-15")}, {"requests.exceptions.ConnectTimeout:", id("2026-11-24")},
		{"ConnectTimeout: HTTPSConnectionPool(host='x', port=443)", id("2025-07-15")},
		{"<class 'requests.exceptions.ConnectTimeout'>", ""}, {"raise ConnectTimeout(e, request=request)", ""},
		{"java.net.SocketTimeoutException: Read timed out", id("2026-07-08")}, {"Caused by: java.net.SocketTimeoutException: Read timed out", id("2026-07-08")},
		{"java.net.SocketTimeoutException:Read timed out", id("2026-07-08")},
		{"panic: runtime error: invalid memory address or nil pointer dereference", id("2026-10-06")},
		{"panic: assignment to entry in nil map", id("2026-09-02")}, {"context deadline exceeded", ""},
		{"TypeError: Cannot read properties of undefined (reading 'id')", ""},
		{"KeyError: 'statistics'", id("2026-05-19")}, {"KeyError('statistics')", id("2026-05-19")},
		{"psycopg2.errors.QueryCanceled: canceling statement due to statement timeout", id("2025-06-03")},
		{"kombu.exceptions.OperationalError", id("2026-10-20")}, {"OperationalError: [Errno 111] Connection refused", id("2026-10-20")},
		{"ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired", id("2026-02-27")},
		{"redis.exceptions.TimeoutError: Timeout reading from socket", id("2025-03-18")}, {"redis.TimeoutError", id("2025-03-18")},
		{"urllib3.exceptions.ConnectTimeoutError", id("2025-07-15")},
		// Lines of a traceback, paths, URLs, codes, addresses, config keys.
		{`File "/app/db.py", line 42, in save`, ""}, {"apply.go:114", id("2026-10-06")}, {"/var/lib/auth/sessions.bin", id("2026-09-02")},
		{"https://stock.internal/reserve?sku=1&qty=2", ""}, {"502", ""}, {"HTTP 502 Bad Gateway", ""},
		{"ECONNRESET", ""}, {"ORA-00060", ""}, {"NXDOMAIN", id("2026-11-03")}, {"10.0.0.1:6379", ""}, {"prod-cache:6379", id("2025-03-18")},
		{"pool_size", ""}, {"DB_POOL_SIZE", ""}, {"spring.datasource.hikari.maximum-pool-size", ""},
		{"erp.client.socket-timeout-ms=5000", id("2026-07-08")}, {"STOCK_CLIENT_RETRY_TOTAL=5", id("2025-04-22")}, {"statement_timeout", id("2025-06-03")},
		// Typos, parts of compounds, word forms.
		{"ConectTimeout", id("2026-11-24")}, {"connect timeout", ""}, {"connect_timeout", ""}, {"Connect-Timeout", ""},
		{"connect timeouts", ""}, {"ReadTimeouts", id("2026-08-18")}, {"KeyErrors", ""}, {"CommitFailed", id("2025-11-12")}, {"commit failed", id("2025-11-12")},
		// Chinese, alone and with English.
		{"连接超时", id("2026-07-08")}, {"数据库连接池", ""}, {"证书过期", id("2026-02-27")}, {"证书过期导致支付失败", id("2026-02-27")},
		{"redis 超时", id("2025-03-18")}, {"redis超时", id("2025-03-18")}, {"Redis超时了", id("2025-03-18")}, {"证书过期SSLError", id("2026-02-27")},
		{"auth-service证书过期", id("2026-02-27")}, {"「连接超时」", id("2026-07-08")},
		// Phrases, OR, filters with text.
		{`"read timeout"`, id("2026-08-18")}, {`“connect timeout”`, ""}, {"ConnectTimeout OR ReadTimeout", ""},
		{"timeout service:order-api", "*"}, {"timeout service:order_api", "*"}, {"severity:sev1 timeout", ""},
		{"ConnectTimeout since:2026", id("2026-11-24")}, {"ConnectTimeout until:2025", id("2025-07-15")},
		{"tag:kafka CommitFailedException", id("2025-11-12")}, {"status:final KeyError", ""}, {"service:paymnt-gateway", ""},
		{"status:502", ""},
		// Nothing to search for, or too much.
		{"", ""}, {"   ", ""}, {".", ""}, {"...", ""}, {":::", ""}, {"!!!", ""}, {"---", ""}, {`""`, ""},
		{strings.Repeat("ConnectTimeout: HTTPSConnectionPool(host='x', port=443) ", 90), ""},
	}
	checkTyped(t, buildSite(t, reviews.FS(), false), queries)
}

// exampleNames are the ids of the example reviews: their file names
// without .md.
func exampleNames(t *testing.T) []string {
	t.Helper()
	names, err := fs.Glob(reviews.FS(), "reviews/*.md")
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		names[i] = strings.TrimSuffix(path.Base(n), ".md")
	}
	return names
}

// corpusSite builds the site of the example reviews and of the public
// postmortems of ../shared/corpus (read at run time, never copied into
// the repository), or skips t when the corpus is not there.
func corpusSite(t *testing.T) *built {
	t.Helper()
	dir := corpus.Dir()
	if dir == "" {
		t.Skip("no corpus of public postmortems beside the repository (../shared/corpus)")
	}
	fsys, err := corpus.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	err = fs.WalkDir(reviews.FS(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".md") {
			return err
		}
		data, err := fs.ReadFile(reviews.FS(), name)
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644} // under reviews/
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return buildSite(t, fsys, false)
}

// TestCorpusParity searches the public postmortems beside the examples as
// someone who remembers one would: a distinctive run of words from its
// text, as typed and as a "phrase", finds it first, in Go and in the
// browser alike; and names of services and tags are found however their
// gaps are typed.
func TestCorpusParity(t *testing.T) {
	b := corpusSite(t)
	texts := map[string]string{}
	for _, rv := range b.reviews {
		texts[rv.ID] = strings.ToLower(strings.Join(strings.Fields(rv.Title+" "+rv.Summary+" "+rv.Body), " "))
	}
	// distinctive tells whether a run of words is in one review's text only.
	distinctive := func(id, run string) bool {
		run = strings.ToLower(strings.Join(strings.Fields(run), " "))
		for other, text := range texts {
			if other != id && strings.Contains(text, run) {
				return false
			}
		}
		return strings.Contains(texts[id], run)
	}
	queries := []typed{
		{"service:stack-exchange outage", "*"}, {"service:Stack_Exchange", "*"}, {"service:ccp-games", "*"},
		{"tag:power-loss", "*"}, {"tag:power_loss handshake", "2026-05-04-amazon-00b7f759"},
		{"service:Amazon handshake timeout", "2026-05-04-amazon-00b7f759"},
		{"xtime_lock", "*"}, {"clock_was_set", "*"}, {"innodb_flush_log_at_trx_commit", "*"},
		{"leap second", "*"}, {"leap-second", "*"}, {"us-east-1", "*"}, {"BGP route leak", "*"}, {"502 errors", "*"},
	}
	n := 0
	for _, rv := range b.reviews {
		words := strings.Fields(rv.Body)
		if len(words) < 60 {
			continue
		}
		run := strings.Join(words[len(words)/2:len(words)/2+6], " ")
		if !distinctive(rv.ID, run) || strings.ContainsAny(run, `"`) {
			continue
		}
		queries = append(queries, typed{run, rv.ID}, typed{`"` + run + `"`, rv.ID})
		n++
	}
	if n < 100 {
		t.Errorf("only %d postmortems with a distinctive run of words", n)
	}
	checkTyped(t, b, queries)
}
