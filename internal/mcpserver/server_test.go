package mcpserver

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/reviews"
)

// Example reviews the tests look for.
const (
	profileCache = "2025-03-18-profile-cache-redis-timeout"
	staleDNS     = "2025-07-15-payment-egress-proxy-stale-dns"
	connectAgain = "2026-11-24-checkout-stock-reserve-connect-timeout-again"
)

// testNow is the day the tests run "on", for overdue actions.
var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// writeRepo writes the example reviews into a new repository folder, and
// the files given (name → content) over them.
func writeRepo(t testing.TB, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	src := reviews.FS()
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		return writeFile(root, p, string(data))
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := writeFile(root, name, data); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func writeFile(root, name, data string) error {
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(data), 0o644)
}

// onDisk is the configuration of 'fupan mcp --repo root': the repository
// through os.Root, watched, its index in .fupan/search. Without watch,
// every request scans.
func onDisk(t testing.TB, root string, watch bool) Config {
	t.Helper()
	r, err := os.OpenRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	fsys := r.FS()
	state := filepath.Join(root, ".fupan", "search")
	cfg := Config{
		Repo: fsys,
		OpenIndex: func() (*search.Index, error) {
			return search.Open(context.Background(), fsys, search.Options{Dir: state})
		},
		Log: testLog{t},
		Now: func() time.Time { return testNow },
	}
	if watch {
		cfg.Dir = root
	}
	return cfg
}

// testLog writes what the server says to the test's log.
type testLog struct{ t testing.TB }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Logf("server: %s", strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// connect starts a server with cfg and connects the SDK's client to it
// over an in-memory transport.
func connect(t testing.TB, cfg Config) (*Server, *mcp.ClientSession) {
	t.Helper()
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, ct := mcp.NewInMemoryTransports()
	ss, err := srv.MCP().Connect(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "v0"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cs.Close()
		ss.Wait()
		srv.Close()
	})
	return srv, cs
}

// call calls a tool; the call itself must not fail (a tool error is a
// result).
func call(t testing.TB, cs *mcp.ClientSession, tool string, args any) *mcp.CallToolResult {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: tool, Arguments: args})
	if err != nil {
		t.Fatalf("%s %v: %v", tool, args, err)
	}
	return res
}

// output calls a tool that must succeed and decodes its structured
// output into out.
func output[T any](t testing.TB, cs *mcp.ClientSession, tool string, args any) T {
	t.Helper()
	res := call(t, cs, tool, args)
	if res.IsError {
		t.Fatalf("%s %v: tool error: %s", tool, args, text(res))
	}
	data, err := json.Marshal(res.StructuredContent)
	if err != nil {
		t.Fatal(err)
	}
	var out T
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, data)
	}
	// The text content is the same JSON, for clients that read only text.
	var again T
	if err := json.Unmarshal([]byte(text(res)), &again); err != nil {
		t.Errorf("%s: the text content is not the output's JSON: %v", tool, err)
	}
	return out
}

