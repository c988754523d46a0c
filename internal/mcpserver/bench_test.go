package mcpserver

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/search"
)

const benchN = 10000

// benchRepo is a repository of 10,000 generated reviews with its index
// built, shared by the benchmarks of a run and removed by TestMain.
var benchRepo = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "fupan-mcp-bench-")
	if err != nil {
		return "", err
	}
	benchDirs = append(benchDirs, dir)
	if err := gen.WriteDir(dir, gen.Options{N: benchN, Seed: 1}); err != nil {
		return "", err
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		return "", err
	}
	defer r.Close()
	ix, err := search.Open(context.Background(), r.FS(), search.Options{Dir: filepath.Join(dir, ".fupan", "search")})
	if err != nil {
		return "", err
	}
	return dir, ix.Close()
})

var benchDirs []string

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range benchDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

func warmRepo(b *testing.B) string {
	b.Helper()
	dir, err := benchRepo()
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkSearchTool is a search tool call, through the SDK's client and
// an in-memory transport, on a warm server of 10,000 reviews (goal: under
// 20 ms).
func BenchmarkSearchTool(b *testing.B) {
	_, cs := connect(b, onDisk(b, warmRepo(b), true))
	ctx := context.Background()
	params := &mcp.CallToolParams{Name: "search", Arguments: map[string]any{"query": "ConnectTimeout"}}
	if res, err := cs.CallTool(ctx, params); err != nil || res.IsError {
		b.Fatalf("search: %v %+v", err, res)
	}
	for b.Loop() {
		res, err := cs.CallTool(ctx, params)
		if err != nil || res.IsError {
			b.Fatalf("search: %v %+v", err, res)
		}
	}
}

// BenchmarkStart starts a server on a warm index of 10,000 reviews and
// connects a client to it (the initialize handshake), then closes both
// (goal: under 200 ms).
func BenchmarkStart(b *testing.B) {
	cfg := onDisk(b, warmRepo(b), true)
	ctx := context.Background()
	for b.Loop() {
		srv, err := New(cfg)
		if err != nil {
			b.Fatal(err)
		}
		st, ct := mcp.NewInMemoryTransports()
		ss, err := srv.MCP().Connect(ctx, st, nil)
		if err != nil {
			b.Fatal(err)
		}
		cs, err := mcp.NewClient(&mcp.Implementation{Name: "bench", Version: "v0"}, nil).Connect(ctx, ct, nil)
		if err != nil {
			b.Fatal(err)
		}
		cs.Close()
		ss.Wait()
		srv.Close()
	}
}
