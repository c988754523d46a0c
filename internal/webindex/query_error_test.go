package webindex_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/reviews"
)

// TestQueryErrorsShown: a query that search.Parse refuses shows its error,
// in Go's words, on the search page and in the header's panel, and no
// result.
func TestQueryErrorsShown(t *testing.T) {
	b := buildSite(t, reviews.FS(), false)
	queries := []string{
		strings.Repeat("timeout ", 150), // 1,200 bytes
		strings.Repeat("a1 ", 65),       // 65 terms
		"🔥🔥",
		"timeout since:2025-13-45",
	}
	wantError := func(q string) string {
		t.Helper()
		_, err := search.Parse(q)
		if err == nil {
			t.Fatalf("Parse(%.30q…): no error", q)
		}
		return err.Error()
	}
	// shown polls until the element sel shows want and no result is shown.
	shown := func(ctx context.Context, sel, want string) {
		t.Helper()
		ctx2, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		expr := `(document.querySelector(` + jsString(sel) + `)?.textContent ?? "") === ` + jsString(want) +
			` && document.querySelectorAll("[data-review-id]").length === 0`
		if _, err := chromedp.Run(ctx2, chromedp.Poll[bool](expr)); err != nil {
			got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(`+jsString(sel)+`)?.textContent ?? "(none)"`))
			t.Errorf("%s shows %q, want %q (%v)", sel, got, want, err)
		}
	}

	for _, q := range queries {
		ctx := browser(t, b.srv.URL+"/search/?q="+urlQuery(q))
		shown(ctx, ".search-status", wantError(q))
	}

	ctx := browser(t, b.srv.URL+"/reviews/")
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!document.querySelector(".search-panel")`)); err != nil {
		t.Fatalf("the search interface did not mount: %v", err)
	}
	for _, q := range queries {
		set := `(() => { const q = document.getElementById("q"); q.value = ` + jsString(q) + `; q.dispatchEvent(new Event("input")); return true; })()`
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](set)); err != nil {
			t.Fatal(err)
		}
		shown(ctx, ".search-panel .search-status", wantError(q))
	}
}
