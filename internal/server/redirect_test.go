package server

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/reviews"
	"github.com/fupan/fupan/theme"
)

// exampleServer serves the example reviews.
func exampleServer(t *testing.T) *Server {
	t.Helper()
	repo := fstest.MapFS{}
	for name, f := range reviews.FS().(fstest.MapFS) {
		repo[name] = f
	}
	srv, err := New(Config{Repo: repo, Site: site.Options{Theme: theme.FS()}})
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// Every redirect stays on the server's origin, whatever the request's
// path: its Location is a clean path that begins with exactly one '/' and
// holds no backslash, no dot segment and no control character or space,
// which a browser would drop or read as a separator.
func TestRedirectStaysOnOrigin(t *testing.T) {
	srv := exampleServer(t)
	if _, ok := srv.files["reviews/index.html"]; !ok {
		t.Fatal("the site has no reviews/index.html to redirect to")
	}
	tests := []struct {
		name   string
		target string
		want   string // the Location; "" when any or no redirect is right
	}{
		{"folder", "/reviews", "/reviews/"},
		{"folder with a query", "/reviews?q=timeout", "/reviews/?q=timeout"},
		{"folder with a backslash in the query", `/reviews?q=a\b&r=%5c`, "/reviews/?q=a%5Cb&r=%5c"},
		{"double slash with a query", "//example.invalid/..%2freviews?//example.invalid", "/reviews/?//example.invalid"},
		{"encoded slash then dot-dot", "/%2fexample.invalid/..%2freviews", "/reviews/"},
		{"encoded slashes", "/%2f%2fexample.invalid%2f..%2freviews", "/reviews/"},
		{"double slash then dot-dot", "//example.invalid/../reviews", "/reviews/"},
		{"triple slash then dot-dot", "///example.invalid/../reviews", "/reviews/"},
		{"double slash", "//example.invalid/", ""},
		{"double slash, no trailing slash", "//example.invalid", ""},
		{"backslash", `/\example.invalid`, ""},
		{"backslash then dot-dot", `/\example.invalid/../reviews`, "/reviews/"},
		{"encoded backslash", "/%5cexample.invalid", ""},
		{"encoded backslash then dot-dot", "/%5cexample.invalid/..%2freviews", "/reviews/"},
		{"encoded tab then slash", "/%09/example.invalid/..%2f..%2freviews", "/reviews/"},
		{"encoded newline then slash", "/%0a/example.invalid/..%2f..%2freviews", "/reviews/"},
		{"encoded dot-dots", "/..%2f..%2f", ""},
		{"encoded dot-dots to a folder", "/..%2f..%2freviews", "/reviews/"},
		{"dot-dot in a folder", "/reviews/x/..", "/reviews/"},
		{"encoded dots", "/reviews/x/%2e%2e", "/reviews/"},
		{"dot", "/reviews/.", "/reviews/"},
		{"scheme-like", "/http:%2f%2fexample.invalid/..%2f..%2freviews", "/reviews/"},
		{"absolute form", "http://127.0.0.1:8080//example.invalid/..%2freviews", "/reviews/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest("GET", tt.target, nil)
			req.Host = "127.0.0.1:8080"
			srv.ServeHTTP(rec, req)
			loc := rec.Header().Get("Location")
			if rec.Code < 300 || rec.Code > 399 {
				if tt.want != "" {
					t.Fatalf("GET %s = %d, want a redirect to %s", tt.target, rec.Code, tt.want)
				}
				return
			}
			if tt.want != "" && loc != tt.want {
				t.Errorf("GET %s: Location %q, want %q", tt.target, loc, tt.want)
			}
			if msg := offOrigin(loc); msg != "" {
				t.Errorf("GET %s: Location %q: %s", tt.target, loc, msg)
			}
		})
	}
}

// offOrigin says what in a Location could take a browser off the
// server's origin, or "" when nothing does.
func offOrigin(loc string) string {
	switch {
	case !strings.HasPrefix(loc, "/"):
		return "not an absolute path"
	case strings.HasPrefix(loc, "//"):
		return "begins with //"
	case strings.Contains(loc, `\`):
		return "holds a backslash"
	case strings.ContainsFunc(loc, func(r rune) bool { return r <= ' ' || r == 0x7f }):
		return "holds a control character or a space"
	}
	p, _, _ := strings.Cut(loc, "?")
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." {
			return "holds a dot segment"
		}
	}
	base, _ := url.Parse("http://127.0.0.1:8080/a/b")
	u, err := base.Parse(loc)
	if err != nil {
		return err.Error()
	}
	if u.Scheme != base.Scheme || u.Host != base.Host {
		return "resolves to " + u.Scheme + "://" + u.Host
	}
	return ""
}

// The check above finds what it is for.
func TestOffOrigin(t *testing.T) {
	for _, loc := range []string{"//example.invalid/../reviews/", `/\example.invalid/`, "/\t/example.invalid/", "/a/../b/", "https://example.invalid/", "reviews/"} {
		if offOrigin(loc) == "" {
			t.Errorf("offOrigin(%q) finds nothing wrong", loc)
		}
	}
	if msg := offOrigin("/reviews/?q=a/../b"); msg != "" {
		t.Errorf("offOrigin(/reviews/?q=a/../b) = %s", msg)
	}
}
