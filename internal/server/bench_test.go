package server

import (
	"bytes"
	"maps"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/theme"
)

// BenchmarkServeRebuild10k: the rebuild of 'fupan serve' after one
// review of 10,000 is edited. Goal: under 300 ms.
func BenchmarkServeRebuild10k(b *testing.B) {
	fsys := gen.MapFS(gen.Options{N: 10000, Seed: 1})
	srv, err := New(Config{Repo: fsys, Site: site.Options{Theme: theme.FS()}})
	if err != nil {
		b.Fatal(err)
	}
	// The same review every run (a map's first key is random): the
	// review pages that depend on it differ from one review to another.
	name := slices.Sorted(maps.Keys(fsys))[len(fsys)/2]
	orig := fsys[name].Data
	i := 0
	for b.Loop() {
		i++
		fsys[name] = &fstest.MapFile{Data: append(bytes.Clone(orig), []byte("\nEdited "+time.Duration(i).String()+"\n")...)}
		if err := srv.Rebuild(); err != nil {
			b.Fatal(err)
		}
	}
}
