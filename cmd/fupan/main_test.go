package main

import (
	"context"
	"io"
	"log"
	"os"
	"strconv"
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
			"logfile": logfile,
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
