package recurrence

import (
	"testing"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
)

// BenchmarkSeenBefore computes "seen before" and "seen again" for every
// review of a generated repository, the first 10 of each as a build
// shows them.
func BenchmarkSeenBefore(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(itoa(n), func(b *testing.B) {
			repo, err := review.Load(gen.MapFS(gen.Options{N: n, Seed: 1}), review.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				ix := New(repo.Reviews)
				matches := 0
				for _, r := range repo.Reviews {
					matches += len(ix.SeenBefore(r, 10)) + len(ix.SeenAgain(r, 10))
				}
				b.ReportMetric(float64(matches)/float64(n), "matches/review")
			}
		})
	}
}

func itoa(n int) string {
	switch n {
	case 1000:
		return "1k"
	case 10000:
		return "10k"
	}
	return "n"
}

// BenchmarkCheckOne is what 'fupan check --changed-since' adds for one
// changed review on a repository of 10,000: the index, and the findings
// of that review.
func BenchmarkCheckOne(b *testing.B) {
	repo, err := review.Load(gen.MapFS(gen.Options{N: 10000, Seed: 1}), review.Options{})
	if err != nil {
		b.Fatal(err)
	}
	r := repo.Reviews[len(repo.Reviews)/2]
	b.ResetTimer()
	for b.Loop() {
		New(repo.Reviews).Findings(r, &repo.Config)
	}
}
