package search

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/fupan/fupan/reviews"
)

// examples opens an in-memory index of the example reviews.
func examples(t testing.TB) *Index { return openFS(t, reviews.FS()) }

// openFS opens an in-memory index of the repository fsys, closed when t
// ends.
func openFS(t testing.TB, fsys fs.FS) *Index {
	t.Helper()
	ix, err := Open(t.Context(), fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func ids(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

// Example review ids.
const (
	profileCache = "2025-03-18-profile-cache-redis-timeout"
	retryStorm   = "2025-04-22-stock-reserve-retry-storm"
	pending      = "2025-06-03-pending-orders-missing-partial-index"
	staleDNS     = "2025-07-15-payment-egress-proxy-stale-dns"
	getattr      = "2025-09-09-profile-export-getattr-field"
	kafka        = "2025-11-12-stock-consumer-commit-failed"
	certExpired  = "2026-02-27-auth-internal-cert-expired"
	tenacity     = "2026-05-19-notify-tenacity-statistics-keyerror"
	erpTimeout   = "2026-07-08-erp-stock-query-read-timeout"
	readTimeout  = "2026-08-18-invoice-charge-readtimeout-not-retried"
	nilMap       = "2026-09-02-auth-session-nil-map-panic"
	kafkaAgain   = "2026-11-17-stock-consumer-commit-failed-again"
	connectAgain = "2026-11-24-checkout-stock-reserve-connect-timeout-again"
)

// TestRelevance is the relevance table: for each query, the reviews that
// must come first, in this order (others may follow), and reviews that
// must not be found at all.
func TestRelevance(t *testing.T) {
	ix := examples(t)
	tests := []struct {
		name, query string
		first       []string
		absent      []string
	}{
		// Identifiers, whole.
		{"dotted exception", "requests.exceptions.ConnectTimeout", []string{connectAgain, staleDNS, retryStorm, readTimeout}, []string{profileCache, nilMap}},
		{"class name", "ConnectTimeout", []string{staleDNS, retryStorm, connectAgain, readTimeout}, []string{nilMap, certExpired}},
		// Raised first: the reviews whose exceptions hold the word, then
		// those that only mention it (readTimeout names ConnectTimeout in
		// its title, summary and config, but raised ReadTimeout).
		{"raised first", "ConnectTimeout ", []string{connectAgain, staleDNS, retryStorm, readTimeout}, nil},
		{"raised first, dotted", "requests.exceptions.ConnectTimeout ", []string{connectAgain, staleDNS, retryStorm, readTimeout}, nil},
		{"raised first, urllib3", "ConnectTimeoutError ", []string{staleDNS, retryStorm}, []string{readTimeout}},
		{"raised read timeout", "ReadTimeout", []string{readTimeout}, []string{staleDNS, retryStorm}},
		{"raised read timeout, dotted", "requests.exceptions.ReadTimeout ", []string{readTimeout}, []string{staleDNS, retryStorm}},
		{"raised read timeout, urllib3", "ReadTimeoutError", []string{readTimeout}, []string{staleDNS}},
		{"all words before raised", "ConnectTimeout ReadTimeout ", []string{readTimeout, connectAgain, staleDNS, retryStorm}, nil},
		{"snake function", "get_user_profile", []string{profileCache}, []string{staleDNS}},
		{"setting", "settings.CACHE_TIMEOUT", []string{profileCache}, []string{staleDNS}},
		{"kafka property", "max.poll.interval.ms", []string{kafkaAgain, kafka}, []string{profileCache}},
		{"pin", "redis-py==4.6.0", []string{profileCache}, []string{staleDNS}},
		{"url", "redis://prod-cache:6379", []string{profileCache}, []string{kafka}},
		{"quoted value", "status='pending'", []string{pending}, []string{certExpired}},
		{"upper snake", "CERTIFICATE_VERIFY_FAILED", []string{certExpired}, []string{profileCache}},
		{"java exception", "CommitFailedException", []string{kafka}, []string{profileCache}},
		{"go panic", "nil map", []string{nilMap}, nil},
		// Chinese.
		{"chinese timeout", "超时", []string{erpTimeout}, []string{kafka}},
		{"chinese cert expired", "证书过期", []string{certExpired}, []string{erpTimeout}},
		{"chinese pinning", "锁定版本", []string{tenacity}, []string{certExpired}},
		// Chinese typed against English without a space: the words it
		// would be with one (before, Redis超时 had to be whole in one
		// review and found none).
		{"english then chinese", "redis超时", []string{profileCache}, nil},
		{"chinese then an exception", "证书过期SSLError", []string{certExpired}, nil},
		{"identifier then chinese", "auth-service证书过期", []string{certExpired}, nil},
		// Phrases.
		{"phrase of parts", `"connect timeout"`, []string{staleDNS, connectAgain, retryStorm, readTimeout}, []string{nilMap}},
		{"phrase order", `"timeout connect"`, nil, []string{staleDNS, retryStorm}},
		// Prefixes: the last word, while typed.
		{"prefix", "ConnectTim", []string{staleDNS, retryStorm, connectAgain, readTimeout}, []string{nilMap}},
		{"prefix of snake", "get_user_pro", []string{profileCache}, nil},
		{"no prefix after a space", "ConnectTim ", nil, []string{staleDNS}},
		{"chinese prefix", "证", []string{certExpired}, nil},
		// Several words: all words first.
		{"all words first", "redis timeout", []string{profileCache}, nil},
		{"tenacity read timeout", "tenacity ReadTimeout", []string{readTimeout}, nil},
		// Filters.
		{"severity", "severity:SEV1", []string{certExpired, staleDNS}, []string{profileCache}},
		{"service filter", "timeout service:payment-gateway", []string{readTimeout, staleDNS}, []string{profileCache, erpTimeout}},
		{"exception filter, newest first", "exception:ConnectTimeout", []string{connectAgain, staleDNS, retryStorm}, []string{profileCache, readTimeout}},
		{"tag filter", "tag:kafka", []string{kafkaAgain, kafka}, []string{profileCache}},
		{"status filter", "status:ready timeout", nil, []string{profileCache, staleDNS}},
		{"since until", "timeout since:2025-07 until:2025-12", []string{staleDNS}, []string{profileCache, readTimeout}},
		{"until a day", "until:2025-03-18", []string{profileCache}, []string{retryStorm}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := ix.Search(context.Background(), tt.query, 100)
			if err != nil {
				t.Fatal(err)
			}
			got := ids(hits)
			if len(got) < len(tt.first) || !slices.Equal(got[:len(tt.first)], tt.first) {
				t.Errorf("Search(%q) = %v, want first %v", tt.query, got, tt.first)
			}
			for _, id := range tt.absent {
				if slices.Contains(got, id) {
					t.Errorf("Search(%q) = %v, want no %s", tt.query, got, id)
				}
			}
		})
	}
}

// TestAllWordsFirst checks that every hit that matches all the words comes
// before any that does not, and that all_words says so.
func TestAllWordsFirst(t *testing.T) {
	ix := examples(t)
	for _, q := range []string{"redis timeout", "retry tenacity KeyError", "证书 timeout", `cache "socket timeout"`} {
		hits, err := ix.Search(context.Background(), q, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || !hits[0].AllWords {
			t.Fatalf("Search(%q): first hit does not match all words: %+v", q, hits)
		}
		seenPartial := false
		for _, h := range hits {
			if h.AllWords && seenPartial {
				t.Errorf("Search(%q): %s matches all words but comes after a partial match", q, h.ID)
			}
			seenPartial = seenPartial || !h.AllWords
		}
		if !seenPartial {
			t.Errorf("Search(%q): no partial match; the case tests nothing", q)
		}
	}
}

// TestRaisedFirst checks that within the reviews that match all words (and
// within those that do not), every review that raised what the query names
// comes before any that does not, and that raised says so.
func TestRaisedFirst(t *testing.T) {
	ix := examples(t)
	for _, q := range []string{"ConnectTimeout", "ConnectTimeout ", "timeout", "ReadTimeout retry", "KeyError tenacity"} {
		hits, err := ix.Search(context.Background(), q, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || !hits[0].Raised {
			t.Fatalf("Search(%q): first hit did not raise it: %v", q, ids(hits))
		}
		seenOther := false
		for i, h := range hits {
			if i > 0 && h.AllWords != hits[i-1].AllWords {
				seenOther = false // a new group
			}
			if h.Raised && seenOther {
				t.Errorf("Search(%q): %s raised it but comes after one that did not: %v", q, h.ID, ids(hits))
			}
			seenOther = seenOther || !h.Raised
		}
	}
}

func TestFragments(t *testing.T) {
	ix := examples(t)
	hits, err := ix.Search(context.Background(), "get_user_profile", 1)
	if err != nil || len(hits) != 1 {
		t.Fatalf("Search: %v, %v", hits, err)
	}
	f := hits[0].Fragments[0]
	if f.Field != "function" {
		t.Errorf("first fragment is of %s, want function (the highest boost that matched)", f.Field)
	}
	var marked []string
	for _, h := range f.Highlights {
		marked = append(marked, f.Text[h[0]:h[1]])
	}
	if got, want := strings.Join(marked, "|"), "get_user_profile"; got != want {
		t.Errorf("highlighted %q in %q, want %q", got, f.Text, want)
	}
}

func TestSearchErrors(t *testing.T) {
	ix := examples(t)
	for _, q := range []string{"", "   ", "--", "since:yesterday"} {
		if hits, err := ix.Search(context.Background(), q, 10); err == nil {
			t.Errorf("Search(%q) = %v, want an error", q, ids(hits))
		}
	}
}

func ExampleParse() {
	q, _ := Parse(`requests.exceptions.ConnectTimeout status='pending' "connect timeout" service:order-api 证书过期 ConnectTim`)
	for _, w := range q.Words {
		fmt.Println("word", w.Terms, w.Prefix)
	}
	for _, p := range q.Phrases {
		fmt.Println("phrase", p.Terms)
	}
	for _, f := range q.Filters {
		fmt.Println("filter", f.Key, f.Value)
	}
	// Output:
	// word [requests.exceptions.connecttimeout] false
	// word [status pending] false
	// word [证书 书过 过期] false
	// word [connecttim] true
	// phrase [connect timeout]
	// filter service order-api
}
