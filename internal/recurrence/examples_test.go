package recurrence

import (
	"os"
	"testing"

	"github.com/fupan/fupan/internal/review"
)

// loadExamples loads the example reviews of the repository.
func loadExamples(t *testing.T) *review.Repo {
	t.Helper()
	repo, err := review.Load(os.DirFS("../.."), review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return repo
}

func TestExamplesPrint(t *testing.T) {
	repo := loadExamples(t)
	ix := New(repo.Reviews)
	for _, r := range repo.Reviews {
		for _, m := range ix.SeenBefore(r, 0) {
			msg, _ := Message(m)
			t.Logf("%s: %d %v %s", r.ID, m.Score, m.Reasons, msg)
		}
	}
}
