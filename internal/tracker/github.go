package tracker

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/google/go-github/v75/github"
)

// A GitHub reads the state of issues through the GitHub REST API.
type GitHub struct {
	client *github.Client
}

// NewGitHub returns a client that authenticates with token, at the REST
// API at apiURL ("" for https://api.github.com/; GitHub Actions sets
// GITHUB_API_URL, which is also what a GitHub Enterprise server needs).
func NewGitHub(token, apiURL string, hc *http.Client) (*GitHub, error) {
	if hc == nil {
		hc = &http.Client{Timeout: 20 * time.Second}
	}
	c := github.NewClient(hc).WithAuthToken(token)
	if apiURL != "" && strings.TrimSuffix(apiURL, "/") != "https://api.github.com" {
		var err error
		if c, err = c.WithEnterpriseURLs(apiURL, apiURL); err != nil {
			return nil, fmt.Errorf("GitHub API URL %q: %w", apiURL, err)
		}
		// WithEnterpriseURLs adds /api/v3/ to a bare host; a URL that
		// names its path (GITHUB_API_URL, a test server) is used as is.
		c.BaseURL, _ = c.BaseURL.Parse(strings.TrimSuffix(apiURL, "/") + "/")
	}
	return &GitHub{client: c}, nil
}

// State errors.
var (
	// ErrNotFound: the issue does not exist, or the token cannot see it.
	ErrNotFound = errors.New("not found")
)

// A RateLimitError is a primary or secondary rate limit of the API.
type RateLimitError struct {
	Until time.Time // when to try again; zero when not said
	Err   error
}

func (e *RateLimitError) Error() string {
	if e.Until.IsZero() {
		return "GitHub API rate limit reached"
	}
	return "GitHub API rate limit reached; it resets at " + e.Until.UTC().Format(time.RFC3339)
}

func (e *RateLimitError) Unwrap() error { return e.Err }

// State returns the state of the issue: "open" or "closed".
func (g *GitHub) State(ctx context.Context, i Issue) (string, error) {
	issue, resp, err := g.client.Issues.Get(ctx, i.Owner, i.Repo, i.Number)
	if err == nil {
		return issue.GetState(), nil
	}
	var rl *github.RateLimitError
	var abuse *github.AbuseRateLimitError
	switch {
	case errors.As(err, &rl):
		return "", &RateLimitError{Until: rl.Rate.Reset.Time, Err: err}
	case errors.As(err, &abuse):
		e := &RateLimitError{Err: err}
		if abuse.RetryAfter != nil {
			e.Until = time.Now().Add(*abuse.RetryAfter)
		}
		return "", e
	}
	if resp != nil {
		switch resp.StatusCode {
		case http.StatusNotFound, http.StatusGone:
			return "", ErrNotFound
		case http.StatusTooManyRequests:
			e := &RateLimitError{Err: err}
			if d, perr := time.ParseDuration(resp.Header.Get("Retry-After") + "s"); perr == nil {
				e.Until = time.Now().Add(d)
			}
			return "", e
		case http.StatusUnauthorized:
			return "", fmt.Errorf("GitHub refused the token (401): check GITHUB_TOKEN")
		}
		return "", fmt.Errorf("GitHub answered %d for %s", resp.StatusCode, i.URL())
	}
	return "", fmt.Errorf("reading %s: %w", i.URL(), err)
}
