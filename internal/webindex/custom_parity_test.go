package webindex_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"

	"github.com/fupan/fupan/reviews"
)

// The custom fields of fupan.yaml filter in the browser as in Go
// (incident_id:INC-101), and their values are words of the text.
func TestCustomFieldParity(t *testing.T) {
	fsys := fstest.MapFS{"fupan.yaml": {Data: []byte("fields:\n  incident_id: {type: string, pattern: \"^INC-[0-9]+$\"}\n  detected_by: {type: list, enum: [alert, customer, engineer]}\n")}}
	var ids []string
	for name, f := range reviews.FS().(fstest.MapFS) {
		fsys[name] = f
		ids = append(ids, name)
	}
	slices.Sort(ids)
	// Custom values on three reviews: after the line "---" that opens the
	// front matter.
	for i, extra := range []string{
		"incident_id: INC-101\ndetected_by: [alert, customer]\n",
		"incident_id: INC-102\ndetected_by: [alert]\n",
		"incident_id: INC-103\n",
	} {
		data := string(fsys[ids[i]].Data)
		fsys[ids[i]] = &fstest.MapFile{Data: []byte("---\n" + extra + strings.TrimPrefix(data, "---\n"))}
	}
	b := buildSite(t, fsys, false)
	ctx := browser(t, b.srv.URL+"/search/")
	n := 0
	for _, q := range []string{
		"incident_id:INC-101", "incident_id:inc-102", "INCIDENT_ID:INC-103 incident_id:INC-101",
		"detected_by:alert", "detected_by:customer timeout", "incident_id:INC-999", "INC-102", "inc-10",
		"detected_by:alert severity:SEV2",
	} {
		hits, err := b.ix.Search(context.Background(), q, 20)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		want := make([]string, len(hits))
		for i, h := range hits {
			want[i] = h.ID
		}
		n += len(want)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](jsSearch(q, 20), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Errorf("search.js %q: %v", q, err)
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q:\n js %v\n go %v", q, got, want)
		}
	}
	if n == 0 {
		t.Error("no query found anything")
	}
}
