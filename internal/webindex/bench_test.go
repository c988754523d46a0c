package webindex_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/webindex"
)

// BenchmarkBrowser10k builds the site of 10,000 generated reviews with its
// search index, serves it gzipped on 127.0.0.1 and measures in Chromium:
// the bytes transferred (gzip, headers included) for the first query, a
// deep link to /search/?q=ConnectTimeout, scripts included; the time of
// each later query, typed a character at a time; and the size of the
// export. Goals: first query under 100 kB, later queries under 30 ms.
func BenchmarkBrowser10k(b *testing.B) {
	start := time.Now()
	s := buildSite(b, gen.MapFS(gen.Options{N: 10000, Seed: 1}), true)
	b.Logf("built in %v: %+v", time.Since(start).Round(time.Millisecond), s.stats)
	raw, gz, biggest := 0, 0, 0
	for name, data := range s.files {
		if strings.HasPrefix(name, webindex.Dir) {
			raw += len(data)
			n := gzipLen(data)
			gz += n
			biggest = max(biggest, n)
		}
	}
	ctx := browser(b, s.srv.URL+"/search/?q=ConnectTimeout")
	for b.Loop() {
		if err := chromedp.Do(ctx, chromedp.Navigate(s.srv.URL+"/search/?q=ConnectTimeout")); err != nil {
			b.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll("[data-review-id]").length > 0`)); err != nil {
			b.Fatal(err)
		}
		type resource struct {
			Name string
			Size float64
		}
		res, err := chromedp.Run(ctx, chromedp.Evaluate[[]resource](`performance.getEntriesByType("resource").map((e) => ({name: e.name, size: e.transferSize}))`))
		if err != nil {
			b.Fatal(err)
		}
		total := 0.0
		var lines []string
		for _, r := range res {
			if strings.Contains(r.Name, "/"+webindex.ClientDir) || strings.Contains(r.Name, "/"+webindex.Dir) {
				total += r.Size
				lines = append(lines, fmt.Sprintf("%6.0f %s", r.Size, r.Name[len(s.srv.URL):]))
			}
		}
		sort.Strings(lines)
		b.Logf("first query, %d files:\n%s", len(lines), strings.Join(lines, "\n"))
		b.ReportMetric(total/1e3, "first-query-kB")

		// Later queries, as typed.
		var typed []string
		for _, q := range []string{"requests.exceptions.ReadTimeout", "redis timeout service:order-api", `"connect timeout"`, "证书过期", "KeyError since:2024"} {
			for i := 1; i <= len(q); i++ {
				typed = append(typed, q[:i])
			}
		}
		type timing struct{ Total, Load, Rank, Cards float64 }
		ts, err := chromedp.Run(ctx, chromedp.Evaluate[[]timing](`(async () => {
  const m = await import("/assets/search/search.js");
  const s = await m.open(new URL(`+indexURL+`, location.href));
  await s.search("ConnectTimeout", 20);
  const out = [];
  for (const q of [...`+jsJSON(typed)+`, ...`+jsJSON(typed)+`]) {
    const t0 = performance.now();
    const r = await s.search(q, 20);
    out.push({total: performance.now() - t0, load: r.timing?.load ?? 0, rank: r.timing?.rank ?? 0, cards: r.timing?.cards ?? 0});
  }
  return out;
})()`, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		// The second time through, every file is loaded: ranking alone.
		warm := 0.0
		for _, x := range ts[len(typed):] {
			warm += x.Total
		}
		b.ReportMetric(warm/float64(len(typed)), "warm-ms/query")
		ts = ts[:len(typed)]
		ms := make([]float64, len(ts))
		var sumLoad, sumRank, sumCards float64
		for i, x := range ts {
			ms[i] = x.Total
			sumLoad += x.Load
			sumRank += x.Rank
			sumCards += x.Cards
		}
		b.ReportMetric(sumLoad/float64(len(ts)), "load-ms/query")
		b.ReportMetric(sumRank/float64(len(ts)), "rank-ms/query")
		b.ReportMetric(sumCards/float64(len(ts)), "cards-ms/query")
		sorted := append([]float64(nil), ms...)
		sort.Float64s(sorted)
		sum := 0.0
		for _, x := range ms {
			sum += x
		}
		b.ReportMetric(sum/float64(len(ms)), "ms/query")
		b.ReportMetric(sorted[len(sorted)/2], "median-ms/query")
		b.ReportMetric(sorted[len(sorted)*95/100], "p95-ms/query")
		b.ReportMetric(sorted[len(sorted)-1], "max-ms/query")
		worst := ""
		for i, x := range ms {
			if x > 30 {
				worst += fmt.Sprintf(" %q %.0f (load %.0f rank %.0f cards %.0f)", typed[i], x, ts[i].Load, ts[i].Rank, ts[i].Cards)
			}
		}
		b.Logf("%d queries typed; over 30 ms:%s", len(ms), worst)
		b.ReportMetric(float64(raw)/1e6, "export-MB")
		b.ReportMetric(float64(gz)/1e6, "export-gzip-MB")
		b.ReportMetric(float64(biggest)/1e3, "largest-file-gzip-kB")
	}
}

func gzipLen(data []byte) int {
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return z.Len()
}
