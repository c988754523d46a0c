package webindex_test

import (
	"context"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/internal/webindex"
)

// BenchmarkExport10k times the export of the search index of 10,000
// generated reviews (25% Chinese), kept on disk as 'fupan build' keeps it:
// cold, from nothing, and again after one review is edited, and reports
// both and their ratio.
func BenchmarkExport10k(b *testing.B) {
	fsys := gen.MapFS(gen.Options{N: 10_000, Seed: 1, ChineseShare: 0.25})
	opt := search.Options{Dir: filepath.Join(b.TempDir(), "search")}
	paths := slices.Sorted(maps.Keys(fsys))
	edited := paths[len(paths)/2]
	for i := 0; b.Loop(); i++ {
		cold, _ := exportOnce(b, fsys, opt)
		fsys[edited] = &fstest.MapFile{Data: append(slices.Clone(fsys[edited].Data), "\nEdited once more.\n"...)}
		one, _ := exportOnce(b, fsys, opt)
		b.ReportMetric(cold.Seconds(), "cold-s")
		b.ReportMetric(one.Seconds(), "one-edit-s")
		b.ReportMetric(one.Seconds()/cold.Seconds(), "one-edit/cold")
	}
}

// exportOnce opens the index of fsys with opt and times its export.
func exportOnce(b *testing.B, fsys fstest.MapFS, opt search.Options) (time.Duration, map[string][]byte) {
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
	files := map[string][]byte{}
	start := time.Now()
	st, err := webindex.Write(files, ix, repo.Reviews)
	if err != nil {
		b.Fatal(err)
	}
	d := time.Since(start)
	if st.Docs != len(repo.Reviews) {
		b.Fatalf("exported %d of %d reviews", st.Docs, len(repo.Reviews))
	}
	b.Logf("%v: %+v", d.Round(time.Millisecond), st)
	_ = strings.Contains
	return d, files
}
