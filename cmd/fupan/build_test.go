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
			if code, _, errOut := initRun(t, "init", repo); code != exitOK {
				t.Fatalf("fupan init: exit %d\n%s", code, errOut)
			}
			out := filepath.Join(t.TempDir(), "public")
			code, _, errOut := initRun(t, "build", "--repo", repo, "--out", out, "--base-url", tt.url)
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
