package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs the CLI and returns its exit code, standard output and
// standard error.
func runCLI(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestInitChecksAndBuilds holds what 'fupan init' writes to the commands
// that will run on it in CI: check passes with no finding, and build
// makes a site (once build is available).
func TestInitChecksAndBuilds(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{name: "development build", args: nil},
		{name: "release", args: []string{"--fupan-version", "v1.2.3", "--title", "Payments"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "reviews-repo")
			if code, _, errOut := runCLI(t, append(append([]string{"init"}, tt.args...), dir)...); code != exitOK {
				t.Fatalf("fupan init: exit %d\n%s", code, errOut)
			}

			code, out, errOut := runCLI(t, "check", "--repo", dir)
			if code != exitOK || out != "0 errors, 0 warnings in 1 review\n" {
				t.Errorf("fupan check: exit %d\n%s%s", code, out, errOut)
			}

			site := filepath.Join(t.TempDir(), "public")
			code, out, errOut = runCLI(t, "build", "--repo", dir, "--out", site, "--base-url", "https://example.github.io/reviews/")
			if strings.Contains(errOut, "not available in this build yet") {
				t.Skip("fupan build is not available in this build yet: the build half of this test runs once it is")
			}
			if code != exitOK {
				t.Fatalf("fupan build: exit %d\n%s%s", code, out, errOut)
			}
			entries, err := os.ReadDir(site)
			if err != nil || len(entries) == 0 {
				t.Errorf("fupan build wrote nothing to %s (%v)", site, err)
			}
		})
	}
}
