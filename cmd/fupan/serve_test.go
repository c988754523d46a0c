package main

import (
	"bytes"
	"context"
	"net"
	"strconv"
	"strings"
	"testing"
)

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
