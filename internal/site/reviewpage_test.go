package site

import (
	"regexp"
	"strings"
	"testing"

	"github.com/fupan/fupan/reviews"
)

// TestReviewPage checks what a long review page gives its reader to find
// their way: a table of contents of the sections it has, the narrative
// nested under it and before the action items, the summary in one place,
// a banner on reviews not final, copy buttons' targets, labelled version
// chips and an edit link to the forge.
func TestReviewPage(t *testing.T) {
	files := build(t, reviews.Repo(), Options{Forge: "https://github.com/acme/reviews", Branch: "main"})
	page := func(id string) string {
		t.Helper()
		b, ok := files["reviews/"+id+"/index.html"]
		if !ok {
			t.Fatalf("no page for %s", id)
		}
		return string(b)
	}
	final := page("2025-03-18-profile-cache-redis-timeout")

	toc := regexp.MustCompile(`(?s)<nav class="toc"[^>]*>.*?</nav>`).FindString(final)
	if toc == "" {
		t.Fatal("no table of contents")
	}
	var ids []string
	for _, m := range regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(toc, -1) {
		ids = append(ids, m[1])
		if !strings.Contains(final, `id="`+m[1]+`"`) {
			t.Errorf("the contents link to #%s, which the page lacks", m[1])
		}
	}
	want := []string{"f-first-look", "f-window", "f-chain", "f-traceback", "f-reproduction", "f-config", "f-body", "timeline-utc8", "f-actions", "f-related"}
	i := 0
	for _, id := range ids {
		if i < len(want) && id == want[i] {
			i++
		}
	}
	if i < len(want) {
		t.Errorf("contents %v: missing %s in order %v", ids, want[i], want)
	}
	if !regexp.MustCompile(`(?s)href="#f-body">[^<]*</a><ol><li><a href="#timeline-utc8">`).MatchString(toc) {
		t.Errorf("the narrative's headings are not nested under it:\n%s", toc)
	}
	if strings.Contains(toc, `href="#summary"`) || strings.Contains(final, `<h2 id="summary">`) {
		t.Error("the body's Summary section is shown as a second summary")
	}
	if !strings.Contains(final, "it was busy answering") {
		t.Error("the text of the body's Summary section is lost")
	}
	if b, a := strings.Index(final, `id="f-body"`), strings.Index(final, `id="f-actions"`); b < 0 || a < 0 || b > a {
		t.Errorf("the narrative (at %d) is not before the action items (at %d)", b, a)
	}
	for _, want := range []string{
		`aria-labelledby="f-traceback" data-copy>`,
		`aria-labelledby="f-reproduction" data-copy>`,
		`<tr data-copy="settings.CACHE_SOCKET_TIMEOUT = 0.5">`,
		`<a class="edit" href="https://github.com/acme/reviews/edit/main/reviews/2025-03-18-profile-cache-redis-timeout.md">`,
		`<li class="chip"><span class="chip-name">redis-py</span><span class="chip-version">`,
	} {
		if !strings.Contains(final, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(final, `class="banner`) {
		t.Error("a final review has a banner")
	}
	for id, banner := range map[string]string{
		"2026-10-20-order-confirmation-kombu-operational-error": "banner-draft",
		"2026-08-18-invoice-charge-readtimeout-not-retried":     "banner-ready",
	} {
		if p := page(id); !strings.Contains(p, `<p class="banner `+banner+`" role="note">`) {
			t.Errorf("%s: no %s", id, banner)
		}
	}
}

func TestSplitSummary(t *testing.T) {
	for _, tt := range []struct{ name, body, summary, rest string }{
		{"summary first", "## Summary\n\nIt broke.\n\n## Timeline\n\nthen\n", "It broke.", "## Timeline\n\nthen\n"},
		{"chinese", "\n## 概要\n\n证书过期。\n\n## 影响\n", "证书过期。", "## 影响\n"},
		{"fence holds a heading", "## Summary\n\n```\n## not a heading\n```\n\n## Next\n", "```\n## not a heading\n```", "## Next\n"},
		{"summary only", "## TL;DR\n\nshort\n", "short", ""},
		{"other first", "## Timeline\n\n## Summary\n", "", "## Timeline\n\n## Summary\n"},
		{"no heading", "Just prose.\n", "", "Just prose.\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, r := splitSummary(tt.body)
			if s != tt.summary || r != tt.rest {
				t.Errorf("splitSummary(%q) = %q, %q; want %q, %q", tt.body, s, r, tt.summary, tt.rest)
			}
		})
	}
}

func TestVersionChips(t *testing.T) {
	got := versionChips([]string{"requests==2.32.3", "tenacity>=8.2", "python:3.12-slim", "redis 7.0.11", "openssl"})
	want := []VersionChip{{"requests", "2.32.3"}, {"tenacity", ">=8.2"}, {"python", "3.12-slim"}, {"redis", "7.0.11"}, {"openssl", ""}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("chip %d = %v, want %v", i, got[i], want[i])
		}
	}
}
