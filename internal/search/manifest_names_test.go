package search

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A review whose file name holds a tab, a newline or a leading quote is
// remembered like any other: the manifest reads back what it wrote, and
// the next Open finds nothing changed.
func TestManifestOddNames(t *testing.T) {
	root := t.TempDir()
	review := []byte("---\ntitle: Zanzibar quota exhausted\ndate: 2026-10-01\nstatus: draft\nseverity: SEV3\nservices: [order-api]\nsummary: For 3 minutes 2% of calls failed.\n---\nBody.\n")
	for _, name := range []string{"a\nb\tc.md", `"quoted".md`, "2026-10-01-plain.md", "d\re\\f.md"} {
		p := filepath.Join(root, "reviews", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, review, 0o644); err != nil {
			t.Skipf("this file system refuses %q: %v", name, err)
		}
	}
	state := filepath.Join(root, ".fupan", "search")
	for i, want := range []Update{{Added: 4, Rebuilt: NoIndex}, {Unchanged: 4}} {
		ix, err := Open(context.Background(), os.DirFS(root), Options{Dir: state})
		if err != nil {
			t.Fatal(err)
		}
		ix.Close()
		if diff := cmp.Diff(want, ix.Update); diff != "" {
			t.Errorf("Open %d (-want +got):\n%s", i+1, diff)
		}
	}
}
