package recurrence

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/traceback"
)

// failure describes a review for the tests: its date, service, exception
// (the final one), dependency, function and, optionally, a traceback.
type failure struct {
	date, service, exception, dependency, function, traceback string
}

func (f failure) review(id string) *review.Review {
	r := &review.Review{ID: f.date + "-" + id, Path: "reviews/" + f.date + "-" + id + ".md", Date: f.date,
		Services: []string{f.service},
		Failure:  review.Failure{Dependency: f.dependency, Function: f.function}}
	if f.exception != "" {
		r.Failure.Exceptions = []string{f.exception}
	}
	if f.traceback != "" {
		tb, err := traceback.Parse(f.traceback)
		if err != nil {
			panic(err)
		}
		r.Parsed = tb
	}
	return r
}

const pyTrace = `Traceback (most recent call last):
  File "/app/api/v1/order.py", line 88, in create_order
    profile = cache.get_user_profile(user_id)
  File "/app/cache.py", line 42, in load_profile
    raw = client.get(f"profile:{user_id}")
  File "/usr/lib/python3/site-packages/redis/connection.py", line 611, in connect
    sock = self.retry.call_with_retry(self._connect)
%s: Timeout connecting to server
`

// unrelated are reviews in other services that raise TimeoutError, the
// common exception: enough of them to make it common.
var unrelated = []failure{
	{"2024-01-05", "search-api", "TimeoutError", "es-cluster:9200", "search_products", ""},
	{"2024-02-11", "mailer", "asyncio.TimeoutError", "smtp.internal:25", "send_mail", ""},
	{"2024-03-20", "billing", "TimeoutError", "https://api.stripe.com/v1/charges", "charge", ""},
	{"2024-04-02", "reports", "TimeoutError", "warehouse-db:5432", "export_report", ""},
	{"2024-05-17", "auth", "TimeoutError", "ldap.internal:636", "bind_user", ""},
}

func TestMatchTable(t *testing.T) {
	for _, c := range []struct {
		name        string
		before, now failure
		match       bool
		wantReasons []string
	}{
		{"same exception and dependency, other port and database",
			failure{"2025-04-22", "stock-api", "requests.exceptions.ReadTimeout", "http://erp-gw:8080/soap", "query_stock", ""},
			failure{"2026-07-08", "order-api", "ReadTimeout", "https://erp-gw:8443/rest/v2", "reserve", ""},
			true, []string{ReasonException, ReasonDependency}},
		{"same exception in the same function",
			failure{"2025-03-18", "profile-api", "redis.exceptions.ConnectionError", "redis://prod-cache:6379", "cache.get_user_profile()", ""},
			failure{"2026-01-02", "export", "ConnectionError", "", "get_user_profile", ""},
			true, []string{ReasonException, ReasonFunction}},
		{"same dependency and function, other exception",
			failure{"2025-03-18", "profile-api", "ConnectionError", "redis://prod-cache:6379/0", "get_user_profile()", ""},
			failure{"2026-01-02", "profile-api", "TimeoutError", "redis://prod-cache:6380/1", "cache.get_user_profile", ""},
			true, []string{ReasonDependency, ReasonFunction, ReasonService}},
		{"same exception and a similar traceback",
			failure{"2025-03-18", "profile-api", "redis.exceptions.ConnectionError", "", "", fmt.Sprintf(pyTrace, "redis.exceptions.ConnectionError")},
			failure{"2026-01-02", "order-api", "redis.exceptions.ConnectionError", "", "", fmt.Sprintf(pyTrace, "redis.exceptions.ConnectionError")},
			true, []string{ReasonException, ReasonTraceback}},
		{"the same service alone",
			failure{"2025-03-18", "order-api", "KeyError", "", "parse_items", ""},
			failure{"2026-01-02", "order-api", "ValueError", "", "price_of", ""},
			false, nil},
		{"a rare exception alone",
			failure{"2025-03-18", "order-api", "kafka.errors.CommitFailedError", "", "", ""},
			failure{"2026-01-02", "stock-consumer", "CommitFailedError", "", "", ""},
			false, nil},
		{"a rare exception in the same service",
			failure{"2025-03-18", "order-api", "psycopg2.errors.DeadlockDetected", "", "", ""},
			failure{"2026-01-02", "order-api", "DeadlockDetected", "", "", ""},
			false, nil},
		{"a dependency alone",
			failure{"2025-03-18", "order-api", "KeyError", "redis://prod-cache:6379", "", ""},
			failure{"2026-01-02", "stock-api", "ValueError", "prod-cache:6379", "", ""},
			false, nil},
		{"the common exception against other dependencies in one service",
			failure{"2025-03-18", "search-api", "TimeoutError", "es-cluster:9200", "", ""},
			failure{"2026-01-02", "search-api", "TimeoutError", "redis://prod-cache", "", ""},
			false, nil},
		{"the common exception against one dependency in one service",
			failure{"2025-03-18", "search-api", "TimeoutError", "es-cluster:9200", "", ""},
			failure{"2026-01-02", "search-api", "TimeoutError", "http://es-cluster:9201/products", "", ""},
			true, []string{ReasonException, ReasonDependency, ReasonService}},
		{"the common exception against one dependency from another service",
			failure{"2025-03-18", "search-api", "TimeoutError", "es-cluster:9200", "", ""},
			failure{"2026-01-02", "indexer", "TimeoutError", "es-cluster:9200", "", ""},
			false, nil},
		{"a generic function name is no failing function",
			failure{"2025-03-18", "a", "KeyError", "", "main()", ""},
			failure{"2026-01-02", "b", "KeyError", "", "main", ""},
			false, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var rs []*review.Review
			for i, f := range unrelated {
				rs = append(rs, f.review(fmt.Sprintf("unrelated-%d", i)))
			}
			before, now := c.before.review("before"), c.now.review("now")
			rs = append(rs, before, now)
			ix := New(rs)
			ms := ix.SeenBefore(now, 0)
			got := slices.IndexFunc(ms, func(m Match) bool { return m.Review == before })
			if (got >= 0) != c.match {
				t.Fatalf("match = %v, want %v (matches: %v)", got >= 0, c.match, ids(ms))
			}
			if c.match {
				if m := ms[got]; !slices.Equal(m.Kinds, c.wantReasons) {
					t.Errorf("reasons %v, want %v", m.Kinds, c.wantReasons)
				}
				again := ix.SeenAgain(before, 0)
				if !slices.ContainsFunc(again, func(m Match) bool { return m.Review == now }) {
					t.Errorf("seen again of the earlier review misses the later one: %v", ids(again))
				}
			}
			if len(ix.SeenAgain(now, 0)) != 0 {
				t.Errorf("the latest review is seen again in %v", ids(ix.SeenAgain(now, 0)))
			}
		})
	}
}

