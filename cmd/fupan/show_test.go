package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/theme"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/show")

// showRepo is the example reviews with a base_url, so that a review has
// its page's url.
func showRepo(t *testing.T) string {
	t.Helper()
	root := writeRepo(t)
	if err := os.WriteFile(filepath.Join(root, "fupan.yaml"), []byte("base_url: https://acme.github.io/reviews/\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

// TestShowJSON compares 'fupan show --json' with testdata/show/ID.json;
// run go test -update to rewrite them after an intended change.
func TestShowJSON(t *testing.T) {
	root := showRepo(t)
	for _, id := range []string{
		"2025-03-18-profile-cache-redis-timeout",                // final, every field
		"2026-10-20-order-confirmation-kombu-operational-error", // not final
		"2026-09-02-auth-session-nil-map-panic",                 // a Go panic
	} {
		t.Run(id, func(t *testing.T) {
			code, out, errOut := runCLI(t, "show", "--repo", root, "--json", id)
			if code != exitOK {
				t.Fatalf("exit %d\n%s", code, errOut)
			}
			golden := filepath.Join("testdata", "show", id+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), out); diff != "" {
				t.Errorf("show --json %s differs from %s (-want +got):\n%s", id, golden, diff)
			}
		})
	}
}

// TestShowJSONShape: show --json is a review's entry in the site's
// reviews.json (review.Public), with its body, and its page's url made
// absolute; the MCP server's get_review returns the same review.Full.
func TestShowJSONShape(t *testing.T) {
	root := showRepo(t)
	const id = "2025-03-18-profile-cache-redis-timeout"
	_, out, _ := runCLI(t, "show", "--repo", root, "--json", id)
	var shown map[string]any
	if err := json.Unmarshal([]byte(out), &shown); err != nil {
		t.Fatal(err)
	}

	repo, err := review.Load(os.DirFS(root), review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, err := site.Build(repo, site.Options{Theme: theme.FS()})
	if err != nil {
		t.Fatal(err)
	}
	var published struct{ Reviews []map[string]any }
	if err := json.Unmarshal(files["reviews.json"], &published); err != nil {
		t.Fatal(err)
	}
	var entry map[string]any
	for _, e := range published.Reviews {
		if e["id"] == id {
			entry = e
		}
	}
	if entry == nil {
		t.Fatalf("no %s in reviews.json", id)
	}
	if got, want := shown["url"], "https://acme.github.io/reviews/"+entry["url"].(string); got != want {
		t.Errorf("url %v, want %v", got, want)
	}
	if shown["body"] == "" || shown["body"] == nil {
		t.Error("no body")
	}
	delete(shown, "url")
	delete(shown, "body")
	delete(entry, "url")
	delete(entry, "history")
	if diff := cmp.Diff(entry, shown); diff != "" {
		t.Errorf("show --json and reviews.json differ (-reviews.json +show):\n%s", diff)
	}

	// The review's schema in reviews.schema.json describes it, body and
	// absolute url included.
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(files["reviews.schema.json"]))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("reviews.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("reviews.schema.json#/$defs/review")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("show --json does not fit the review of reviews.schema.json: %v", err)
	}
}

func TestShowText(t *testing.T) {
	root := showRepo(t)
	r, _, err := review.ReadID(os.DirFS(root), "2025-03-18-profile-cache-redis-timeout", nil, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	full := r.Full("https://acme.github.io/reviews/reviews/2025-03-18-profile-cache-redis-timeout/")
	// An open action past its due date, on the day of the test.
	full.Actions = append(full.Actions, review.PublicAction{Do: "Pin redis-py", Owner: "team-orders", Status: "open", Due: "2026-01-31"})
	var b strings.Builder
	if err := writeReview(&b, full, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), colors{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	// What matters first, in this order.
	at := -1
	for _, want := range []string{
		"Order API 500s while a KEYS scan blocked the profile cache\n",
		"2025-03-18-profile-cache-redis-timeout · 2025-03-18 · SEV2 · final · order-api, user-profile\n",
		"https://acme.github.io/reviews/reviews/2025-03-18-profile-cache-redis-timeout/\n",
		"\nSummary\n  For 27 minutes 14.2% of POST /api/v1/order returned 500",
		"\nFailure\n",
		"  window     2025-03-18T10:04:12+08:00 → 10:31:40 (27 min; detected after 3 min; mitigated after 25 min)\n",
		"  exceptions redis.exceptions.TimeoutError, redis.exceptions.ConnectionError, TimeoutError\n",
		"\nFirst look next time\n",
		"  metric     redis_client_errors_total",
		"\nOpen actions\n",
		"  - Pin redis-py (team-orders), due 2026-01-31 (overdue)\n",
		"\nWhy it was not caught\n",
		"\nTraceback\n  Traceback (most recent call last):\n",
		"\nReproduction\n",
		"reviews/2025-03-18-profile-cache-redis-timeout.md\n",
	} {
		i := strings.Index(out, want)
		if i < 0 {
			t.Fatalf("no %q in:\n%s", want, out)
		}
		if i < at {
			t.Errorf("%q comes too early:\n%s", want, out)
		}
		at = i
	}
	if strings.Contains(out, "\x1b") {
		t.Error("colours without a terminal")
	}
	b.Reset()
	writeReview(&b, full, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), colors{on: true})
	if !strings.Contains(b.String(), "\x1b[1mSummary\x1b[0m") || !strings.Contains(b.String(), "\x1b[31m(overdue)\x1b[0m") {
		t.Errorf("no colours on a terminal:\n%s", b.String())
	}
}

func TestShowErrors(t *testing.T) {
	root := showRepo(t)
	if err := os.WriteFile(filepath.Join(root, "reviews", "2026-01-05-broken.md"), []byte("---\ntitle: [unclosed\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"unknown id", []string{"2025-03-18-profile-cache-redis-timout"}, exitUsage,
			`fupan show: no review has the id "2025-03-18-profile-cache-redis-timout": did you mean "2025-03-18-profile-cache-redis-timeout"?`},
		{"slug without the date", []string{"profile-cache-redis-timeout"}, exitUsage, `did you mean "2025-03-18-profile-cache-redis-timeout"?`},
		{"far from any", []string{"kafka"}, exitUsage, `fupan show: no review has the id "kafka": an id is a review's file name without .md`},
		{"no id", nil, exitUsage, "Usage: fupan show"},
		{"two ids", []string{"a", "b"}, exitUsage, "Usage: fupan show"},
		{"does not decode", []string{"2026-01-05-broken"}, exitFindings, "fupan show: reviews/2026-01-05-broken.md:3:1: YAML syntax error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, format := range [][]string{nil, {"--json"}} {
				args := append(append([]string{"show", "--repo", root}, format...), tt.args...)
				code, out, errOut := runCLI(t, args...)
				if code != tt.code || !strings.Contains(errOut, tt.stderr) {
					t.Errorf("%v: exit %d, stderr %q; want %d and %q", args, code, errOut, tt.code, tt.stderr)
				}
				if out != "" {
					t.Errorf("%v: stdout %q", args, out)
				}
			}
		})
	}
	// The file name, or a path to it, is taken for the id.
	if code, out, _ := runCLI(t, "show", "--repo", root, "reviews/2025-03-18-profile-cache-redis-timeout.md"); code != exitOK || !strings.Contains(out, "Summary") {
		t.Errorf("show PATH: exit %d", code)
	}
}

// TestShowHostile: what a review says never acts on the terminal.
func TestShowHostile(t *testing.T) {
	dir := hostileRepo(t)
	for _, args := range [][]string{
		{"show", "--repo", dir, "2026-02-16-cache"},
		{"show", "--repo", dir, "--json", "2026-02-16-cache"},
	} {
		code, out, errOut := runCLI(t, args...)
		if code != exitOK {
			t.Fatalf("%s: exit %d\n%s", args, code, errOut)
		}
		if !strings.Contains(out, "Cache") {
			t.Fatalf("%s: the review is not shown:\n%s", args, out)
		}
		if bad := acted(out + errOut); len(bad) > 0 {
			t.Errorf("%s: output holds %q:\n%s", args, bad, out)
		}
	}
}

// TestShowCustomFields: the fields a team declares in fupan.yaml are shown
// under Details, and under "custom" in --json (as in reviews.json and the
// MCP server, which share the shape).
func TestShowCustomFields(t *testing.T) {
	root := writeRepo(t)
	const id = "2025-03-18-profile-cache-redis-timeout"
	write(t, filepath.Join(root, "fupan.yaml"), "fields:\n  incident_id: {type: string, pattern: \"^INC-[0-9]+$\"}\n  teams: list\n")
	name := filepath.Join(root, "reviews", id+".md")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	write(t, name, strings.Replace(string(data), "---\n", "---\nincident_id: INC-4411\nteams: [team-platform, team-checkout]\n", 1))

	code, out, errOut := runCLI(t, "show", "--repo", root, id)
	if code != 0 {
		t.Fatalf("show: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"incident_id INC-4411", "teams      team-platform, team-checkout"} {
		if !strings.Contains(out, want) {
			t.Errorf("show does not print %q:\n%s", want, out)
		}
	}
	code, out, errOut = runCLI(t, "show", "--repo", root, "--json", id)
	if code != 0 {
		t.Fatalf("show --json: exit %d: %s", code, errOut)
	}
	var got struct {
		Custom map[string]any `json:"custom"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"incident_id": "INC-4411", "teams": []any{"team-platform", "team-checkout"}}
	if d := cmp.Diff(want, got.Custom); d != "" {
		t.Errorf("custom (-want +got):\n%s", d)
	}
}
