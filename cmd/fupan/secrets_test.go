package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/server"
	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/theme"
)

// The secrets of secretRepo, put together from parts so that this file
// holds none whole.
var testSecrets = []string{
	strings.Join([]string{"ghp_", "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"}, ""),
	strings.Join([]string{"AKIA", "Z3MJQ7TXV4NB2LKQ"}, ""),
	"Zq8$wR4!tY6u",
	"S3cr3tPa55w0rd",
	strings.Join([]string{"eyJhbGciOiJIUzI1NiJ9", ".", "eyJzdWIiOiJvcmRlci1hcGkifQ", ".", "c2lnbmF0dXJlMTIzNDU2"}, ""),
}

// secretRepo writes a repository whose example review holds the secrets
// in fields that other rules quote (a version, a config line, an unknown
// key, the status), in a URL, a curl line and the body.
func secretRepo(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "repo")
	if code, _, errOut := runCLI(t, "init", dir); code != exitOK {
		t.Fatalf("fupan init: exit %d\n%s", code, errOut)
	}
	name := filepath.Join(dir, "reviews", "2025-03-18-profile-cache-redis-timeout.md")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	gh, aws, pw, url, jwt := testSecrets[0], testSecrets[1], testSecrets[2], testSecrets[3], testSecrets[4]
	for _, e := range [][2]string{
		{"versions: [", "versions: [" + gh + ", "},
		{"config:\n", "config:\n  - db.password=" + pw + "\n"},
		{"related:", aws + ": 1\nrelated:"},
		{"status: final", "status: \"final " + jwt + "\""},
		{"  dependency: ", "  dependency: postgresql://orders:" + url + "@db-1:5432/orders # was "},
		{"\n## ", "\ncurl -H 'Authorization: Bearer " + jwt + "' https://api.internal/\n\n## "},
	} {
		if !strings.Contains(text, e[0]) {
			t.Fatalf("the example review has no %q", e[0])
		}
		text = strings.Replace(text, e[0], e[1], 1)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// assertNoSecret fails when out holds one of the secrets.
func assertNoSecret(t *testing.T, what, out string) {
	t.Helper()
	for _, s := range testSecrets {
		if strings.Contains(out, s) {
			t.Errorf("%s holds the secret %.8s…:\n%s", what, s, out)
		}
	}
}

// No output of check, in any format, nor of build or serve, holds a
// secret of a review, though check reports each and the findings that
// quote them.
func TestSecretsNeverPrinted(t *testing.T) {
	dir := secretRepo(t)
	for _, format := range []string{"text", "github", "json"} {
		code, out, errOut := runCLI(t, "check", "--repo", dir, "--format", format)
		if code != exitFindings {
			t.Errorf("check --format %s: exit %d, want %d\n%s%s", format, code, exitFindings, out, errOut)
		}
		if n := strings.Count(out, "rotate it"); n != 6 {
			t.Errorf("check --format %s: %d secret findings, want 6:\n%s", format, n, out)
		}
		assertNoSecret(t, "check --format "+format, out+errOut)
		if format == "json" {
			var fs []review.Finding
			if err := json.Unmarshal([]byte(out), &fs); err != nil {
				t.Fatalf("check --format json: %v", err)
			}
			if len(fs) < 9 {
				t.Errorf("%d findings, want the secrets' and those that quote them:\n%s", len(fs), out)
			}
		}
	}

	public := filepath.Join(t.TempDir(), "public")
	code, out, errOut := runCLI(t, "build", "--repo", dir, "--out", public)
	if code != exitFindings {
		t.Errorf("build: exit %d, want %d\n%s", code, exitFindings, errOut)
	}
	if !strings.Contains(errOut, "nothing built") {
		t.Errorf("build: %s", errOut)
	}
	if _, err := os.Stat(public); err == nil {
		t.Errorf("build wrote %s", public)
	}
	assertNoSecret(t, "build", out+errOut)

	var log bytes.Buffer
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	srv, err := server.New(server.Config{Repo: root.FS(), Site: site.Options{Theme: theme.FS()}, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "problems") {
		t.Errorf("serve's log: %s", log.String())
	}
	assertNoSecret(t, "serve's log", log.String())
	for _, p := range []string{"/", "/reviews/2025-03-18-profile-cache-redis-timeout/"} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		body, _ := io.ReadAll(rec.Body)
		assertNoSecret(t, "serve "+p, string(body))
	}
}
