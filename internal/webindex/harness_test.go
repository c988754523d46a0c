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

	"github.com/fupan/fupan/internal/browsertest"
	"github.com/fupan/fupan/internal/site"
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
