package site

import (
	"testing"

	"github.com/fupan/fupan/internal/progress"
	"github.com/fupan/fupan/reviews"
	"github.com/fupan/fupan/theme"
)

// TestProgress: a build tells its reporter of one phase whose steps, all
// done, are as many as it has.
func TestProgress(t *testing.T) {
	var rec progress.Recorder
	repo := load(t, reviews.FS())
	if _, err := Build(repo, Options{Theme: theme.FS(), Progress: &rec}); err != nil {
		t.Fatal(err)
	}
	if len(rec.Phases) != 1 {
		t.Fatalf("%d phases, want 1", len(rec.Phases))
	}
	p := rec.Phases[0]
	// A page and a source file of each review, at least.
	if least := 2 * len(repo.Reviews); p.Name != "pages" || p.Total < least || p.Count() != p.Total || p.Done() != 1 {
		t.Errorf("phase %q: %d of %d steps, Done %d times; want every step of at least %d, Done once", p.Name, p.Count(), p.Total, p.Done(), least)
	}
}
