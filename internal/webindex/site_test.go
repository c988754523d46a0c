package webindex_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fupan/fupan/internal/browsertest"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/internal/webindex"
	"github.com/fupan/fupan/theme"
)

// A built is a site built with its search index, served on 127.0.0.1.
type built struct {
	ix      *search.Index
	reviews []*review.Review
	files   site.Files
	stats   webindex.Stats
	srv     *httptest.Server
}

// themeWithSearch is the default theme with the search scripts on every
// page, as the edit proposed for templates/layout.html does (a no-op once
// the layout has it).
func themeWithSearch(t testing.TB) fs.FS {
	t.Helper()
	layout, err := fs.ReadFile(theme.FS(), "templates/layout.html")
	if err != nil {
		t.Fatal(err)
	}
	s := string(layout)
	if !strings.Contains(s, "assets/search/ui.js") {
		s = strings.Replace(s, "</body>", `<script type="module" src="{{.Root}}assets/search/ui.js"></script>`+"\n</body>", 1)
	}
	return theme.Overlay(fstest.MapFS{"templates/layout.html": {Data: []byte(s)}}, theme.FS())
}

// buildSite builds the site of the repository fsys (reviews under
// reviews/) through internal/site, adds the search index, and serves it,
// gzipped to clients that accept it, as GitHub Pages does. With disk, the
// index is kept in a folder, else in memory; both are scorch and score
// BM25.
func buildSite(t testing.TB, fsys fs.FS, disk bool) *built {
	t.Helper()
	repo, err := review.Load(fsys, review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := ""
	if disk {
		dir = t.TempDir()
	}
	ix, err := search.Open(fsys, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	files, err := site.Build(repo, site.Options{Theme: themeWithSearch(t)})
	if err != nil {
		t.Fatal(err)
	}
	st, err := webindex.Write(files, ix, repo.Reviews)
	if err != nil {
		t.Fatal(err)
	}
	b := &built{ix: ix, reviews: repo.Reviews, files: files, stats: st}
	b.srv = httptest.NewServer(serve(files))
	t.Cleanup(b.srv.Close)
	return b
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

// indexURL is the path of the exported index on the test server, as a
// JavaScript string.
var indexURL = jsString("/" + webindex.Dir)

// jsSearch is an expression that runs a query in the page with the search
// client and gives the ids of the hits, best first.
func jsSearch(q string, limit int) string {
	return `(async () => {
  const m = await import("/assets/search/search.js");
  window.fupanIndex ??= await m.open(new URL(` + indexURL + `, location.href));
  const r = await window.fupanIndex.search(` + jsString(q) + `, ` + itoa(limit) + `);
  if (r.error) throw new Error(r.error);
  return r.hits.map((h) => h.meta.id);
})()`
}
