//go:build unix

package review

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe (or a symlink to one) named like a review is reported and
// never opened: opening it would wait for a writer for ever, and Load,
// Scan and every command built on them would hang.
func TestLoadSkipsFilesThatAreNotRegular(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "reviews")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "2025-01-01-pipe.md"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if err := os.Symlink("2025-01-01-pipe.md", filepath.Join(dir, "2025-01-02-link.md")); err != nil {
		t.Fatal(err)
	}
	fsys := os.DirFS(root)

	done := make(chan struct{})
	var (
		repo    *Repo
		loadErr error
		states  []State
		scanErr error
	)
	go func() {
		defer close(done)
		repo, loadErr = Load(fsys, Options{})
		states, scanErr = Scan(fsys, nil)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("Load or Scan still waiting after 20 s: it opened the named pipe")
	}
	if loadErr != nil || scanErr != nil {
		t.Fatalf("Load: %v; Scan: %v", loadErr, scanErr)
	}
	if len(states) != 0 {
		t.Errorf("Scan listed %v, want nothing", states)
	}
	want := map[string]bool{"reviews/2025-01-01-pipe.md": false, "reviews/2025-01-02-link.md": false}
	for _, f := range repo.Findings {
		if _, ok := want[f.File]; ok && f.Severity == Error && strings.Contains(f.Message, "a named pipe") {
			want[f.File] = true
		}
	}
	for file, found := range want {
		if !found {
			t.Errorf("no finding that %s is a named pipe; findings: %v", file, repo.Findings)
		}
	}
}
