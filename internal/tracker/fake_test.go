package tracker

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeGitHub is a local server that answers GET /repos/OWNER/REPO/issues/N
// as the GitHub REST API does, with the response shapes GitHub sends
// (recorded, trimmed to the fields and headers that matter): an issue
// open or closed, 404 Not Found, a primary rate limit (403 with
// x-ratelimit-remaining: 0) and a secondary one (429 with Retry-After).
type fakeGitHub struct {
	*httptest.Server
	mu       sync.Mutex
	answers  map[string]string // path: "open", "closed", "404", "403-rate", "429", "500"
	requests []string
	auth     []string
}

func newFakeGitHub(t *testing.T, answers map[string]string) *fakeGitHub {
	f := &fakeGitHub{answers: answers}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

const issueJSON = `{
  "url": "https://api.github.com/repos/%[1]s/issues/%[2]s",
  "repository_url": "https://api.github.com/repos/%[1]s",
  "html_url": "https://github.com/%[1]s/issues/%[2]s",
  "id": 2456789012,
  "node_id": "I_kwDOLm3s9c6SbX2k",
  "number": %[2]s,
  "title": "Shared HTTP client with backoff_factor",
  "user": {"login": "octocat", "id": 583231, "type": "User"},
  "labels": [],
  "state": "%[3]s",
  "locked": false,
  "assignee": null,
  "assignees": [],
  "comments": 3,
  "created_at": "2025-04-23T08:12:44Z",
  "updated_at": "2025-06-30T10:01:02Z",
  "closed_at": %[4]s,
  "author_association": "MEMBER",
  "state_reason": %[5]s,
  "body": "From the 2025-04-22 review."
}`

func (f *fakeGitHub) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.requests = append(f.requests, r.URL.Path)
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	answer := f.answers[r.URL.Path]
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-GitHub-Api-Version-Selected", "2022-11-28")
	reset := strconv.FormatInt(time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC).Unix(), 10)
	switch answer {
	case "open", "closed":
		w.Header().Set("X-RateLimit-Limit", "5000")
		w.Header().Set("X-RateLimit-Remaining", "4999")
		w.Header().Set("X-RateLimit-Reset", reset)
		w.Header().Set("X-RateLimit-Resource", "core")
		parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/repos/"), "/")
		closedAt, reason := "null", "null"
		if answer == "closed" {
			closedAt, reason = `"2025-06-30T10:01:02Z"`, `"completed"`
		}
		fmt.Fprintf(w, issueJSON, parts[0]+"/"+parts[1], parts[3], answer, closedAt, reason)
	case "403-rate":
		w.Header().Set("X-RateLimit-Limit", "60")
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Used", "60")
		w.Header().Set("X-RateLimit-Reset", reset)
		w.Header().Set("X-RateLimit-Resource", "core")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `{"message":"API rate limit exceeded for 203.0.113.7. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}`)
	case "429":
		w.Header().Set("Retry-After", "60")
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, `{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0C4A:1B2C:3D4E5F:6A7B8C:67890ABC.","documentation_url":"https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits","status":"429"}`)
	case "500":
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, `{"message":"Server Error"}`)
	default:
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"message":"Not Found","documentation_url":"https://docs.github.com/rest/issues/issues#get-an-issue","status":"404"}`)
	}
}
