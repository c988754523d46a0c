package webindex_test

import (
	"context"
	"io/fs"
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
	const (
		profileCache = "2025-03-18-profile-cache-redis-timeout"
		retryStorm   = "2025-04-22-stock-reserve-retry-storm"
		pending      = "2025-06-03-pending-orders-missing-partial-index"
		staleDNS     = "2025-07-15-payment-egress-proxy-stale-dns"
		kafka        = "2025-11-12-stock-consumer-commit-failed"
		certExpired  = "2026-02-27-auth-internal-cert-expired"
		tenacity     = "2026-05-19-notify-tenacity-statistics-keyerror"
		erpTimeout   = "2026-07-08-erp-stock-query-read-timeout"
		readTimeout  = "2026-08-18-invoice-charge-readtimeout-not-retried"
		nilMap       = "2026-09-02-auth-session-nil-map-panic"
		nilPrice     = "2026-10-06-indexer-nil-price-panic"
		kombu        = "2026-10-20-order-confirmation-kombu-operational-error"
		nxdomain     = "2026-11-03-webhook-dns-internal-resolver-nxdomain"
		connectAgain = "2026-11-24-checkout-stock-reserve-connect-timeout-again"
	)
	queries := []typed{
		// Exception names as pasted.
		{"requests.exceptions.ConnectTimeout", connectAgain},
		{"ConnectTimeout", staleDNS}, {"connecttimeout", staleDNS}, {"CONNECTTIMEOUT", staleDNS},
		{"ConnectTimeout:", staleDNS}, {"ConnectTimeout.", staleDNS}, {"requests.exceptions.ConnectTimeout:", connectAgain},
		{"ConnectTimeout: HTTPSConnectionPool(host='x', port=443)", staleDNS},
		{"<class 'requests.exceptions.ConnectTimeout'>", ""}, {"raise ConnectTimeout(e, request=request)", ""},
		{"java.net.SocketTimeoutException: Read timed out", erpTimeout}, {"Caused by: java.net.SocketTimeoutException: Read timed out", erpTimeout},
		{"java.net.SocketTimeoutException:Read timed out", erpTimeout},
		{"panic: runtime error: invalid memory address or nil pointer dereference", nilPrice},
		{"panic: assignment to entry in nil map", nilMap}, {"context deadline exceeded", ""},
		{"TypeError: Cannot read properties of undefined (reading 'id')", ""},
		{"KeyError: 'statistics'", tenacity}, {"KeyError('statistics')", tenacity},
		{"psycopg2.errors.QueryCanceled: canceling statement due to statement timeout", pending},
		{"kombu.exceptions.OperationalError", kombu}, {"OperationalError: [Errno 111] Connection refused", kombu},
		{"ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired", certExpired},
		{"redis.exceptions.TimeoutError: Timeout reading from socket", profileCache}, {"redis.TimeoutError", profileCache},
		{"urllib3.exceptions.ConnectTimeoutError", staleDNS},
		// Lines of a traceback, paths, URLs, codes, addresses, config keys.
		{`File "/app/db.py", line 42, in save`, ""}, {"apply.go:114", nilPrice}, {"/var/lib/auth/sessions.bin", nilMap},
		{"https://stock.internal/reserve?sku=1&qty=2", ""}, {"502", ""}, {"HTTP 502 Bad Gateway", ""},
		{"ECONNRESET", ""}, {"ORA-00060", ""}, {"NXDOMAIN", nxdomain}, {"10.0.0.1:6379", ""}, {"prod-cache:6379", profileCache},
		{"pool_size", ""}, {"DB_POOL_SIZE", ""}, {"spring.datasource.hikari.maximum-pool-size", ""},
		{"erp.client.socket-timeout-ms=5000", erpTimeout}, {"STOCK_CLIENT_RETRY_TOTAL=5", retryStorm}, {"statement_timeout", pending},
		// Typos, parts of compounds, word forms.
		{"ConectTimeout", connectAgain}, {"connect timeout", ""}, {"connect_timeout", ""}, {"Connect-Timeout", ""},
		{"connect timeouts", ""}, {"ReadTimeouts", readTimeout}, {"KeyErrors", ""}, {"CommitFailed", kafka}, {"commit failed", kafka},
		// Chinese, alone and with English.
		{"连接超时", erpTimeout}, {"数据库连接池", ""}, {"证书过期", certExpired}, {"证书过期导致支付失败", certExpired},
		{"redis 超时", profileCache}, {"redis超时", profileCache}, {"Redis超时了", profileCache}, {"证书过期SSLError", certExpired},
		{"auth-service证书过期", certExpired}, {"「连接超时」", erpTimeout},
		// Phrases, OR, filters with text.
		{`"read timeout"`, readTimeout}, {`“connect timeout”`, ""}, {"ConnectTimeout OR ReadTimeout", ""},
		{"timeout service:order-api", "*"}, {"timeout service:order_api", "*"}, {"severity:sev1 timeout", ""},
		{"ConnectTimeout since:2026", connectAgain}, {"ConnectTimeout until:2025", staleDNS},
		{"tag:kafka CommitFailedException", kafka}, {"status:final KeyError", ""}, {"service:paymnt-gateway", ""},
		{"status:502", ""},
		// Nothing to search for, or too much.
		{"", ""}, {"   ", ""}, {".", ""}, {"...", ""}, {":::", ""}, {"!!!", ""}, {"---", ""}, {`""`, ""},
		{strings.Repeat("ConnectTimeout: HTTPSConnectionPool(host='x', port=443) ", 90), ""},
	}
	checkTyped(t, buildSite(t, reviews.FS(), false), queries)
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
		fsys["reviews/"+name] = &fstest.MapFile{Data: data, Mode: 0o644}
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
