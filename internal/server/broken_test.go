package server

import (
	"html"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/reviews"
	"github.com/fupan/fupan/theme"
)

// 'fupan serve' started on a repository with a broken review serves: every
// valid review, the broken ones as pages that list their findings, and the
// problems to every page's overlay. Then a mended review is served as a
// review.
func TestServeBrokenAtStart(t *testing.T) {
	repo := fstest.MapFS{}
	for name, f := range reviews.FS().(fstest.MapFS) {
		repo[name] = f
	}
	// The draft 'fupan new' writes, its fields still empty.
	const draft = "reviews/2026-11-20-checkout-latency.md"
	tmpl, err := review.Template(review.NewReview{Title: "Checkout latency", Date: "2026-11-20"})
	if err != nil {
		t.Fatal(err)
	}
	repo[draft] = &fstest.MapFile{Data: tmpl}
	// A review whose front matter does not parse at all.
	const garbled = "reviews/2026-11-21-garbled.md"
	repo[garbled] = &fstest.MapFile{Data: []byte("---\ntitle: \"Garbled\ndate: 2026-11-21\n---\n")}

	var log strings.Builder
	srv, err := New(Config{Repo: repo, Site: site.Options{Theme: theme.FS()}, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close) // after readEvents' stream is closed

	code, home := get(t, ts.URL+"/")
	if code != 200 || !strings.Contains(home, "_fupan/live.js") {
		t.Fatalf("GET / = %d, live script %v; want 200 with it", code, strings.Contains(home, "_fupan/live.js"))
	}
	valid, err := review.Load(reviews.FS(), review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, rv := range valid.Reviews {
		code, page := get(t, ts.URL+"/reviews/"+rv.ID+"/")
		if code != 200 || !strings.Contains(page, html.EscapeString(rv.Title)) {
			t.Errorf("GET /reviews/%s/ = %d, title on it %v", rv.ID, code, strings.Contains(page, html.EscapeString(rv.Title)))
		}
	}
	if strings.Contains(home, "Checkout latency") {
		t.Error("the home page lists the broken draft")
	}

	for _, tc := range []struct{ id, want string }{
		{"2026-11-20-checkout-latency", draft + ":7:1</code> missing severity (required from status draft)"},
		{"2026-11-21-garbled", garbled + ":2:8</code> the quoted value opened here is never closed"},
	} {
		code, page := get(t, ts.URL+"/reviews/"+tc.id+"/")
		if code != 200 || !strings.Contains(page, tc.want) || !strings.Contains(page, "_fupan/live.js") {
			t.Errorf("GET /reviews/%s/ = %d; want 200, the live script and %q in:\n%s", tc.id, code, tc.want, page)
		}
	}
	if !strings.Contains(log.String(), "serving the reviews without errors") {
		t.Errorf("log:\n%s\nwant it to say what is served", log.String())
	}

	// Every page's overlay gets the problems.
	next := readEvents(t, ts.URL)
	if ev := next(); !strings.HasPrefix(ev, "problems ") || !strings.Contains(ev, draft) || !strings.Contains(ev, garbled) {
		t.Errorf("first event %q, want the problems of both files", ev)
	}

	// Mended, the draft is a review page; the site is the whole site.
	filled := strings.NewReplacer("\nseverity: ", "\nseverity: SEV3 ", "\nservices: []", "\nservices: [checkout]",
		"\nsummary: ", "\nsummary: p99 of checkout rose from 300 ms to 4 s for 20 minutes. ").Replace(string(tmpl))
	repo[draft] = &fstest.MapFile{Data: []byte(filled)}
	delete(repo, garbled)
	if err := srv.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if ev := next(); ev != "reload {}" {
		t.Fatalf("after mending: event %q, want reload; log:\n%s", ev, log.String())
	}
	if code, page := get(t, ts.URL+"/reviews/2026-11-20-checkout-latency/"); code != 200 || !strings.Contains(page, "<h1") || strings.Contains(page, "missing severity") {
		t.Errorf("after mending GET the draft's page = %d:\n%s", code, page)
	}
	if code, _ := get(t, ts.URL+"/reviews/2026-11-21-garbled/"); code != 404 {
		t.Errorf("GET the removed review's page = %d, want 404", code)
	}
}
