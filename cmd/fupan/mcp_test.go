package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan/fupan/internal/syncbuf"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// buildFupan builds the fupan binary into a temporary folder.
func buildFupan(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds fupan")
	}
	bin := filepath.Join(t.TempDir(), "fupan")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestMCPStdio runs the built fupan as an assistant would, 'fupan mcp
// --repo DIR' with the protocol on its standard input and output, and
// drives it with the SDK's client over a CommandTransport.
func TestMCPStdio(t *testing.T) {
	bin := buildFupan(t)
	root := showRepo(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.Command(bin, "mcp", "--repo", root)
	var stderr syncbuf.Buffer
	cmd.Stderr = &stderr
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "v0"}, nil).Connect(ctx, &mcp.CommandTransport{Command: cmd}, nil)
	if err != nil {
		t.Fatalf("connect: %v\nstderr:\n%s", err, stderr.String())
	}
	if info := cs.InitializeResult().ServerInfo; info.Name != "fupan" {
		t.Errorf("server %+v", info)
	}

	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "search", Arguments: map[string]any{"query": "ConnectTimeout", "limit": 3}})
	if err != nil || res.IsError {
		t.Fatalf("search: %v %+v", err, res)
	}
	var out struct {
		Hits []struct{ ID, URL string }
	}
	data, _ := json.Marshal(res.StructuredContent)
	if err := json.Unmarshal(data, &out); err != nil || len(out.Hits) == 0 {
		t.Fatalf("search: %v %s", err, data)
	}
	if h := out.Hits[0]; h.ID != "2025-07-15-payment-egress-proxy-stale-dns" || h.URL != "https://acme.github.io/reviews/reviews/"+h.ID+"/" {
		t.Errorf("first hit %+v", h)
	}

	res, err = cs.CallTool(ctx, &mcp.CallToolParams{Name: "get_review", Arguments: map[string]any{"id": "nope"}})
	if err != nil || !res.IsError {
		t.Errorf("get_review of an unknown id: %v %+v", err, res)
	}

	read, err := cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: "fupan://review/2025-03-18-profile-cache-redis-timeout"})
	if err != nil || len(read.Contents) != 1 || !strings.HasPrefix(read.Contents[0].Text, "---\n") {
		t.Errorf("read resource: %v %+v", err, read)
	}

	if err := cs.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	if s := stderr.String(); strings.Contains(s, "panic") {
		t.Errorf("stderr:\n%s", s)
	}
	if code := cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("exit status %d; stderr:\n%s", code, stderr.String())
	}
}

// TestMCPStdout: standard output holds JSON-RPC messages and nothing
// else, even when fupan has something to say (here, that it serves the
// example reviews, having no reviews/ folder to serve).
func TestMCPStdout(t *testing.T) {
	bin := buildFupan(t)
	cmd := exec.Command(bin, "mcp")
	cmd.Dir = t.TempDir()
	var stderr syncbuf.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	lines.Buffer(nil, 1<<20)
	// exchange sends a request and reads lines up to its response, each
	// of which must be a JSON-RPC message.
	exchange := func(req string) map[string]any {
		t.Helper()
		if _, err := io.WriteString(stdin, req+"\n"); err != nil {
			t.Fatal(err)
		}
		var sent map[string]any
		json.Unmarshal([]byte(req), &sent)
		for lines.Scan() {
			var msg map[string]any
			if err := json.Unmarshal(lines.Bytes(), &msg); err != nil || msg["jsonrpc"] != "2.0" {
				t.Fatalf("stdout holds a line that is no JSON-RPC message: %q", lines.Text())
			}
			if sent["id"] == nil || msg["id"] == sent["id"] {
				return msg
			}
		}
		t.Fatalf("no response to %s: %v\nstderr:\n%s", req, lines.Err(), stderr.String())
		return nil
	}
	init := exchange(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"0"}}}`)
	if init["result"] == nil {
		t.Fatalf("initialize: %v", init)
	}
	if _, err := io.WriteString(stdin, `{"jsonrpc":"2.0","method":"notifications/initialized"}`+"\n"); err != nil {
		t.Fatal(err)
	}
	res := exchange(`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"search","arguments":{"query":"ConnectTimeout","limit":1}}}`)
	if !strings.Contains(toJSON(res), "2025-07-15-payment-egress-proxy-stale-dns") {
		t.Errorf("tools/call search: %s", toJSON(res))
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Errorf("fupan mcp: %v\nstderr:\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "using the example reviews") {
		t.Errorf("stderr does not say that it serves the examples:\n%s", stderr.String())
	}
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
