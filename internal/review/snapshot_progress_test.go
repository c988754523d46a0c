package review

import (
	"testing"
	"testing/fstest"

	"github.com/fupan/fupan/internal/progress"
)

// TestLoadProgress: a load reports each review file it checks; a
// snapshot's next load reports only the files that changed.
func TestLoadProgress(t *testing.T) {
	review := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: 2026-01-02\nstatus: draft\nseverity: SEV3\nservices: [api]\nsummary: 3 requests failed.\n---\n")}
	}
	fsys := fstest.MapFS{
		"reviews/2026-01-02-a.md": review("A"),
		"reviews/2026-01-02-b.md": review("B"),
		"reviews/2026-01-02-c.md": review("C"),
	}
	s := NewSnapshot(fsys)
	load := func(step string, want int) {
		t.Helper()
		var rec progress.Recorder
		if _, _, err := s.Load(Options{Progress: &rec}); err != nil {
			t.Fatal(err)
		}
		if len(rec.Phases) != 1 {
			t.Fatalf("%s: %d phases, want 1", step, len(rec.Phases))
		}
		p := rec.Phases[0]
		if p.Name != "check" || p.Noun != "review" || p.Total != want || p.Count() != want || p.Done() != 1 {
			t.Errorf("%s: phase %q of %q: %d of %d, Done %d times; want %d of %d, Done once", step, p.Name, p.Noun, p.Count(), p.Total, p.Done(), want, want)
		}
	}
	load("first", 3)
	fsys["reviews/2026-01-02-b.md"] = review("B, mended")
	load("one changed", 1)
}
