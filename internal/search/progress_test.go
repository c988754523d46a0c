package search

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/fupan/fupan/internal/progress"
)

// TestProgress: the first index reports each review it indexes; an index
// that is up to date reports nothing; one changed review is one step.
func TestProgress(t *testing.T) {
	root := writeExamples(t)
	names, err := filepath.Glob(filepath.Join(root, "reviews", "*.md"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	open := func() *progress.Recorder {
		t.Helper()
		var rec progress.Recorder
		ix, err := Open(context.Background(), os.DirFS(root), Options{Dir: filepath.Join(root, ".fupan", "search"), Progress: &rec})
		if err != nil {
			t.Fatal(err)
		}
		ix.Close()
		return &rec
	}
	check := func(step string, rec *progress.Recorder, want int) {
		t.Helper()
		if want == 0 {
			if len(rec.Phases) != 0 {
				t.Errorf("%s: %d phases, want none", step, len(rec.Phases))
			}
			return
		}
		if len(rec.Phases) != 1 {
			t.Fatalf("%s: %d phases, want 1", step, len(rec.Phases))
		}
		p := rec.Phases[0]
		if p.Name != "search index" || p.Noun != "review" || p.Total != want || p.Count() != want || p.Done() != 1 {
			t.Errorf("%s: phase %q of %q: %d of %d, Done %d times; want %d of %d, Done once", step, p.Name, p.Noun, p.Count(), p.Total, p.Done(), want, want)
		}
	}
	check("first index", open(), len(names))
	check("up to date", open(), 0)
	data, err := os.ReadFile(names[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(names[0], append(data, "\nOne more line.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	check("one changed", open(), 1)
}
