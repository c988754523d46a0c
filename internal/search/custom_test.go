package search

import (
	"context"
	"fmt"
	"testing"
	"testing/fstest"
)

// The custom fields of fupan.yaml are filters, name:value, and their
// values are searchable words.
func TestCustomFieldFilter(t *testing.T) {
	const head = "---\ntitle: %s\ndate: 2026-01-0%d\nstatus: draft\nseverity: SEV3\nservices: [checkout]\nsummary: 3%% of checkouts failed for 12 minutes.\n"
	fsys := fstest.MapFS{
		"fupan.yaml":              {Data: []byte("fields:\n  incident_id: {type: string}\n  detected_by: {type: list}\n")},
		"reviews/2026-01-01-a.md": {Data: []byte(sprintf(head, "Checkout 502s", 1) + "incident_id: INC-123\ndetected_by: [alert, customer]\n---\n")},
		"reviews/2026-01-02-b.md": {Data: []byte(sprintf(head, "Checkout timeouts", 2) + "incident_id: INC-124\ndetected_by: [alert]\n---\n")},
		"reviews/2026-01-03-c.md": {Data: []byte(sprintf(head, "Checkout slow", 3) + "---\n")},
	}
	ix, err := Open(context.Background(), fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	keys, err := ix.CustomKeys()
	if err != nil || len(keys) != 2 || keys[0] != "detected_by" || keys[1] != "incident_id" {
		t.Fatalf("CustomKeys = %v, %v; want [detected_by incident_id]", keys, err)
	}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"incident_id:INC-123", []string{"2026-01-01-a"}},
		{"incident_id:inc-124", []string{"2026-01-02-b"}},
		{"INCIDENT_ID:INC-123 checkout", []string{"2026-01-01-a"}},
		{"incident_id:INC-123 incident_id:INC-124", []string{"2026-01-02-b", "2026-01-01-a"}},
		{"detected_by:customer", []string{"2026-01-01-a"}},
		{"detected_by:alert", []string{"2026-01-02-b", "2026-01-01-a"}},
		{"incident_id:INC-999", nil},
		{"INC-124", []string{"2026-01-02-b"}},
		// Not a custom field: a word, as before.
		{"redis:6379", nil},
	} {
		hits, err := ix.Search(context.Background(), tc.query, 10)
		if err != nil {
			t.Errorf("%q: %v", tc.query, err)
			continue
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.ID)
		}
		if !equal(got, tc.want) {
			t.Errorf("%q: got %v, want %v", tc.query, got, tc.want)
		}
		// Query, which fupan search runs, reads the custom fields too.
		res, err := ix.Query(context.Background(), tc.query, 10)
		if err != nil {
			t.Errorf("Query(%q): %v", tc.query, err)
			continue
		}
		if got := ids(res.Hits); !equal(got, tc.want) {
			t.Errorf("Query(%q): got %v, want %v", tc.query, got, tc.want)
		}
	}
	q, err := Parse("incident_id:INC-123")
	if err != nil || len(q.Filters) != 0 || len(q.Words) != 1 {
		t.Errorf("Parse without custom keys: %+v, %v; want a word", q, err)
	}
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
