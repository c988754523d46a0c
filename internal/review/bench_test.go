package review

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/sync/errgroup"

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

// BenchmarkSecretScan10k measures what the secret scan adds to checking
// 10,000 generated reviews: each round checks them (Load, which scans)
// and then scans them alone, on as many goroutines as Load uses, and
// reports the scan's time as a share of the rest of the check, "scan-%".
// Goal: under 20.
func BenchmarkSecretScan10k(b *testing.B) {
	fsys := gen.MapFS(gen.Options{N: 10_000, Seed: 1})
	var srcs [][]byte
	for _, f := range fsys {
		src, bad := cleanSource(f.Data)
		if bad != nil {
			b.Fatal(bad)
		}
		srcs = append(srcs, src)
	}
	var check, scan time.Duration
	for b.Loop() {
		t0 := time.Now()
		repo, err := Load(fsys, Options{Now: now})
		if err != nil {
			b.Fatal(err)
		}
		// The scan alone, on as many goroutines as Load checks files.
		t1 := time.Now()
		var g errgroup.Group
		workers := runtime.GOMAXPROCS(0)
		for w := range workers {
			g.Go(func() error {
				for i := w; i < len(srcs); i += workers {
					if found := scanner().find(srcs[i]); len(found) > 0 {
						return fmt.Errorf("a secret in a generated review: %s", found[0].rule.ID)
					}
				}
				return nil
			})
		}
		if err := g.Wait(); err != nil {
			b.Fatal(err)
		}
		scan += time.Since(t1)
		check += t1.Sub(t0)
		if errs, _ := Count(repo.Findings); errs > 0 {
			b.Fatalf("%d errors; first: %v", errs, repo.Findings[0].Error())
		}
	}
	b.ReportMetric(100*scan.Seconds()/(check-scan).Seconds(), "scan-%")
}

// BenchmarkCheck10kCached is BenchmarkCheck10k with a warm parsed-review
// cache: a Load in a new process finds every review in .fupan/parsed
// (MapFS has no file times, so each file is still read and hashed). It
// reports the size of the cache files, "cache-MB".
func BenchmarkCheck10kCached(b *testing.B) {
	fsys := gen.MapFS(gen.Options{N: 10_000, Seed: 1})
	fsys["fupan.yaml"] = &fstest.MapFile{Data: []byte(
		"services: [" + strings.Join(gen.Services, ", ") + "]\nteams: [" + strings.Join(gen.Teams, ", ") + "]\n")}
	opt := Options{Now: now, CacheDir: b.TempDir()}
	if _, err := Load(fsys, opt); err != nil {
		b.Fatal(err)
	}
	var size int64
	for i := range parsedCacheShards {
		st, err := os.Stat(shardName(filepath.Join(opt.CacheDir, parsedCacheFile), i))
		if err != nil {
			b.Fatal(err)
		}
		size += st.Size()
	}
	b.ResetTimer()
	for b.Loop() {
		repo, err := Load(fsys, opt)
		if err != nil {
			b.Fatal(err)
		}
		if errs, _ := Count(repo.Findings); errs > 0 || len(repo.Reviews) != 10_000 {
			b.Fatalf("%d reviews, %d errors", len(repo.Reviews), errs)
		}
	}
	b.ReportMetric(float64(size)/1e6, "cache-MB")
}

// BenchmarkLoadCached10k is a Load of 10,000 reviews on disk in a new
// process after one review changed, as fupan build does it: each file's
// hash from the stat cache, its parse from the parsed-review cache. It
// reports the heap the loaded repository holds, "live-MB".
func BenchmarkLoadCached10k(b *testing.B) {
	dir := b.TempDir()
	if err := gen.WriteDir(dir, gen.Options{N: 10_000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	opt := Options{Now: now, CacheDir: filepath.Join(dir, ".fupan")}
	if _, err := Load(os.DirFS(dir), opt); err != nil {
		b.Fatal(err)
	}
	var live uint64
	b.ResetTimer()
	for b.Loop() {
		repo, err := Load(os.DirFS(dir), opt)
		if err != nil {
			b.Fatal(err)
		}
		if len(repo.Reviews) != 10_000 {
			b.Fatalf("%d reviews", len(repo.Reviews))
		}
		b.StopTimer()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		live = max(live, ms.HeapAlloc)
		runtime.KeepAlive(repo)
		b.StartTimer()
	}
	b.ReportMetric(float64(live)/1e6, "live-MB")
}
