package search

import (
	"context"
	"slices"
	"testing"
	"testing/fstest"
)

// TestFilterNames: a filter value has no spaces, so a service or tag of
// several words is found with any spelling of the gaps between them, as
// people type it; other values, and other filters, match as they are.
func TestFilterNames(t *testing.T) {
	const review = "---\ntitle: %s\ndate: 2026-01-0%d\nstatus: draft\nseverity: SEV3\nservices: [%s]\ntags: [%s]\nsummary: 3%% of requests failed for 12 minutes.\n---\n"
	fsys := fstest.MapFS{
		"reviews/2026-01-01-a.md": {Data: []byte(sprintf(review, "Stack Exchange outage", 1, "Stack Exchange", "power loss"))},
		"reviews/2026-01-02-b.md": {Data: []byte(sprintf(review, "Order API outage", 2, "order-api", "data center"))},
		"reviews/2026-01-03-c.md": {Data: []byte(sprintf(review, "Sentry outage", 3, `"Sentry (hosted)"`, "db_failover"))},
		"reviews/2026-01-04-d.md": {Data: []byte(sprintf(review, "Stack outage", 4, "stack", "power"))},
	}
	ix := openFS(t, fsys)
	tests := []struct {
		query string
		want  []string
		notes int // notes that a value matches no review
	}{
		{"service:stack-exchange outage", []string{"2026-01-01-a"}, 0},
		{"service:Stack_Exchange", []string{"2026-01-01-a"}, 0},
		{`service:stack-exchange`, []string{"2026-01-01-a"}, 0},
		{"service:order_api", []string{"2026-01-02-b"}, 0},
		{"service:order-api", []string{"2026-01-02-b"}, 0},
		{"service:sentry-hosted", []string{"2026-01-03-c"}, 0},
		{"tag:power-loss", []string{"2026-01-01-a"}, 0},
		{"tag:data_center", []string{"2026-01-02-b"}, 0},
		{"tag:db-failover", []string{"2026-01-03-c"}, 0},
		// A name is still a whole name: stack is not Stack Exchange.
		{"service:stack", []string{"2026-01-04-d"}, 0},
		{"tag:power", []string{"2026-01-04-d"}, 0},
		{"service:exchange", nil, 1},
		{"service:stackexchange", nil, 1},
	}
	for _, tt := range tests {
		res, err := ix.Query(context.Background(), tt.query, 10)
		if err != nil {
			t.Errorf("Query(%q): %v", tt.query, err)
			continue
		}
		if got := ids(res.Hits); !slices.Equal(got, tt.want) {
			t.Errorf("Query(%q) = %v, want %v", tt.query, got, tt.want)
		}
		if len(res.Notes) != tt.notes {
			t.Errorf("Query(%q) notes %q, want %d", tt.query, res.Notes, tt.notes)
		}
	}
	// The nearest name is given as it can be typed.
	res, err := ix.Query(context.Background(), "service:stackexchange", 10)
	if want := "service:stackexchange matches no review; did you mean service:stack-exchange?"; err != nil || !slices.Equal(res.Notes, []string{want}) {
		t.Errorf("Query(service:stackexchange) notes %q, %v; want %q", res.Notes, err, want)
	}
}

func TestNameKey(t *testing.T) {
	for in, want := range map[string]string{
		"stack exchange": "stack-exchange", "stack-exchange": "stack-exchange", "stack_exchange": "stack-exchange",
		" sentry (hosted) ": "sentry-hosted", "incident.io": "incident.io", "github.com": "github.com",
		"order--api": "order-api", "支付 网关": "支付-网关", "": "", "--": "",
	} {
		if got := nameKey(in); got != want {
			t.Errorf("nameKey(%q) = %q, want %q", in, got, want)
		}
	}
}
