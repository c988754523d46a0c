package site

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/theme"
)

// BenchmarkBuild10k loads, checks and builds 10,000 generated reviews,
// the work of 'fupan build' without the disk. Goal: under 10 s and 1 GB.
func BenchmarkBuild10k(b *testing.B) {
	fsys := gen.MapFS(gen.Options{N: 10000, Seed: 1})
	for b.Loop() {
		start := time.Now()
		repo, err := review.Load(fsys, review.Options{})
		if err != nil {
			b.Fatal(err)
		}
		loaded := time.Since(start)
		files, err := Build(repo, Options{Theme: theme.FS()})
		if err != nil {
			b.Fatal(err)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		size := 0
		for _, d := range files {
			size += len(d)
		}
		b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MiB")
		b.Logf("load %v, total %v, %d files, %d MiB, Sys %d MiB, HeapInuse %d MiB",
			loaded.Round(time.Millisecond), time.Since(start).Round(time.Millisecond), len(files), size>>20, ms.Sys>>20, ms.HeapInuse>>20)
		errs, _ := review.Count(repo.Findings)
		if errs > 0 {
			b.Logf("note: %d error findings in the generated set: %v", errs, fmt.Sprint(&repo.Findings[0]))
		}
	}
}
