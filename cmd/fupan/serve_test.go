package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/fupan/fupan/internal/review"
)

// serve names what is wrong with fupan.yaml when it starts, with FILE:LINE:COL,
// rather than serving a site made with the defaults without a word.
func TestServeReportsBrokenConfig(t *testing.T) {
	repo := writeRepo(t)
	config := "title: Reviews\nlanguage: klingon\nbase_url: 12\n"
	write(t, filepath.Join(repo, review.ConfigFile), config)
	bad := func() []review.Finding {
		_, bad := review.LoadConfig(os.DirFS(repo))
		return bad
	}()
	if len(bad) == 0 {
		t.Fatalf("review.LoadConfig finds nothing wrong with %q", config)
	}

	// Stopped before it starts: serve builds, reports and returns.
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	var out, errOut syncBuffer
	code := Run(ctx, []string{"serve", "--repo", repo, "--addr", "127.0.0.1:0"}, strings.NewReader(""), &out, &errOut)
	if code != exitOK {
		t.Fatalf("fupan serve: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	for _, f := range bad {
		want := fmt.Sprintf("%s:%d:%d: %s: %s", f.File, f.Line, f.Col, f.Severity, f.Message)
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("fupan serve's standard error lacks %q:\n%s", want, errOut.String())
		}
	}
}

// TestServeBusyPort: a port that another program holds is named, with the
// --addr to pass instead.
func TestServeBusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("cannot listen on loopback: %v", err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	_, port, _ := net.SplitHostPort(addr)
	n, _ := strconv.Atoi(port)

	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), []string{"serve", "--addr", addr}, nil, &stdout, &stderr)
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	want := "fupan serve: " + addr + " is in use by another program (perhaps another fupan serve): pass another address, such as --addr 127.0.0.1:" + strconv.Itoa(n+1) + "\n"
	if !strings.HasSuffix(stderr.String(), want) {
		t.Errorf("stderr:\n%s\nwant it to end in:\n%s", stderr.String(), want)
	}
}
