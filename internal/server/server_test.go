package server

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/reviews"
	"github.com/fupan/fupan/theme"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServe(t *testing.T) {
	repo := fstest.MapFS{}
	for name, f := range reviews.FS().(fstest.MapFS) {
		repo[name] = f
	}
	srv, err := New(Config{Repo: repo, Site: site.Options{Theme: theme.FS()}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close) // after readEvents' stream is closed

	code, home := get(t, ts.URL+"/")
	if code != 200 || !strings.Contains(home, "_fupan/live.js") {
		t.Fatalf("GET / = %d, live script: %v", code, strings.Contains(home, "_fupan/live.js"))
	}
	if code, _ := get(t, ts.URL+"/no/such/page"); code != 404 {
		t.Errorf("GET /no/such/page = %d, want 404", code)
	}
	if code, _ := get(t, ts.URL+"/_fupan/live.js"); code != 200 {
		t.Errorf("GET live.js = %d", code)
	}

	// Listen to the events, then break a review and rebuild.
	next := readEvents(t, ts.URL)
	if ev := next(); ev != "ok {}" {
		t.Fatalf("first event %q, want ok", ev)
	}

	var name string
	for n := range repo {
		name = n
		break
	}
	good := repo[name].Data
	repo[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(good), "severity: SEV", "severity: XSEV", 1))}
	if err := srv.Rebuild(); err != nil {
		t.Fatal(err)
	}
	ev := next()
	if !strings.HasPrefix(ev, "problems ") || !strings.Contains(ev, name) || !strings.Contains(ev, `"line":`) {
		t.Errorf("after breaking %s: event %q", name, ev)
	}
	// The last good site is still served.
	if code, again := get(t, ts.URL+"/"); code != 200 || again != home {
		t.Errorf("after a broken rebuild GET / = %d, same page %v", code, again == home)
	}

	repo[name] = &fstest.MapFile{Data: good}
	if err := srv.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if ev := next(); ev != "reload {}" {
		t.Errorf("after mending: event %q, want reload", ev)
	}
}

// A build error that a review causes is a problem on that review, at the
// line and column of the field, not on the theme.
func TestBuildErrorProblem(t *testing.T) {
	repo := fstest.MapFS{"reviews/2026-01-05-boom.md": {Data: []byte(
		"---\ntitle: Boom\ndate: 2026-01-05\nstatus: draft\nseverity: SEV3\nservices: [order-api, boom]\nsummary: 3 requests failed.\n---\n")}}
	th := theme.Overlay(fstest.MapFS{"templates/term.html": {Data: []byte(
		`{{define "main"}}{{if eq .Data.Name "boom"}}{{index .Data.Reviews 9}}{{end}}{{end}}`)}}, theme.FS())
	srv, err := New(Config{Repo: repo, Site: site.Options{Theme: th}})
	if err != nil {
		t.Fatal(err)
	}
	if len(srv.problems) != 1 {
		t.Fatalf("problems: %v, want one", srv.problems)
	}
	p := srv.problems[0]
	if got, want := p.Error(), `reviews/2026-01-05-boom.md:6:23: cannot build the site: services[1] "boom": render services/boom/index.html: template: term.html:1:46: executing "main" at <index .Data.Reviews 9>: error calling index: index out of range: 9`; got != want {
		t.Errorf("problem:\n got %s\nwant %s", got, want)
	}
}

// readEvents opens the live-reload event stream of the server at url and
// returns a function that reads its next event as "name data"; the stream
// closes when the test ends.
func readEvents(t *testing.T, url string) func() string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"/_fupan/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	lines := bufio.NewScanner(resp.Body)
	return func() string {
		for lines.Scan() {
			if ev, ok := strings.CutPrefix(lines.Text(), "event: "); ok {
				lines.Scan()
				return ev + " " + strings.TrimPrefix(lines.Text(), "data: ")
			}
		}
		t.Fatal("event stream ended")
		return ""
	}
}
