package site

import (
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
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

// maxPage is the most HTML a page of the site may hold, whatever the
// number of reviews: lists are split by year and into pages.
const maxPage = 200 << 10

// largestPage returns the name and size of the largest HTML page.
func largestPage(files Files) (string, int) {
	name, size := "", 0
	for n, d := range files {
		if strings.HasSuffix(n, ".html") && len(d) > size {
			name, size = n, len(d)
		}
	}
	return name, size
}

// BenchmarkLargestPage10k builds the site of 10,000 generated reviews
// and reports its largest HTML page, which must stay under maxPage.
func BenchmarkLargestPage10k(b *testing.B) {
	repo, err := review.Load(gen.MapFS(gen.Options{N: 10000, Seed: 1}), review.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		files, err := Build(repo, Options{Theme: theme.FS()})
		if err != nil {
			b.Fatal(err)
		}
		name, size := largestPage(files)
		b.ReportMetric(float64(size)/1024, "largest-kB")
		if size >= maxPage {
			b.Errorf("%s is %d kB, over %d kB", name, size>>10, maxPage>>10)
		}
	}
}

// BenchmarkBuildFrom10k times what fupan build does after one review of
// 10,000 is edited, less loading the reviews and the search index:
// rendering from the last site (BuildFrom) and writing the new one
// (Output.WriteDir, which carries the other files over by hard links and
// removes the last). Goal: well under the 2 s of the whole build.
func BenchmarkBuildFrom10k(b *testing.B) {
	fsys := gen.MapFS(gen.Options{N: 10000, Seed: 1, ChineseShare: 0.25})
	load := loader(b, fsys, review.Options{})
	repo, hashes := load()
	tmp := b.TempDir()
	// As fupan build, which keeps the recurrence matches in .fupan.
	opt := Options{Theme: theme.FS(), Cache: Cache{File: filepath.Join(tmp, "recurrence"), Key: "bench"}}
	dir := filepath.Join(tmp, "site")
	start := time.Now()
	// The hashes of the review files, which the records of a site of
	// packed sources need.
	o, err := BuildFrom(repo, &Last{Hashes: hashes}, opt)
	if err != nil {
		b.Fatal(err)
	}
	coldRender := time.Since(start)
	m, err := o.WriteDir(dir, "", nil)
	if err != nil {
		b.Fatal(err)
	}
	coldWrite := time.Since(start) - coldRender
	o = nil
	edited := repo.Reviews[len(repo.Reviews)/2].Path
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		f := fsys[edited]
		f.Data = fmt.Appendf(slices.Clip(f.Data), "\nEdit %d.\n", i)
		repo, hashes := load()
		b.StartTimer()

		start := time.Now()
		o, err := BuildFrom(repo, &Last{Manifest: m, Dir: dir, Hashes: hashes}, opt)
		if err != nil {
			b.Fatal(err)
		}
		rendered := time.Since(start)
		if !o.Resumed {
			b.Fatalf("the build did not start from the last site: %s", o.Why)
		}
		if m, err = o.WriteDir(dir, "", m); err != nil {
			b.Fatal(err)
		}
		written := time.Since(start) - rendered
		b.ReportMetric(rendered.Seconds(), "render-s")
		b.ReportMetric(written.Seconds(), "write-s")
		b.ReportMetric(float64(o.Rendered), "pages")
		// Against the cold build of the same run (the machine may be
		// loaded).
		b.ReportMetric(rendered.Seconds()/coldRender.Seconds(), "render/cold")
		b.ReportMetric(written.Seconds()/coldWrite.Seconds(), "write/cold")
		b.Logf("cold: render %v, write %v; one edit: render %v (%d pages), write %v",
			coldRender.Round(time.Millisecond), coldWrite.Round(time.Millisecond), rendered.Round(time.Millisecond), o.Rendered, written.Round(time.Millisecond))
	}
}

// BenchmarkWriteSiteMemory10k builds the site of 10,000 reviews from
// nothing twice in one run, and reports the most heap each took above
// the loaded reviews: written as it is rendered (WriteSite), and
// collected whole, then written (BuildFrom, Output.WriteDir).
func BenchmarkWriteSiteMemory10k(b *testing.B) {
	repo, err := review.Load(gen.MapFS(gen.Options{N: 10000, Seed: 1, ChineseShare: 0.25}), review.Options{})
	if err != nil {
		b.Fatal(err)
	}
	opt := Options{Theme: theme.FS()}
	for b.Loop() {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		base := ms.HeapInuse
		streamed := peakHeap(func() {
			if _, _, err := WriteSite(repo, nil, opt, Target{Dir: filepath.Join(b.TempDir(), "streamed")}); err != nil {
				b.Fatal(err)
			}
		})
		collected := peakHeap(func() {
			o, err := BuildFrom(repo, nil, opt)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := o.WriteDir(filepath.Join(b.TempDir(), "collected"), "", nil); err != nil {
				b.Fatal(err)
			}
		})
		b.ReportMetric(float64(streamed-base)/(1<<20), "streamed-MiB")
		b.ReportMetric(float64(collected-base)/(1<<20), "collected-MiB")
		b.Logf("heap above the reviews (%d MiB): streamed %d MiB, collected %d MiB", base>>20, (streamed-base)>>20, (collected-base)>>20)
	}
}

// peakHeap runs f and returns the most heap in use while it ran, sampled
// every 10 ms.
func peakHeap(f func()) uint64 {
	runtime.GC()
	done := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var most uint64
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			most = max(most, ms.HeapInuse)
			select {
			case <-done:
				peak <- most
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(done)
	return <-peak
}
