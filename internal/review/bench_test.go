package review

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/fupan/fupan/internal/gen"
)

// BenchmarkCheck10k checks a generated repository of 10,000 reviews, with
// a fupan.yaml whose catalogs the reviews are checked against. Goal: under
// 2 s on a 2-core machine.
func BenchmarkCheck10k(b *testing.B) {
	fsys := gen.MapFS(gen.Options{N: 10_000, Seed: 1})
	fsys["fupan.yaml"] = &fstest.MapFile{Data: []byte(
		"services: [" + strings.Join(gen.Services, ", ") + "]\nteams: [" + strings.Join(gen.Teams, ", ") + "]\n")}
	b.ResetTimer()
	for b.Loop() {
		repo, err := Load(fsys, Options{Now: now})
		if err != nil {
			b.Fatal(err)
		}
		if errs, _ := Count(repo.Findings); errs > 0 || len(repo.Reviews) != 10_000 {
			b.Fatalf("%d reviews, %d errors; first: %v", len(repo.Reviews), errs, repo.Findings[0].Error())
		}
	}
}