func text(res *mcp.CallToolResult) string {
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(*mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

func ids(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

func TestTools(t *testing.T) {
	_, cs := connect(t, onDisk(t, writeRepo(t, nil), true))
	var names []string
	for tool, err := range cs.Tools(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, tool.Name)
		if tool.Description == "" {
			t.Errorf("%s has no description", tool.Name)
		}
		for what, schema := range map[string]any{"input": tool.InputSchema, "output": tool.OutputSchema} {
			data, _ := json.Marshal(schema)
			var s struct {
				Type       string
				Properties map[string]struct{ Description string }
			}
			if err := json.Unmarshal(data, &s); err != nil || s.Type != "object" || len(s.Properties) == 0 {
				t.Errorf("%s: %s schema %s: want an object with properties", tool.Name, what, data)
				continue
			}
			described := 0
			for _, p := range s.Properties {
				if p.Description != "" {
					described++
				}
			}
			if described == 0 {
				t.Errorf("%s: %s schema has no description of its properties: %s", tool.Name, what, data)
			}
		}
	}
	slices.Sort(names)
	if want := []string{"get_review", "open_actions", "search", "similar"}; !slices.Equal(names, want) {
		t.Errorf("tools %v, want %v", names, want)
	}
}

func TestSearch(t *testing.T) {
	root := writeRepo(t, map[string]string{"fupan.yaml": "base_url: https://acme.github.io/reviews/\n"})
	_, cs := connect(t, onDisk(t, root, true))
	out := output[SearchOutput](t, cs, "search", map[string]any{"query": "ConnectTimeout", "limit": 2})
	if len(out.Hits) != 2 || out.Hits[0].ID != staleDNS {
		t.Fatalf("hits %v, want 2, %s first", ids(out.Hits), staleDNS)
	}
	h := out.Hits[0]
	if h.Title == "" || h.Date != "2025-07-15" || h.Severity == "" || h.Path != "reviews/"+staleDNS+".md" || !h.Raised || !h.AllWords {
		t.Errorf("hit %+v", h)
	}
	if h.URL != "https://acme.github.io/reviews/reviews/"+staleDNS+"/" {
		t.Errorf("url %q", h.URL)
	}
	if len(h.Fragments) == 0 || h.Fragments[0].Field != "exceptions" || len(h.Fragments[0].Highlights) == 0 {
		t.Fatalf("fragments %+v", h.Fragments)
	}
	f := h.Fragments[0]
	if hl := f.Highlights[0]; !strings.EqualFold(f.Text[hl[0]:hl[1]], "requests.exceptions.ConnectTimeout") && !strings.Contains(strings.ToLower(f.Text[hl[0]:hl[1]]), "connecttimeout") {
		t.Errorf("highlight %v of %q is %q", hl, f.Text, f.Text[hl[0]:hl[1]])
	}

	// The same hits as the search package, in the same order.
	ix, err := search.Open(context.Background(), reviews.FS(), search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	want, err := ix.Search(context.Background(), "redis timeout service:order-api", 10)
	if err != nil {
		t.Fatal(err)
	}
	got := output[SearchOutput](t, cs, "search", map[string]any{"query": "redis timeout service:order-api"})
	var wantIDs []string
	for _, h := range want {
		wantIDs = append(wantIDs, h.ID)
	}
	if diff := cmp.Diff(wantIDs, ids(got.Hits)); diff != "" {
		t.Errorf("search differs from package search (-want +got):\n%s", diff)
	}
}

const connectTimeoutLog = `2026-03-01 12:00:00 INFO worker started
2026-03-01 12:00:05 ERROR request failed
Traceback (most recent call last):
  File "/app/pay.py", line 12, in charge
    resp = session.post(url, timeout=2)
  File "/usr/lib/python3/site-packages/requests/adapters.py", line 507, in send
    raise ConnectTimeout(e, request=request)
requests.exceptions.ConnectTimeout: HTTPSConnectionPool(host='api.stripe.com', port=443): Max retries exceeded
`

func TestSimilar(t *testing.T) {
	_, cs := connect(t, onDisk(t, writeRepo(t, nil), true))
	out := output[SimilarOutput](t, cs, "similar", map[string]any{"log": connectTimeoutLog, "limit": 3})
	if out.Language != "python" || out.Exception != "requests.exceptions.ConnectTimeout" {
		t.Errorf("traceback read as %s %q", out.Language, out.Exception)
	}
	// The two reviews that raised ConnectTimeout through requests'
	// adapters.py send, with "Max retries exceeded" in the message.
	if len(out.Hits) < 2 || out.Hits[0].ID != connectAgain || out.Hits[1].ID != staleDNS || !out.Hits[0].Raised || !out.Hits[1].Raised {
		t.Fatalf("hits %v, want %s, %s first", ids(out.Hits), connectAgain, staleDNS)
	}
	if !slices.Contains(out.Hits[0].Reasons, "exception requests.exceptions.ConnectTimeout") {
		t.Errorf("reasons %q", out.Hits[0].Reasons)
	}
}

func TestGetReview(t *testing.T) {
	for _, tt := range []struct{ name, config, url string }{
		{"no base_url", "", ""},
		{"base_url", "base_url: https://acme.github.io/reviews\n", "https://acme.github.io/reviews/reviews/" + profileCache + "/"},
		{"bad base_url", "base_url: https://acme.github.io//evil.example/\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := writeRepo(t, map[string]string{"fupan.yaml": tt.config})
			cfg := onDisk(t, root, true)
			_, cs := connect(t, cfg)
			got := output[review.Full](t, cs, "get_review", map[string]any{"id": profileCache})
			r, _, err := review.ReadID(cfg.Repo, profileCache, nil, testNow)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(r.Full(tt.url), got); diff != "" {
				t.Errorf("get_review (-want +got):\n%s", diff)
			}
			if got.Body == "" || got.FirstLook == nil || len(got.Actions) == 0 || len(got.AllExceptions) == 0 {
				t.Errorf("get_review lacks what the review has: %+v", got)
			}
		})
	}
}

func TestOpenActions(t *testing.T) {
	root := writeRepo(t, map[string]string{"fupan.yaml": "base_url: https://acme.github.io/\n"})
	_, cs := connect(t, onDisk(t, root, true))
	all := output[OpenActionsOutput](t, cs, "open_actions", map[string]any{})
	if all.Total == 0 || len(all.Actions) != all.Total {
		t.Fatalf("open_actions: %d of %d", len(all.Actions), all.Total)
	}
	noDue := false
	for i, a := range all.Actions {
		if a.Status != "open" || a.ReviewID == "" || a.ReviewTitle == "" || a.Do == "" || a.Owner == "" {
			t.Errorf("action %+v", a)
		}
		if a.ReviewURL != "https://acme.github.io/reviews/"+a.ReviewID+"/" {
			t.Errorf("review_url %q", a.ReviewURL)
		}
		if a.Overdue != (a.Due != "" && a.Due < "2026-06-01") {
			t.Errorf("%q due %q: overdue %v on 2026-06-01", a.Do, a.Due, a.Overdue)
		}
		if a.Due == "" {
			noDue = true
		} else if noDue || i > 0 && a.Due < all.Actions[i-1].Due {
			t.Errorf("%q due %s out of order (the earliest due first, none last)", a.Do, a.Due)
		}
	}

	team := all.Actions[0].Owner
	mine := output[OpenActionsOutput](t, cs, "open_actions", map[string]any{"team": strings.ToUpper(team)})
	if mine.Total == 0 || mine.Total == all.Total && len(slices.CompactFunc(slices.Clone(all.Actions), func(a, b Action) bool { return a.Owner == b.Owner })) > 1 {
		t.Errorf("team %s: %d of %d actions", team, mine.Total, all.Total)
	}
	for _, a := range mine.Actions {
		if a.Owner != team {
			t.Errorf("team %s: action of %s", team, a.Owner)
		}
	}

	overdue := output[OpenActionsOutput](t, cs, "open_actions", map[string]any{"overdue": true})
	for _, a := range overdue.Actions {
		if !a.Overdue {
			t.Errorf("overdue only: %+v", a)
		}
	}
	var want int
	for _, a := range all.Actions {
		if a.Overdue {
			want++
		}
	}
	if overdue.Total != want {
		t.Errorf("overdue: %d, want %d", overdue.Total, want)
	}

	two := output[OpenActionsOutput](t, cs, "open_actions", map[string]any{"limit": 2})
	if len(two.Actions) != min(2, all.Total) || two.Total != all.Total {
		t.Errorf("limit 2: %d actions of %d", len(two.Actions), two.Total)
	}
}

// TestBadArguments: what the caller got wrong is a tool error that says
// so, and the server goes on serving.
func TestBadArguments(t *testing.T) {
	_, cs := connect(t, onDisk(t, writeRepo(t, nil), true))
	tests := []struct {
		name, tool string
		args       map[string]any
		want       string // in the error's text
	}{
		{"unknown id", "get_review", map[string]any{"id": "2025-03-18-profile-cache-redis-timout"}, `did you mean "` + profileCache + `"?`},
		{"id far from any", "get_review", map[string]any{"id": "kafka"}, `no review has the id "kafka"`},
		{"empty id", "get_review", map[string]any{"id": ""}, "id is empty"},
		{"no id", "get_review", map[string]any{}, "id"},
		{"path as id", "get_review", map[string]any{"id": "../../../etc/passwd"}, "no review has the id"},
		{"empty query", "search", map[string]any{"query": "  "}, "empty query"},
		{"no query", "search", map[string]any{}, "query"},
		{"oversized query", "search", map[string]any{"query": strings.Repeat("timeout ", 200)}, "the limit is 1,000"},
		{"too many terms", "search", map[string]any{"query": strings.Repeat("a ", 70)}, "the limit is 64"},
		{"bad date", "search", map[string]any{"query": "since:2025-13-01"}, "there is no month 13"},
		{"limit too big", "search", map[string]any{"query": "redis", "limit": 500}, "limit 500 is out of range: give 1 to 50"},
		{"negative limit", "search", map[string]any{"query": "redis", "limit": -1}, "limit -1 is out of range"},
		{"zero limit", "search", map[string]any{"query": "redis", "limit": 0}, "limit 0 is out of range: give 1 to 50, or leave it out for 10"},
		{"limit not a number", "search", map[string]any{"query": "redis", "limit": "ten"}, "limit"},
		{"unknown argument", "search", map[string]any{"query": "redis", "limt": 3}, "limt"},
		{"empty log", "similar", map[string]any{"log": ""}, "log is empty"},
		{"no traceback", "similar", map[string]any{"log": "all is well\n"}, "no traceback found"},
		{"oversized log", "similar", map[string]any{"log": strings.Repeat("x", MaxLogBytes+1)}, "the limit is 1048576"},
		{"similar limit", "similar", map[string]any{"log": connectTimeoutLog, "limit": 51}, "give 1 to 50"},
		{"unknown team", "open_actions", map[string]any{"team": "team-ordrs"}, `did you mean "team-orders"?`},
		{"actions limit", "open_actions", map[string]any{"limit": 5000}, "give 1 to 1000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := call(t, cs, tt.tool, tt.args)
			if !res.IsError {
				t.Fatalf("%s %v: no tool error; result %s", tt.tool, tt.args, text(res))
			}
			if got := text(res); !strings.Contains(got, tt.want) {
				t.Errorf("%s %v: error %q, want it to say %q", tt.tool, tt.args, got, tt.want)
			}
		})
	}
	// Still serving.
	if out := output[SearchOutput](t, cs, "search", map[string]any{"query": "ConnectTimeout"}); len(out.Hits) == 0 {
		t.Error("no hits after the bad calls")
	}
	if _, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: "seen_before", Arguments: map[string]any{}}); err == nil {
		t.Error("seen_before answered: it is not built yet")
	}
}

