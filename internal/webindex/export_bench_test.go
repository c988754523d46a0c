package webindex_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/fupan/fupan/internal/cputime"
	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/internal/webindex"
)

// BenchmarkExport10k times the export of the search index of 10,000
// generated reviews (25% Chinese), kept on disk as 'fupan build' keeps it,
// with its cache as 'fupan build' exports it (webindex.ExportCached, which
// gives the files of the shards it kept by hash only): cold, without a
// cache; after one review is edited, from the cache; and the same export
// without the cache (webindex.Write, as before the cache), and reports
// the ratios, and the memory the cold and the cached export allocate.
func BenchmarkExport10k(b *testing.B) {
	fsys := gen.MapFS(gen.Options{N: 10_000, Seed: 1, ChineseShare: 0.25})
	dir := b.TempDir()
	opt := search.Options{Dir: filepath.Join(dir, "search")}
	cache := filepath.Join(dir, "search-export")
	paths := slices.Sorted(maps.Keys(fsys))
	edited := paths[len(paths)/2]
	for i := 0; b.Loop(); i++ {
		os.RemoveAll(cache)
		cold, _ := exportOnce(b, fsys, opt, cache, false)
		fsys[edited] = &fstest.MapFile{Data: append(slices.Clone(fsys[edited].Data), "\nEdited once more.\n"...)}
		one, full := exportOnce(b, fsys, opt, cache, true)
		b.ReportMetric(cold.wall.Seconds(), "cold-s")
		b.ReportMetric(one.wall.Seconds(), "one-edit-s")
		b.ReportMetric(full.wall.Seconds(), "one-edit-uncached-s")
		b.ReportMetric(cold.cpu.Seconds(), "cold-cpu-s")
		b.ReportMetric(one.cpu.Seconds(), "one-edit-cpu-s")
		b.ReportMetric(full.cpu.Seconds(), "one-edit-uncached-cpu-s")
		b.ReportMetric(float64(cold.alloc)/1e6, "cold-alloc-MB")
		b.ReportMetric(float64(one.alloc)/1e6, "one-edit-alloc-MB")
		b.ReportMetric(one.wall.Seconds()/cold.wall.Seconds(), "one-edit/cold")
		b.ReportMetric(one.wall.Seconds()/full.wall.Seconds(), "one-edit/uncached")
	}
}

// took is what a step took: time on the clock, and on the CPU (the
// process's, user and system; on a loaded machine the clock lies more),
// and the bytes of memory it allocated (which, unlike the times, the
// load does not change: fresh memory costs a page fault a page).
type took struct {
	wall, cpu time.Duration
	alloc     uint64
}

// timeIt returns what f took.
func timeIt(b *testing.B, f func() error) took {
	b.Helper()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	start, c := time.Now(), cputime.Self()
	if err := f(); err != nil {
		b.Fatal(err)
	}
	t := took{wall: time.Since(start), cpu: cputime.Self() - c}
	runtime.ReadMemStats(&m1)
	t.alloc = m1.TotalAlloc - m0.TotalAlloc
	return t
}

// exportOnce opens the index of fsys with opt and times its export with
// the cache, and when uncached is set, again without.
func exportOnce(b *testing.B, fsys fstest.MapFS, opt search.Options, cache string, uncached bool) (withCache, without took) {
	b.Helper()
	repo, err := review.Load(fsys, review.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ix, err := search.Open(context.Background(), fsys, opt)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	var o *webindex.Output
	withCache = timeIt(b, func() (err error) {
		o, err = webindex.ExportCached(ix, repo.Reviews, cache)
		return err
	})
	b.Logf("cached %+v: %+v, %d files kept", withCache, o.Stats, len(o.Same))
	if uncached {
		without = timeIt(b, func() error {
			_, err := webindex.Write(map[string][]byte{}, ix, repo.Reviews)
			return err
		})
		b.Logf("uncached %+v", without)
	}
	return withCache, without
}
