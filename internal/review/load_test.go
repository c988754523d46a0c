package review

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// now is the day the tests run "on", for the overdue-action rule.
var now = time.Date(2026, 2, 20, 12, 0, 0, 0, time.UTC)

const validName = "reviews/2026-02-16-order-api-profile-cache.md"

func validReview(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("testdata/valid.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// load checks an in-memory repository and returns its findings as
// "FILE:LINE:COL: SEVERITY: MESSAGE" lines.
func load(t testing.TB, files map[string]string) []string {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	repo, err := Load(fsys, Options{Now: now})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return lines(repo.Findings)
}

func lines(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s:%d:%d: %s: %s", f.File, f.Line, f.Col, f.Severity, f.Message))
	}
	return out
}

func TestValidReviewPasses(t *testing.T) {
	if got := load(t, map[string]string{validName: validReview(t)}); len(got) != 0 {
		t.Errorf("findings on the valid review:\n%s", strings.Join(got, "\n"))
	}
}

func TestLoadDecodes(t *testing.T) {
	fsys := fstest.MapFS{validName: {Data: []byte(validReview(t))}}
	repo, err := Load(fsys, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(repo.Reviews) != 1 {
		t.Fatalf("got %d reviews, want 1", len(repo.Reviews))
	}
	r := repo.Reviews[0]
	if got, want := r.ID, "2026-02-16-order-api-profile-cache"; got != want {
		t.Errorf("ID = %q, want %q", got, want)
	}
	if got, want := r.Status, Final; got != want {
		t.Errorf("Status = %q, want %q", got, want)
	}
	if got, want := r.Window.Start.Format(time.RFC3339), "2026-02-16T05:09:07+08:00"; got != want {
		t.Errorf("Window.Start = %s, want %s (offset kept)", got, want)
	}
	if got, want := r.Settings(), []Setting{{"settings.CACHE_TIMEOUT", "30"}, {"socket_timeout", "2"}}; !cmp.Equal(got, want) {
		t.Errorf("Settings() = %v, want %v", got, want)
	}
	if r.Parsed == nil || r.Parsed.Final().Type != "redis.exceptions.ConnectionError" {
		t.Errorf("Parsed traceback = %+v, want final redis.exceptions.ConnectionError", r.Parsed)
	}
	if got, want := r.BodyLine, 53; got != want {
		t.Errorf("BodyLine = %d, want %d", got, want)
	}
	if !strings.HasPrefix(r.Body, "\n## Timeline") {
		t.Errorf("Body starts %q", r.Body[:20])
	}
}