func TestResources(t *testing.T) {
	root := writeRepo(t, nil)
	_, cs := connect(t, onDisk(t, root, true))
	ctx := context.Background()
	tmpls, err := cs.ListResourceTemplates(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(tmpls.ResourceTemplates) != 1 || tmpls.ResourceTemplates[0].URITemplate != "fupan://review/{id}" || tmpls.ResourceTemplates[0].MIMEType != "text/markdown" {
		t.Errorf("templates %+v", tmpls.ResourceTemplates)
	}
	list := listResources(t, cs)
	if len(list) != 17 {
		t.Fatalf("%d resources, want the 17 examples", len(list))
	}
	r := list["fupan://review/"+profileCache]
	if r == nil || r.Name != profileCache || r.Title != "Order API 500s while a KEYS scan blocked the profile cache" || r.MIMEType != "text/markdown" {
		t.Fatalf("resource %+v", r)
	}
	res, err := cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: r.URI})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(filepath.Join(root, "reviews", profileCache+".md"))
	if len(res.Contents) != 1 || res.Contents[0].Text != string(want) || res.Contents[0].MIMEType != "text/markdown" || res.Contents[0].URI != r.URI {
		t.Errorf("read %s: %+v", r.URI, res.Contents)
	}
	for _, uri := range []string{"fupan://review/2020-01-01-nothing", "fupan://review/..%2f..%2fetc%2fpasswd", "fupan://review/a/../../x"} {
		if _, err := cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: uri}); err == nil {
			t.Errorf("read %s: no error", uri)
		}
	}
}

