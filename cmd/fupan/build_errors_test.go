package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A --base-url that check would refuse in fupan.yaml is a usage error, and
// nothing is built.
func TestBuildBaseURLFlag(t *testing.T) {
	for _, tt := range []struct {
		name, url, want string
	}{
		{"a path that starts another host", "https://acme.github.io//evil.example/", `has an empty segment (//)`},
		{"an encoded slash", "https://acme.github.io/%2Fevil.example/", "encoded slash"},
		{"a backslash", `https://acme.github.io/\evil.example/`, "backslash"},
		{"a query", "https://acme.github.io/reviews/?x", "query"},
		{"user info", "https://me:secret@acme.github.io/", "user name or password"},
		{"not absolute", "/reviews/", "not an absolute URL"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			repo := filepath.Join(t.TempDir(), "repo")
			if code, _, errOut := runCLI(t, "init", repo); code != exitOK {
				t.Fatalf("fupan init: exit %d\n%s", code, errOut)
			}
			out := filepath.Join(t.TempDir(), "public")
			code, _, errOut := runCLI(t, "build", "--repo", repo, "--out", out, "--base-url", tt.url)
			if code != exitUsage {
				t.Errorf("exit %d, want %d (usage)\n%s", code, exitUsage, errOut)
			}
			if !strings.HasPrefix(errOut, "fupan build: --base-url ") || !strings.Contains(errOut, tt.want) {
				t.Errorf("stderr = %q, want --base-url and %q", errOut, tt.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was written", out)
			}
		})
	}
}

// A build error that a review causes says FILE:LINE:COL of the field, and
// a term named like the site's own files builds.
func TestBuildErrorNamesReview(t *testing.T) {
	repo := filepath.Join(t.TempDir(), "repo")
	if code, _, errOut := runCLI(t, "init", repo); code != exitOK {
		t.Fatalf("fupan init: exit %d\n%s", code, errOut)
	}
	name := filepath.Join(repo, "reviews", "2025-03-18-profile-cache-redis-timeout.md")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	const services = "services: [order-api, user-profile]"
	if !strings.Contains(string(data), services+"\n") {
		t.Fatalf("the example review has no line %q", services)
	}
	data = []byte(strings.Replace(string(data), services, "services: [order-api, index.html]", 1))
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}

	code, _, errOut := runCLI(t, "build", "--repo", repo, "--out", filepath.Join(t.TempDir(), "public"))
	if code != exitOK {
		t.Fatalf("a service named index.html: exit %d\n%s", code, errOut)
	}

	theme := t.TempDir()
	if err := os.MkdirAll(filepath.Join(theme, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	tmpl := `{{define "main"}}{{if eq .Data.Name "index.html"}}{{index .Data.Reviews 9}}{{end}}{{end}}`
	if err := os.WriteFile(filepath.Join(theme, "templates", "term.html"), []byte(tmpl), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	code, _, errOut = runCLI(t, "build", "--repo", repo, "--out", out, "--theme", theme)
	want := `reviews/2025-03-18-profile-cache-redis-timeout.md:6:23: error: cannot build the site: services[1] "index.html": render services/index-html/index.html: template: term.html:1:52: executing "main" at <index .Data.Reviews 9>: error calling index: index out of range: 9` + "\nfupan build: nothing built\n"
	if code != exitFindings || !strings.HasSuffix(errOut, want) {
		t.Errorf("a theme that fails on a term: exit %d\n%s\nwant exit %d and\n%s", code, errOut, exitFindings, want)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s was written", out)
	}
}
