package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/fupan/fupan/internal/cputime"
	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/internal/webindex"
	"github.com/fupan/fupan/theme"
)

// benchBuildRepo writes n generated reviews (25% Chinese) into a new
// repository folder.
func benchBuildRepo(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "repo")
	if err := gen.WriteDir(dir, gen.Options{N: n, Seed: 1, Folders: true, ChineseShare: 0.25}); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "fupan.yaml"), []byte("title: Bench\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkBuildPhases10k profiles a cold build of 10,000 reviews (without
// git: the history has its own benchmark in internal/history) by phase:
// check (review.Load), index (the search index, in memory), export
// (webindex.Write), render (site.Build), writes (Files.WriteDir). It
// reports each in seconds and the cold build's ratio to the disk's floor
// measured in the same run: reading every review file, and writing the
// files of the site (their number and bytes) into a new folder.
func BenchmarkBuildPhases10k(b *testing.B) { benchBuildPhases(b, 10_000) }

// BenchmarkBuildPhases1k is BenchmarkBuildPhases10k at 1,000 reviews.
func BenchmarkBuildPhases1k(b *testing.B) { benchBuildPhases(b, 1_000) }

func benchBuildPhases(b *testing.B, n int) {
	dir := benchBuildRepo(b, n)
	fsys := os.DirFS(dir)
	ctx := context.Background()
	for b.Loop() {
		phase := map[string]time.Duration{}
		timed := func(name string, f func() error) {
			b.Helper()
			start := time.Now()
			if err := f(); err != nil {
				b.Fatalf("%s: %v", name, err)
			}
			phase[name] += time.Since(start)
		}

		// The floor: read the reviews.
		timed("floor-read", func() error {
			return fs.WalkDir(fsys, "reviews", func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				_, err = fs.ReadFile(fsys, p)
				return err
			})
		})

		var repo *review.Repo
		timed("check", func() (err error) {
			repo, err = review.Load(fsys, review.Options{})
			return err
		})
		if errs, _ := review.Count(repo.Findings); errs > 0 {
			b.Fatalf("%d errors in the generated reviews", errs)
		}
		var ix *search.Index
		timed("index", func() (err error) {
			ix, err = search.Open(ctx, fsys, search.Options{})
			return err
		})
		files := site.Files{}
		timed("export", func() error {
			_, err := webindex.Write(files, ix, repo.Reviews)
			return err
		})
		ix.Close()
		timed("render", func() error {
			pages, err := site.Build(repo, site.Options{Theme: theme.FS()})
			for name, data := range pages {
				files[name] = data
			}
			return err
		})
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		out := filepath.Join(b.TempDir(), "site")
		timed("writes", func() error { return files.WriteDir(out, "") })

		// The floor: write as many files of the same sizes, from one
		// buffer, without rendering, one after another.
		size := 0
		for _, d := range files {
			size = max(size, len(d))
		}
		buf := make([]byte, size)
		floorOut := filepath.Join(b.TempDir(), "floor")
		timed("floor-write", func() error {
			for name, d := range files {
				p := filepath.Join(floorOut, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					return err
				}
				if err := os.WriteFile(p, buf[:len(d)], 0o644); err != nil {
					return err
				}
			}
			return nil
		})

		cold := phase["check"] + phase["index"] + phase["export"] + phase["render"] + phase["writes"]
		floor := phase["floor-read"] + phase["floor-write"]
		var lines []string
		for _, name := range []string{"check", "index", "export", "render", "writes", "floor-read", "floor-write"} {
			b.ReportMetric(phase[name].Seconds(), name+"-s")
			lines = append(lines, fmt.Sprintf("%s %v", name, phase[name].Round(time.Millisecond)))
		}
		bytes := 0
		for _, d := range files {
			bytes += len(d)
		}
		b.ReportMetric(cold.Seconds(), "cold-s")
		b.ReportMetric(cold.Seconds()/floor.Seconds(), "cold/floor")
		b.ReportMetric(float64(len(files)), "files")
		b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MiB")
		b.Logf("%d reviews: %s; cold %v, floor %v; %d files, %d MiB; Sys %d MiB",
			n, strings.Join(lines, ", "), cold.Round(time.Millisecond), floor.Round(time.Millisecond), len(files), bytes>>20, ms.Sys>>20)
	}
}

// BenchmarkBuildIncremental10k times 'fupan build' of 10,000 reviews with
// its state in .fupan/: cold, then with nothing changed (goal: under 1 s),
// then after one review is edited (goal: under 2 s), and once more after
// another edit (the build then has the site before the last to recycle),
// and reports each against the cold build of the same run.
func BenchmarkBuildIncremental10k(b *testing.B) {
	dir := benchBuildRepo(b, 10_000)
	out := filepath.Join(b.TempDir(), "site")
	// cpu is the CPU time of each build, on all cores, which a loaded
	// machine does not inflate as it does the wall time.
	cpu := map[string]time.Duration{}
	build := func(want string) time.Duration {
		b.Helper()
		start, startCPU := time.Now(), cputime.Self()
		code, stdout, stderr := runCLI(b, "build", "--repo", dir, "--out", out)
		if code != exitOK {
			b.Fatalf("fupan build: exit %d\n%s", code, stderr)
		}
		if !strings.Contains(stdout, want) {
			b.Fatalf("fupan build said %q, want %q", stdout, want)
		}
		cpu[want] = cputime.Self() - startCPU
		b.Logf("%s\n%s", stdout, stderr)
		return time.Since(start)
	}
	var edited string
	err := filepath.WalkDir(filepath.Join(dir, "reviews"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && edited == "" && strings.HasSuffix(p, ".md") {
			edited = p
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		os.RemoveAll(filepath.Join(dir, stateDir))
		cold := build("10000 reviews")
		same := build("nothing changed")
		edit := func(n int) {
			data, err := os.ReadFile(edited)
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(edited, fmt.Appendf(data, "\nEdit %d.%d.\n", i, n), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		edit(1)
		one := build("kept from the last build")
		oneCPU := cpu["kept from the last build"]
		// Again: a build that has the site before the last to start from.
		edit(2)
		next := build("kept from the last build")
		b.ReportMetric(cold.Seconds(), "cold-s")
		b.ReportMetric(same.Seconds(), "unchanged-s")
		b.ReportMetric(one.Seconds(), "one-edit-s")
		b.ReportMetric(same.Seconds()/cold.Seconds(), "unchanged/cold")
		b.ReportMetric(one.Seconds()/cold.Seconds(), "one-edit/cold")
		b.ReportMetric(cpu["10000 reviews"].Seconds(), "cold-cpu-s")
		b.ReportMetric(oneCPU.Seconds(), "one-edit-cpu-s")
		b.ReportMetric(next.Seconds(), "next-edit-s")
		b.ReportMetric(cpu["kept from the last build"].Seconds(), "next-edit-cpu-s")
	}
}
