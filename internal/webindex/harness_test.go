package webindex_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fupan/fupan/internal/browsertest"
	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/internal/traceback"
	"github.com/fupan/fupan/internal/webindex"
)

// The browser harness of this package's tests: a site served on
// 127.0.0.1 (serve), a Chromium tab on one of its pages (browser), the
// search client alone under /assets/search/ with a page that runs a
// module (clientPage), and what runs in that page (evaluate, jsString).

// clientPage serves the search client (webindex.Client) under
// /assets/search/ and, at /, a blank page that runs module, a module
// script (it may import the client's modules, or be ""), and returns a
// browser on the page once the module has run.
func clientPage(t testing.TB, module string) context.Context {
	t.Helper()
	files := webindex.Client()
	files["index.html"] = []byte(`<!doctype html><meta charset="utf-8"><title>parity</title>
<script type="module">
` + module + `
document.title = "ready";
</script>`)
	srv := httptest.NewServer(serve(files))
	t.Cleanup(srv.Close)
	ctx := browser(t, srv.URL)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.title === "ready"`)); err != nil {
		t.Fatalf("run the page's module: %v", err)
	}
	return ctx
}

// evaluate runs the expression js in the page, waiting for it when it is
// a promise, and returns its value; it fails t when js throws.
func evaluate[T any](t testing.TB, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// serve serves the files of a site: folder/ gives folder/index.html.
// Files are gzipped once, when first asked for.
func serve(files site.Files) http.Handler {
	var mu sync.Mutex
	gzipped := map[string][]byte{}
	types := map[string]string{".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml"}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		data, ok := files[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", types[path.Ext(name)])
		w.Header().Set("Cache-Control", "no-store")
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			mu.Lock()
			z, ok := gzipped[name]
			if !ok {
				var b bytes.Buffer
				gw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
				gw.Write(data)
				gw.Close()
				z = b.Bytes()
				gzipped[name] = z
			}
			mu.Unlock()
			w.Header().Set("Content-Encoding", "gzip")
			data = z
		}
		w.Write(data)
	})
}

// browser returns a chromedp context with the page at url loaded.
func browser(t testing.TB, url string) context.Context {
	t.Helper()
	ctx := browsertest.New(t)
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("load %s: %v", url, err)
	}
	return ctx
}

// jsString is s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// jsJSON is v as a JavaScript literal.
func jsJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func itoa(n int) string { return strconv.Itoa(n) }

// A jsResult is what the page returns for one text: the function's value
// or its error, and the milliseconds it took.
type jsResult struct {
	Value json.RawMessage `json:"value"`
	Error string          `json:"error"`
	MS    float64         `json:"ms"`
}

// timedEach calls fn of the module at path (under /assets/) in the page on
// each text, runs times, timing each call with performance.now(); the
// result has the last call's value and the fastest call's time.
func timedEach(t *testing.T, ctx context.Context, path, fn string, texts []string, runs int) []jsResult {
	t.Helper()
	var out []jsResult
	for _, text := range texts {
		in, _ := json.Marshal(text)
		out = append(out, evaluate[jsResult](t, ctx, `(async () => {
  const m = await import("/assets/`+path+`");
  const s = `+string(in)+`;
  let value = null, error = "", ms = Infinity;
  for (let i = 0; i < `+itoa(runs)+`; i++) {
    const t0 = performance.now();
    try { value = m.`+fn+`(s); } catch (e) { error = e.message; }
    ms = Math.min(ms, performance.now() - t0);
  }
  return { value, error, ms };
})()`))
	}
	return out
}

// sameTraceback reports where the JavaScript result js differs from Go's
// want and werr.
func sameTraceback(t *testing.T, name string, want *traceback.Traceback, werr error, js jsResult) {
	t.Helper()
	if (werr != nil) != (js.Error != "") {
		t.Errorf("%s: Go error %v, JavaScript error %q", name, werr, js.Error)
		return
	}
	if werr != nil {
		return
	}
	var got traceback.Traceback
	if err := json.Unmarshal(js.Value, &got); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if diff := cmp.Diff(*want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("%s (-go +js):\n%s", name, diff)
	}
}

// goSimilar returns the hits of (*search.Index).Similar, 20 at most, for
// the traceback that search.ParseLog finds in text.
func goSimilar(t testing.TB, ix *search.Index, text string) []search.Hit {
	t.Helper()
	tb, err := search.ParseLog(text)
	if err != nil {
		t.Fatalf("ParseLog: %v", err)
	}
	hits, err := ix.Similar(context.Background(), tb, 20)
	if err != nil {
		t.Fatalf("Similar: %v", err)
	}
	return hits
}

// idsOf returns the ids of hits, in order.
func idsOf(hits []search.Hit) []string {
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// withReasons returns each hit as similar.js's are compared: its id, a
// space, and its reasons joined by "; ".
func withReasons(hits []search.Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.ID+" "+strings.Join(h.Reasons, "; "))
	}
	return out
}