// listResources lists the resources, every page, by URI.
func listResources(t testing.TB, cs *mcp.ClientSession) map[string]*mcp.Resource {
	t.Helper()
	out := map[string]*mcp.Resource{}
	for r, err := range cs.Resources(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		out[r.URI] = r
	}
	return out
}

const zanzibar = `---
title: Zanzibar quota exhausted
date: 2026-10-01
status: draft
severity: SEV3
services: [order-api]
summary: For 3 minutes 2% of calls failed with ZanzibarQuotaError.
---
Body.
`

// TestRefresh changes reviews on disk while the server runs: the next
// request sees the change, whether the watcher tells it or a scan finds
// it; the resources follow.
func TestRefresh(t *testing.T) {
	for _, watch := range []bool{true, false} {
		name := map[bool]string{true: "watched", false: "scanned"}[watch]
		t.Run(name, func(t *testing.T) {
			root := writeRepo(t, nil)
			srv, cs := connect(t, onDisk(t, root, watch))
			if watch && (srv.w == nil || !srv.w.canSettle()) {
				t.Skip("no file watcher here (the server scans on every request)")
			}
			find := func(q string) []string {
				return ids(output[SearchOutput](t, cs, "search", map[string]any{"query": q}).Hits)
			}
			const id = "2026-10-01-zanzibar-quota"
			scans := func() int {
				srv.syncMu.Lock()
				defer srv.syncMu.Unlock()
				return srv.scans
			}
			if got := find("ZanzibarQuotaError"); len(got) != 0 {
				t.Fatalf("found %v before the review was written", got)
			}
			listResources(t, cs)
			find("redis")
			if n := scans(); watch && n != 0 {
				t.Errorf("%d scans with nothing changed: the watcher should tell", n)
			} else if !watch && n < 3 {
				t.Errorf("%d scans for 3 requests without a watcher", n)
			}

			// Added: found at once, in a new folder too.
			if err := writeFile(root, "reviews/2026/"+id+".md", zanzibar); err != nil {
				t.Fatal(err)
			}
			if got := find("ZanzibarQuotaError"); !slices.Equal(got, []string{id}) {
				t.Fatalf("after adding it: %v", got)
			}
			if list := listResources(t, cs); list[ReviewURI(id)] == nil || len(list) != 18 {
				t.Errorf("resources after adding: %d, %v", len(list), list[ReviewURI(id)])
			}

			// Edited.
			if err := writeFile(root, "reviews/2026/"+id+".md", strings.Replace(zanzibar, "Body.", "A flamingo ate the quota.", 1)); err != nil {
				t.Fatal(err)
			}
			if got := find("flamingo"); !slices.Equal(got, []string{id}) {
				t.Fatalf("after editing it: %v", got)
			}
			if got := output[review.Full](t, cs, "get_review", map[string]any{"id": id}); !strings.Contains(got.Body, "flamingo") {
				t.Errorf("get_review after the edit: %q", got.Body)
			}

			// Removed.
			if err := os.Remove(filepath.Join(root, "reviews", "2026", id+".md")); err != nil {
				t.Fatal(err)
			}
			if got := find("flamingo"); len(got) != 0 {
				t.Fatalf("after removing it: %v", got)
			}
			if list := listResources(t, cs); list[ReviewURI(id)] != nil || len(list) != 17 {
				t.Errorf("resources after removing: %d", len(list))
			}
			if res := call(t, cs, "get_review", map[string]any{"id": id}); !res.IsError {
				t.Errorf("get_review of a removed review: %s", text(res))
			}
		})
	}
}

