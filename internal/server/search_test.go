package server

import (
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/theme"
)

// The search index is exported after every good build, in the
// background, and served beside the pages; a broken edit does not export.
func TestSearchExport(t *testing.T) {
	fsys := gen.MapFS(gen.Options{N: 20, Seed: 3})
	var calls atomic.Int32
	srv, err := New(Config{Repo: fsys, Site: site.Options{Theme: theme.FS()},
		Search: func(reviews []*review.Review) (map[string][]byte, error) {
			n := calls.Add(1)
			return map[string][]byte{"search/index/entry.json": fmt.Appendf(nil, `{"export":%d,"reviews":%d}`, n, len(reviews))}, nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	get := func() string {
		t.Helper()
		srv.WaitSearch()
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", "/search/index/entry.json", nil))
		if rec.Code != 200 {
			t.Fatalf("GET entry.json: %d", rec.Code)
		}
		b, _ := io.ReadAll(rec.Body)
		return string(b)
	}
	if got, want := get(), `{"export":1,"reviews":20}`; got != want {
		t.Errorf("after the first build: %s, want %s", got, want)
	}

	// A new review: exported again, with it.
	var some string
	for p := range fsys {
		some = p
		break
	}
	date := strings.TrimPrefix(some, "reviews/")[:len("2006-01-02")]
	fsys["reviews/"+date+"-added.md"] = &fstest.MapFile{Data: fsys[some].Data, ModTime: time.Now()}
	if err := srv.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if got, want := get(), `{"export":2,"reviews":21}`; got != want {
		t.Errorf("after adding a review: %s, want %s", got, want)
	}

	// A broken edit: the last export stays, nothing is exported.
	fsys["reviews/"+date+"-added.md"] = &fstest.MapFile{Data: []byte("---\ntitle: broken\n"), ModTime: time.Now()}
	if err := srv.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if got, want := get(), `{"export":2,"reviews":21}`; got != want {
		t.Errorf("after a broken edit: %s, want the last export %s", got, want)
	}
}
