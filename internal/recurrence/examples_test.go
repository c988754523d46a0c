package recurrence

import (
	"os"
	"slices"
	"testing"

	"github.com/fupan/fupan/internal/review"
)

// TestExamples: in the example reviews, the two recurrences (one in
// English, one in Chinese) are seen before with an action still open, and
// no other review is.
func TestExamples(t *testing.T) {
	repo, err := review.Load(os.DirFS("../.."), review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix := New(repo.Reviews)
	want := map[string]string{
		"2026-11-24-checkout-stock-reserve-connect-timeout-again": "2025-04-22-stock-reserve-retry-storm",
		"2026-11-17-stock-consumer-commit-failed-again":           "2025-11-12-stock-consumer-commit-failed",
	}
	for _, r := range repo.Reviews {
		ms := ix.SeenBefore(r, 0)
		prior, ok := want[r.ID]
		if !ok {
			if len(ms) > 0 {
				t.Errorf("%s is seen before in %s", r.ID, ms[0].Review.ID)
			}
			continue
		}
		if len(ms) != 1 || ms[0].Review.ID != prior {
			t.Fatalf("%s: seen before %v, want %s", r.ID, ms, prior)
		}
		if msg, open := Message(ms[0]); !open {
			t.Errorf("%s: %s: want an open action", r.ID, msg)
		}
		if !slices.Contains(ms[0].Kinds, ReasonDependency) || !slices.Contains(ms[0].Kinds, ReasonException) {
			t.Errorf("%s: reasons %v", r.ID, ms[0].Reasons)
		}
		if again := ix.SeenAgain(ms[0].Review, 0); len(again) != 1 || again[0].Review != r {
			t.Errorf("%s: seen again %v", prior, again)
		}
	}
}