// TestCommonExceptionAlone: no two of the unrelated reviews match,
// although all raised TimeoutError.
func TestCommonExceptionAlone(t *testing.T) {
	var rs []*review.Review
	for i, f := range unrelated {
		rs = append(rs, f.review(fmt.Sprintf("u%d", i)))
	}
	ix := New(rs)
	for _, r := range rs {
		if ms := ix.Like(r, 0); len(ms) > 0 {
			t.Errorf("%s is like %v", r.ID, ids(ms))
		}
	}
}

func TestRankAndMessage(t *testing.T) {
	old := failure{"2024-06-01", "stock-api", "ReadTimeout", "erp-gw:8080", "query_stock", ""}.review("old")
	old.Actions = []review.Action{{Do: "retry with backoff", Owner: "team-stock", Status: "done"}}
	recent := failure{"2025-04-22", "stock-api", "ReadTimeout", "erp-gw:8080", "other", ""}.review("recent")
	recent.Actions = []review.Action{
		{Do: "shared client with backoff_factor", Owner: "team-platform", Status: "open", Due: "2025-06-30"},
		{Do: "alert on erp latency", Owner: "team-stock", Status: "wontfix"},
	}
	now := failure{"2026-07-08", "stock-api", "requests.exceptions.ReadTimeout", "http://erp-gw/soap", "query_stock", ""}.review("now")
	ix := New([]*review.Review{old, recent, now})
	ms := ix.SeenBefore(now, 0)
	if got, want := ids(ms), []string{old.ID, recent.ID}; !slices.Equal(got, want) {
		t.Fatalf("seen before %v, want %v (the one sharing the function ranks first)", got, want)
	}
	msg, open := Message(ms[1])
	want := "seen before in 2025-04-22-recent (same exception, dependency and service); its action 'shared client with backoff_factor' (team-platform, due 2025-06-30) is still open, and 1 more not done"
	if msg != want || !open {
		t.Errorf("Message = %q, %v\nwant      %q, true", msg, open, want)
	}
	if msg, open := Message(ms[0]); open || !strings.HasSuffix(msg, "its actions are done") {
		t.Errorf("Message = %q, %v", msg, open)
	}
}

func ids(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Review.ID)
	}
	return out
}

func TestRecurring(t *testing.T) {
	a := failure{"2024-06-01", "stock-api", "ReadTimeout", "erp-gw:8080", "query_stock", ""}.review("a")
	a.Actions = []review.Action{{Do: "backoff", Owner: "team-platform", Status: "open"}, {Do: "alert", Owner: "team-stock", Status: "done"}}
	b := failure{"2025-04-22", "stock-api", "requests.exceptions.ReadTimeout", "http://erp-gw/soap", "other", ""}.review("b")
	c := failure{"2026-07-08", "stock-api", "KeyError", "erp-gw:8080", "query_stock", ""}.review("c") // like a, not like b
	lone := failure{"2026-01-01", "mailer", "SMTPException", "smtp:25", "send", ""}.review("lone")
	var rs []*review.Review
	for i, f := range unrelated {
		rs = append(rs, f.review(fmt.Sprintf("u%d", i)))
	}
	rs = append(rs, c, lone, b, a)
	got := New(rs).Recurring()
	if len(got) != 1 {
		t.Fatalf("%d recurring failures, want 1", len(got))
	}
	f := got[0]
	if ids := idsOf(f.Reviews); !slices.Equal(ids, []string{a.ID, b.ID, c.ID}) {
		t.Errorf("reviews %v, want a, b, c oldest first (c joins through a)", ids)
	}
	if f.Exception != "ReadTimeout" || f.Dependency != "erp-gw:8080" {
		t.Errorf("named %q, %q", f.Exception, f.Dependency)
	}
	if len(f.Outstanding) != 1 || f.Outstanding[0].Do != "backoff" || !f.Outstanding[0].Recurred {
		t.Errorf("outstanding %+v", f.Outstanding)
	}
}

func idsOf(rs []*review.Review) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}
