package site_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fupan/fupan/internal/browsertest"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/internal/webindex"
	"github.com/fupan/fupan/reviews"
	"github.com/fupan/fupan/theme"
)

// exampleSite builds the example repository's site with its search
// index, in the language lang ("" for the repository's own), and serves
// it on 127.0.0.1.
func exampleSite(t *testing.T, lang string) (site.Files, string) {
	t.Helper()
	fsys := reviews.Repo().(fstest.MapFS)
	if lang != "" {
		cfg := append([]byte("language: "+lang+"\n"), fsys["fupan.yaml"].Data...)
		fsys["fupan.yaml"] = &fstest.MapFile{Data: cfg, Mode: 0o644}
	}
	repo, err := review.Load(fsys, review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, err := site.Build(repo, site.Options{Theme: theme.FS(), Forge: "https://github.com/acme/reviews", Branch: "main"})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.Open(t.Context(), fsys, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := webindex.Write(files, ix, repo.Reviews); err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{}
	for name, data := range files {
		m[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	srv := httptest.NewServer(http.FileServerFS(m))
	t.Cleanup(srv.Close)
	return files, srv.URL
}

// pages are the HTML pages of files, sorted.
func pages(files site.Files) []string {
	var out []string
	for name := range files {
		if strings.HasSuffix(name, ".html") && !strings.HasPrefix(name, "assets/") {
			out = append(out, strings.TrimSuffix(name, "index.html"))
		}
	}
	sort.Strings(out)
	return out
}

// overflowJS lists what sticks out of the viewport on the right: the page
// scrolling sideways, an element whose right edge is beyond the viewport
// (unless a scrolling box holds it), text that does not wrap, and a box other than a code block
// that scrolls sideways itself (a table cut off).
const overflowJS = `(() => {
  const vw = innerWidth, bad = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") + " «" + (el.textContent || "").trim().slice(0, 40) + "»";
  const scroller = (el) => { const o = getComputedStyle(el).overflowX; return o === "auto" || o === "scroll" || o === "hidden" || o === "clip"; };
  const held = (el) => { for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (scroller(a)) return true; return false; };
  if (document.scrollingElement.scrollWidth > vw) bad.push("the page is " + document.scrollingElement.scrollWidth + " px wide");
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > vw + 0.5 && !held(el)) bad.push(name(el) + " ends at " + Math.round(r.right) + " px");
    if (scroller(el) && !el.closest("pre") && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).position !== "absolute") bad.push(name(el) + " scrolls sideways: " + el.scrollWidth + " px in " + el.clientWidth);
  }
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (!n.data.trim() || held(n)) continue;
    range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    if (r.right > vw + 0.5) bad.push("the text «" + n.data.trim().slice(0, 40) + "» in " + name(n.parentElement) + " ends at " + Math.round(r.right) + " px");
  }
  return bad.slice(0, 8);
})()`

// TestNothingWiderThanTheScreen loads every page of the example site, in
// English and in Chinese, at a phone's width and a laptop's, and fails
// on anything wider than the screen.
func TestNothingWiderThanTheScreen(t *testing.T) {
	ctx := browsertest.New(t)
	for _, lang := range []string{"", "zh-CN"} {
		files, url := exampleSite(t, lang)
		list := append(pages(files), "search/?q=timeout")
		for _, width := range []int64{390, 1280} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
				t.Fatal(err)
			}
			for _, p := range list {
				if lang != "" && !pageType(p) {
					continue // the Chinese site's pages of each type
				}
				bad := overflowOn(t, ctx, url+"/"+p)
				if len(bad) > 0 {
					t.Errorf("%s /%s at %d px:\n\t%s", cmpLang(lang), p, width, strings.Join(bad, "\n\t"))
				}
			}
		}
	}
}

// pageType reports whether p is one of the pages that show each type:
// the site-wide pages, the term indexes, a term page of each kind and
// every review.
func pageType(p string) bool {
	switch {
	case strings.Count(p, "/") <= 1, strings.HasPrefix(p, "reviews/"):
		return true
	}
	return strings.HasPrefix(p, "exceptions/") || strings.HasPrefix(p, "years/")
}

func cmpLang(lang string) string {
	if lang == "" {
		return "en"
	}
	return lang
}

func overflowOn(t *testing.T, ctx context.Context, url string) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("load %s: %v", url, err)
	}
	if strings.Contains(url, "?q=") {
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector(".search-hit") !== null`)); err != nil {
			t.Fatalf("%s: no results: %v", url, err)
		}
	}
	bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](overflowJS))
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return bad
}

// chartTextJS lists the text of the insights page's charts that is
// smaller than 10 px on the screen or cut off by the chart's edges.
const chartTextJS = `(() => {
  const bad = [];
  for (const svg of document.querySelectorAll("svg.chart")) {
    const box = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll("text")) {
      const px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
      const r = t.getBoundingClientRect();
      if (px < 10) bad.push("«" + t.textContent + "» is " + px.toFixed(1) + " px");
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5) bad.push("«" + t.textContent + "» is cut off");
    }
  }
  return bad.slice(0, 8);
})()`

// TestChartsLegible loads the insights page at a phone's width and a
// laptop's: every text of its charts is at least 10 px and inside them.
func TestChartsLegible(t *testing.T) {
	ctx := browsertest.New(t)
	_, url := exampleSite(t, "")
	for _, width := range []int64{390, 1280} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(url+"/insights/")); err != nil {
			t.Fatal(err)
		}
		bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](chartTextJS))
		if err != nil {
			t.Fatal(err)
		}
		if len(bad) > 0 {
			t.Errorf("at %d px:\n\t%s", width, strings.Join(bad, "\n\t"))
		}
	}
}

// TestSearchPage checks the search page and the as-you-type panel in
// Chromium: the result count, a severity badge on every hit, the year
// filter following since:/until: in the query, the matching text under
// each title in the panel, and the hint of the "/" shortcut.
func TestSearchPage(t *testing.T) {
	ctx := browsertest.New(t)
	_, url := exampleSite(t, "")
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	wait := func(js string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js)); err != nil {
			t.Fatalf("waiting for %s: %v", js, err)
		}
	}
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/search/?q=timeout")); err != nil {
		t.Fatal(err)
	}
	wait(`document.querySelectorAll(".search-hit").length > 0 && document.querySelector("select[name=filter-year]") !== null`)
	n := eval(`String(document.querySelectorAll(".search-hit").length)`)
	if got := eval(`document.querySelector(".search-status").textContent`); got != n+" reviews" {
		t.Errorf("status %q, want %q", got, n+" reviews")
	}
	if got := eval(`String([...document.querySelectorAll(".search-hit")].every((h) => /^SEV\d$/.test(h.querySelector(".search-facts .sev")?.textContent ?? "")))`); got != "true" {
		t.Error("a hit without its severity badge")
	}
	for _, tt := range []struct{ query, year string }{
		{"timeout since:2025 until:2025", "2025"},
		{"timeout since:2025-01-01 until:2025-12-31", "2025"},
		{"timeout since:2025 until:2026", "custom"},
		{"timeout since:2026-03-01", "custom"},
		{"timeout", ""},
	} {
		got := eval(`(() => { const q = document.getElementById("q"); q.value = ` + jsString(tt.query) + `; q.dispatchEvent(new Event("input")); return document.querySelector("select[name=filter-year]").value; })()`)
		if got != tt.year {
			t.Errorf("query %q: the year filter shows %q, want %q", tt.query, got, tt.year)
		}
	}
	got := eval(`(() => { const s = document.querySelector("select[name=filter-year]"); s.value = "2026"; s.dispatchEvent(new Event("change")); return document.getElementById("q").value.trim(); })()`)
	if got != "timeout since:2026 until:2026" {
		t.Errorf("choosing 2026 gives the query %q", got)
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/")); err != nil {
		t.Fatal(err)
	}
	if got := eval(`(() => { const k = document.querySelector("#q + kbd.search-key"); return k ? k.textContent + " " + getComputedStyle(k).visibility : "none"; })()`); got != "/ visible" {
		t.Errorf("the / hint: %q", got)
	}
	eval(`(() => { const q = document.getElementById("q"); q.focus(); q.value = "KEYS"; q.dispatchEvent(new Event("input")); return ""; })()`)
	wait(`document.querySelectorAll(".search-panel .search-hit").length > 0`)
	if got := eval(`String([...document.querySelectorAll(".search-panel .search-hit")].some((h) => h.querySelector(".search-snippet mark")))`); got != "true" {
		t.Errorf("no hit of the panel shows its matching text: %s", eval(`document.querySelector(".search-panel").innerText`))
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestPageScripts checks what site.js adds in Chromium: the "Only overdue"
// switch of the actions page, which leaves only the overdue rows, and the
// copy buttons of a review's traceback, reproduction and config lines.
func TestPageScripts(t *testing.T) {
	ctx := browsertest.New(t)
	_, url := exampleSite(t, "")
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	type rows struct{ Visible, Overdue, All int }
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/actions/")); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[rows](`(() => {
  const box = document.querySelector("[data-overdue-filter]");
  if (!box || box.closest("[hidden]")) return { visible: -1 };
  // Two rows overdue whatever the day: due dates long past.
  const trs = [...document.querySelectorAll("table.actions tbody tr")];
  trs.slice(0, 2).forEach((tr) => tr.classList.add("overdue"));
  box.click();
  const visible = trs.filter((tr) => tr.offsetParent !== null);
  return { visible: visible.length, overdue: visible.filter((tr) => tr.classList.contains("overdue")).length, all: trs.length };
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if got.Visible != 2 || got.Overdue != 2 || got.All < 3 {
		t.Errorf("only overdue: %d rows shown, %d of them overdue, of %d; want the 2 overdue", got.Visible, got.Overdue, got.All)
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/reviews/2025-03-18-profile-cache-redis-timeout/")); err != nil {
		t.Fatal(err)
	}
	where, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("button.copy")].map((b) => (b.closest("section") || b.closest("aside")).querySelector("h2").id)`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"f-first-look": true, "f-traceback": true, "f-reproduction": true, "f-config": true}
	for _, id := range where {
		delete(want, id)
	}
	if len(want) > 0 {
		t.Errorf("copy buttons in %v; none in %v", where, want)
	}
}