// TestIndexShared: while the server runs, another process can open the
// index, to read it or to update it (fupan search in a terminal): the
// server holds it read-only between its own updates, and after a change
// updates it in the background and lets it go until the next request.
func TestIndexShared(t *testing.T) {
	root := writeRepo(t, nil)
	cfg := onDisk(t, root, true)
	_, cs := connect(t, cfg)
	state := filepath.Join(root, ".fupan", "search")
	openElsewhere := func(what string) {
		t.Helper()
		done := make(chan error, 1)
		go func() {
			// A separate open, as another process's: bleve's lock is
			// per open file.
			ix, err := search.Open(context.Background(), cfg.Repo, search.Options{Dir: state})
			if err == nil {
				ix.Close()
			}
			done <- err
		}()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: the index stays locked", what)
		}
	}
	openElsewhere("at start")
	if err := writeFile(root, "reviews/2026-10-01-zanzibar-quota.md", zanzibar); err != nil {
		t.Fatal(err)
	}
	// At once, as a fupan search run just after a save: the other opener
	// sees the change and waits for the lock, which the server lets go
	// a moment after the change.
	openElsewhere("after a change")
	if got := output[SearchOutput](t, cs, "search", map[string]any{"query": "ZanzibarQuotaError"}); len(got.Hits) != 1 {
		t.Errorf("hits %v", ids(got.Hits))
	}
	openElsewhere("after a search")
}

// TestInMemory serves a repository that is not on disk: the examples
// built into fupan, with the index in memory, as 'fupan mcp' with no
// reviews/ folder does.
func TestInMemory(t *testing.T) {
	fsys := reviews.FS()
	_, cs := connect(t, Config{Repo: fsys, OpenIndex: func() (*search.Index, error) { return search.Open(context.Background(), fsys, search.Options{}) }, Log: testLog{t}})
	if out := output[SearchOutput](t, cs, "search", map[string]any{"query": "ConnectTimeout"}); len(out.Hits) == 0 || out.Hits[0].ID != staleDNS {
		t.Errorf("hits %v", ids(out.Hits))
	}
	if got := output[review.Full](t, cs, "get_review", map[string]any{"id": staleDNS}); got.ID != staleDNS || got.URL != "" {
		t.Errorf("get_review: %s, url %q", got.ID, got.URL)
	}
	if n := len(listResources(t, cs)); n != 17 {
		t.Errorf("%d resources", n)
	}
}
