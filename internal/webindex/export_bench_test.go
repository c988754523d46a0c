package webindex_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/internal/webindex"
)

// BenchmarkExport10k times the export of the search index of 10,000
// generated reviews (25% Chinese), kept on disk as 'fupan build' keeps it,
// with its cache (webindex.WriteCached): cold, without a cache; after one
// review is edited, from the cache; and the same export without the cache
// (webindex.Write, as before the cache), and reports the ratios.
func BenchmarkExport10k(b *testing.B) {
	fsys := gen.MapFS(gen.Options{N: 10_000, Seed: 1, ChineseShare: 0.25})
	dir := b.TempDir()
	opt := search.Options{Dir: filepath.Join(dir, "search")}
	cache := filepath.Join(dir, "search-export")
	paths := slices.Sorted(maps.Keys(fsys))
	edited := paths[len(paths)/2]
	for i := 0; b.Loop(); i++ {
		os.Remove(cache)
		cold, _ := exportOnce(b, fsys, opt, cache, false)
		fsys[edited] = &fstest.MapFile{Data: append(slices.Clone(fsys[edited].Data), "\nEdited once more.\n"...)}
		one, full := exportOnce(b, fsys, opt, cache, true)
		b.ReportMetric(cold.Seconds(), "cold-s")
		b.ReportMetric(one.Seconds(), "one-edit-s")
		b.ReportMetric(full.Seconds(), "one-edit-uncached-s")
		b.ReportMetric(one.Seconds()/cold.Seconds(), "one-edit/cold")
		b.ReportMetric(one.Seconds()/full.Seconds(), "one-edit/uncached")
	}
}

// exportOnce opens the index of fsys with opt and times its export with
// the cache, and when uncached is set, again without.
func exportOnce(b *testing.B, fsys fstest.MapFS, opt search.Options, cache string, uncached bool) (withCache, without time.Duration) {
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
	start := time.Now()
	st, err := webindex.WriteCached(map[string][]byte{}, ix, repo.Reviews, cache)
	if err != nil {
		b.Fatal(err)
	}
	withCache = time.Since(start)
	b.Logf("cached %v: %+v", withCache.Round(time.Millisecond), st)
	if uncached {
		start := time.Now()
		if _, err := webindex.Write(map[string][]byte{}, ix, repo.Reviews); err != nil {
			b.Fatal(err)
		}
		without = time.Since(start)
		b.Logf("uncached %v", without.Round(time.Millisecond))
	}
	return withCache, without
}
