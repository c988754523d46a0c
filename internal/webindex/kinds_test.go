package webindex_test

import (
	"context"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/fupan/fupan/reviews"
)

// relevanceByKind is a relevance table per kind of query of issue 10,
// from the example reviews: the review expected first for each query.
var relevanceByKind = []struct{ kind, query, first string }{
	// 1. Identifiers written partly or more fully than the review has them.
	{"identifier", "exceptions.ReadTimeout", "2026-08-18-invoice-charge-readtimeout-not-retried"},
	{"identifier", "java.net.SocketTimeoutException ", "2026-07-08-erp-stock-query-read-timeout"},
	{"identifier", "net.SocketTimeoutException", "2026-07-08-erp-stock-query-read-timeout"},
	{"identifier", "errors.QueryCanceled ", "2025-06-03-pending-orders-missing-partial-index"},
	{"identifier", "exc.OperationalError ", "2026-10-20-order-confirmation-kombu-operational-error"},
	{"identifier", "redis-py 4.6.0 ", "2025-03-18-profile-cache-redis-timeout"},
	{"identifier", "tenacity@9.1.2", "2026-05-19-notify-tenacity-statistics-keyerror"},
	// 2. Word endings.
	{"endings", "restarting rabbitmq ", "2026-10-20-order-confirmation-kombu-operational-error"},
	{"endings", "migrations dropped index", "2025-06-03-pending-orders-missing-partial-index"},
	{"endings", "authorization timeouts ", "2025-07-15-payment-egress-proxy-stale-dns"},
	{"endings", "crashing indexer", "2026-10-06-indexer-nil-price-panic"},
	// 3. Typos.
	{"typos", "ReadTimout", "2026-08-18-invoice-charge-readtimeout-not-retried"},
	{"typos", "SocketTimoutException", "2026-07-08-erp-stock-query-read-timeout"},
	{"typos", "QueryCancelled ", "2025-06-03-pending-orders-missing-partial-index"},
	{"typos", "rabbitmg restarted", "2026-10-20-order-confirmation-kombu-operational-error"},
	{"typos", "NXDOMIAN webhook", "2026-11-03-webhook-dns-internal-resolver-nxdomain"},
	// 4. Coverage before "raised".
	{"coverage", "read timed out inventory-sync kubectl logs ", "2026-07-08-erp-stock-query-read-timeout"},
	{"coverage", "timeout keys scan blocked cache", "2025-03-18-profile-cache-redis-timeout"},
	{"coverage", "ConnectTimeout egress proxy stale dns", "2025-07-15-payment-egress-proxy-stale-dns"},
	// 5. Chinese without spaces.
	{"chinese", "内部证书过期导致请求失败", "2026-02-27-auth-internal-cert-expired"},
	{"chinese", "主从切换导致库存查询超时", "2026-07-08-erp-stock-query-read-timeout"},
	{"chinese", "快照恢复会话以后崩溃", "2026-09-02-auth-session-nil-map-panic"},
	// 6. Fields that were not searched: verification.watch, edge_inputs.
	{"fields", "profile_cache_fallback_total", "2025-03-18-profile-cache-redis-timeout"},
	{"fields", "profile:None", "2025-03-18-profile-cache-redis-timeout"},
	// 8. Query syntax.
	{"syntax", "KeyError -tenacity", "2026-11-10-profile-keyerror-logged-session-cookies"},
	{"syntax", "NXDOMAIN OR SocketTimeoutException ", "2026-07-08-erp-stock-query-read-timeout"},
}

// TestRelevanceByKind runs the table in Go and in Chromium: the expected
// review comes first in both, and both give the same hits.
func TestRelevanceByKind(t *testing.T) {
	b := buildSite(t, reviews.FS(), false)
	ctx := browser(t, b.srv.URL+"/search/")
	for _, c := range relevanceByKind {
		hits, err := b.ix.Search(context.Background(), c.query, 20)
		if err != nil {
			t.Fatalf("Search(%q): %v", c.query, err)
		}
		want := make([]string, len(hits))
		for i, h := range hits {
			want[i] = h.ID
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](jsSearch(c.query, 20), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("search.js %q: %v", c.query, err)
		}
		if len(want) == 0 || want[0] != c.first {
			t.Errorf("%s %q: Go first %v, want %s", c.kind, c.query, want, c.first)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s %q:\n js %v\n go %v", c.kind, c.query, got, want)
		}
	}
}
