package webindex_test

import (
	"io/fs"
	"net/http/httptest"
	"testing"

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
	ix, err := search.Open(t.Context(), fsys, search.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	files, err := site.Build(repo, site.Options{Theme: theme.FS()})
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
