package webindex_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/internal/traceback"
	"github.com/fupan/fupan/reviews"
)

// TestParseParity requires search.js's parse to read every query as
// search.Parse does.
func TestParseParity(t *testing.T) {
	queries := []string{
		`requests.exceptions.ConnectTimeout status='pending' "connect timeout" service:order-api 证书过期 ConnectTim`,
		"ConnectTim ", "get_user_pro", "证", "a", "é", "--", "", "   ", `"unclosed phrase`, `"" x`,
		"SERVICE:Order-API severity:SEV1 tag:kafka status:ready", "since:2025 until:2025-12-31", "since:yesterday",
		"service:", ":value", "key:value", "exception:requests.exceptions.ReadTimeout", "redis超时了 timeout",
		"证书过期SSLError", "x OR redis超时 y", "-redis超时 连接redis超时", "タイムアウトerror",
		"HTTPError p50", "settings.CACHE_TIMEOUT\tmax.poll.interval.ms\u00a0x", "İstanbul ΣΑΣ", `a"b c"d`,
		"redis://prod-cache:6379/0?timeout=5", "x\u3000y", "\u0085z",
		// OR, -word, and the parts of identifiers.
		"a OR b", `a OR "b c" OR d e`, "OR a", "a OR", "a OR  ", "a OR service:x b", "-a b -1 --x -é",
		"exceptions.ReadTimeout celery@5.3.6 HTTPError", "a OR -b c", `"" OR a`, "x OR OR y",
		// Dates that do not exist, and the forms of a date.
		"since:2025-13-45", "UNTIL:2025-00", "until:2025-02-30", "until:2100-02-29", "since:2024-02-29",
		"since:2000-02-29", "since:0000-02-29", "since:2024-04-00", "since:2024-04-31", "since:2025-01-01T00:00",
		"since:2025-12-31 until:2026", "since:2025-1",
		// Nothing to search for.
		"🔥🔥", " 🔥🔥 ", `-- "" ?`, `"`, strings.Repeat("x", 65), "\u3000🔥\u0085",
		// The limits: bytes (UTF-8, not UTF-16), then terms.
		strings.Repeat("x", 1000), strings.Repeat("x", 1001), strings.Repeat("é", 500), strings.Repeat("é", 501),
		strings.Repeat("🔥", 250), strings.Repeat("🔥", 251), strings.Repeat("timeout ", 15000),
		strings.Repeat("a1 ", 64), strings.Repeat("a1 ", 65), strings.Repeat("a1 ", 65) + "since:2025-13",
		cjk(65), cjk(66), `"` + strings.Repeat("connect timeout ", 32) + `"`, `"` + strings.Repeat("connect timeout ", 33) + `"`,
		strings.Repeat("service:order-api ", 55),
	}
	ctx := clientPage(t, "")
	in, _ := json.Marshal(queries)
	got := evaluate[[]json.RawMessage](t, ctx, `(async () => {
  const m = await import("/assets/search/search.js");
  return `+string(in)+`.map((q) => { try { return m.parse(q); } catch (e) { return {error: e.message}; } });
})()`)
	for i, q := range queries {
		want, werr := search.Parse(q)
		var js struct {
			search.Query
			Error string
		}
		if err := json.Unmarshal(got[i], &js); err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if (werr != nil) != (js.Error != "") {
			t.Errorf("Parse(%q): Go error %v, JavaScript error %q", q, werr, js.Error)
			continue
		}
		if werr != nil {
			if werr.Error() != js.Error {
				t.Errorf("Parse(%q): errors differ:\n go %s\n js %s", q, werr, js.Error)
			}
			continue
		}
		if diff := cmp.Diff(want, js.Query, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Parse(%q) (-go +js):\n%s", q, diff)
		}
	}
}

// cjk returns n different CJK ideographs: a run of n-1 different bigrams.
func cjk(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteRune(rune(0x4e00 + 7*i))
	}
	return b.String()
}

// TestTracebackParity requires traceback.js to parse the traceback of
// every example review and of 400 generated ones (Python, Java, Go) as
// internal/traceback does.
func TestTracebackParity(t *testing.T) {
	var texts []string
	for _, fsys := range []fs.FS{reviews.FS(), gen.MapFS(gen.Options{N: 400, Seed: 3})} {
		repo, err := review.Load(fsys, review.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range repo.Reviews {
			if r.Traceback != "" {
				texts = append(texts, r.Traceback)
			}
		}
	}
	texts = append(texts, "", "not a traceback", "panic:", "Traceback (most recent call last):\n  File \"x.py\", line 1, in f\n",
		"java.lang.IllegalStateException: boom\nCaused by: 42\n")
	got := timedEach(t, clientPage(t, ""), "search/traceback.js", "parse", texts, 1)
	for i, text := range texts {
		want, werr := traceback.Parse(text)
		sameTraceback(t, fmt.Sprintf("traceback %d %q", i, text), want, werr, got[i])
	}
	t.Logf("%d texts", len(texts))
}

// TestParseLogParity pastes every example traceback after lines of a log,
// indented or not, and texts with no traceback, and requires the
// JavaScript parseLog (parselog.js) to find what search.ParseLog finds.
func TestParseLogParity(t *testing.T) {
	repo, err := review.Load(reviews.FS(), review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const noise = "2026-01-01 12:00:01 INFO request handled in 12ms\nINFO: started\nWARN slow: 2.4s\n\n"
	texts := []string{"", "\n\n", noise, "KeyError: 'x'\n"}
	for _, r := range repo.Reviews {
		if r.Traceback == "" {
			continue
		}
		texts = append(texts, noise+r.Traceback, noise+"    "+strings.ReplaceAll(r.Traceback, "\n", "\n    "))
	}
	got := timedEach(t, clientPage(t, ""), "search/parselog.js", "parseLog", texts, 1)
	for i, text := range texts {
		want, werr := search.ParseLog(text)
		sameTraceback(t, fmt.Sprintf("text %d %q", i, text), want, werr, got[i])
	}
}
