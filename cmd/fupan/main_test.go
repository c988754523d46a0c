package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/fupan/fupan/internal/gen"
)

// TestMain lets the scripts run "fupan" as a real program.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"fupan": func() {
			log.SetOutput(io.Discard) // as main does
			os.Exit(Run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs the whole-CLI scripts in testdata/script: each is a
// txtar archive of files and the commands to run on them, with their
// expected output. UPDATE_SCRIPTS=1 rewrites the expected output.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") == "1",
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"logfile":    logfile,
			"fakegithub": fakeGitHub,
		},
		Setup: func(env *testscript.Env) error {
			// Reviews' dates and the overdue rule are stable; git needs a
			// name for commits.
			env.Setenv("NO_COLOR", "")
			env.Setenv("GIT_AUTHOR_NAME", "Test")
			env.Setenv("GIT_AUTHOR_EMAIL", "test@example.com")
			env.Setenv("GIT_COMMITTER_NAME", "Test")
			env.Setenv("GIT_COMMITTER_EMAIL", "test@example.com")
			return nil
		},
	})
}

// logfile writes a service's log of about SIZE bytes that ends in a
// traceback (gen.OrdinaryLog): "logfile NAME SIZE".
func logfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: logfile NAME SIZE")
	}
	size, err := strconv.Atoi(args[1])
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(gen.OrdinaryLog(size, 1)), 0o644))
}

// fakeGitHub starts a local server that answers the GitHub REST API's
// GET /repos/OWNER/REPO/issues/N with the recorded shape of an issue, its
// state given by the arguments (N=open, N=closed, N=404, N=ratelimit),
// and points GITHUB_API_URL at it: "fakegithub 1=open 2=closed".
func fakeGitHub(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("usage: fakegithub N=STATE…")
	}
	states := map[string]string{}
	for _, a := range args {
		n, st, ok := strings.Cut(a, "=")
		if !ok {
			ts.Fatalf("usage: fakegithub N=STATE…")
		}
		states[n] = st
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/") // repos OWNER REPO issues N
		if len(parts) != 5 || parts[0] != "repos" || parts[3] != "issues" || r.Header.Get("Authorization") == "" {
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"message":"Not Found","documentation_url":"https://docs.github.com/rest","status":"404"}`)
			return
		}
		switch st := states[parts[4]]; st {
		case "open", "closed":
			fmt.Fprintf(w, `{"url":"https://api.github.com/repos/%s/%s/issues/%s","html_url":"https://github.com/%[1]s/%[2]s/issues/%[3]s","number":%[3]s,"title":"an issue","state":%q,"locked":false,"comments":0}`,
				parts[1], parts[2], parts[4], st)
		case "ratelimit":
			w.Header().Set("X-RateLimit-Limit", "60")
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset", "1893553445") // 2030-01-02T03:04:05Z
			w.Header().Set("X-RateLimit-Resource", "core")
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, `{"message":"API rate limit exceeded for 203.0.113.7.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}`)
		default:
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"message":"Not Found","documentation_url":"https://docs.github.com/rest/issues/issues#get-an-issue","status":"404"}`)
		}
	}))
	ts.Defer(srv.Close)
	ts.Setenv("GITHUB_API_URL", srv.URL)
}
