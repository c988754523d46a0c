package search

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestWordsInARow: of the reviews that hold every word of a query, those
// that hold them in a row, as typed, come first, though the others hold
// them more often; all of them match all the words. A query with a
// phrase or an OR has no such unit, nor one whose run the index cannot
// hold or that is too long.
func TestWordsInARow(t *testing.T) {
	const head = "---\ntitle: %s\ndate: 2026-01-0%d\nstatus: draft\nseverity: SEV3\nservices: [checkout]\nsummary: 3%% of checkouts failed for 12 minutes.\n---\n\n"
	apart := strings.Repeat("Pool full, connection slow, workers exhausted. ", 4)
	filler := strings.Repeat("Orders queued while the payment provider answered late and the cart page stalled. ", 8)
	fsys := fstest.MapFS{
		"reviews/2026-01-01-row.md":   {Data: []byte(sprintf(head, "Checkout failures", 1) + "The connection pool exhausted its slots at noon. " + filler + "\n")},
		"reviews/2026-01-02-apart.md": {Data: []byte(sprintf(head, "Checkout failures", 2) + apart + "\n")},
		"reviews/2026-01-03-none.md":  {Data: []byte(sprintf(head, "Checkout failures", 3) + "A connection was refused.\n")},
	}
	ix := openFS(t, fsys)
	tests := []struct {
		query string
		want  []string
		all   []bool
	}{
		{"connection pool exhausted", []string{"2026-01-01-row", "2026-01-02-apart", "2026-01-03-none"}, []bool{true, true, false}},
		{"Connection Pool Exhausted.", []string{"2026-01-01-row", "2026-01-02-apart", "2026-01-03-none"}, []bool{true, true, false}},
		{"connection pool exhausted -refused", []string{"2026-01-01-row", "2026-01-02-apart"}, []bool{true, true}},
		// Out of order, or with a phrase or an OR: by score alone.
		{"exhausted pool connection", []string{"2026-01-02-apart", "2026-01-01-row", "2026-01-03-none"}, []bool{true, true, false}},
		{`connection "pool" exhausted`, []string{"2026-01-02-apart", "2026-01-01-row", "2026-01-03-none"}, []bool{true, true, false}},
	}
	for _, tt := range tests {
		hits, err := ix.Search(context.Background(), tt.query, 10)
		if err != nil {
			t.Fatalf("Search(%q): %v", tt.query, err)
		}
		var all []bool
		for _, h := range hits {
			all = append(all, h.AllWords)
		}
		if got := ids(hits); !slices.Equal(got, tt.want) || !slices.Equal(all, tt.all) {
			t.Errorf("Search(%q) = %v, all words %v; want %v, %v", tt.query, got, all, tt.want, tt.all)
		}
	}
	for q, want := range map[string]bool{
		"connection pool exhausted": true, "connection -pool exhausted": true, "connection": false,
		`connection "pool"`: false, "connection OR pool": false, "connection pool service:checkout": true,
		"证书过期": false, "connection超时": false, // 超时 is in no review
		"connection pool exhasted":                  false, // a typo: no review holds the run
		strings.Repeat("connection pool ", 8) + "x": false, // 17 terms
		strings.Repeat("connection pool ", 8):       true,  // 16 terms
	} {
		p, err := ix.Plan(q)
		if err != nil {
			t.Fatal(err)
		}
		got := len(p.Units) > 0 && p.Units[len(p.Units)-1].InARow
		if got != want {
			t.Errorf("Plan(%q): a unit of the words in a row %v, want %v", q, got, want)
		}
	}
}
