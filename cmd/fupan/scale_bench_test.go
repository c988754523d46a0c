package main

import (
	"path/filepath"
	"testing"
)

// BenchmarkScale1k times a cold 'fupan build' of 1,000 generated reviews
// (25% Chinese, in year folders, without git) run as a process, its CPU
// time, and its peak RSS from the process's rusage, in all and per review,
// with the files and bytes of the site. The goals: peak RSS under 0.5 GB
// at 10,000 reviews, growing no faster than the number of reviews, and a
// build of 100,000 reviews on a 2-core, 24 GB machine.
func BenchmarkScale1k(b *testing.B) { benchScale(b, 1_000) }

// BenchmarkScale10k is BenchmarkScale1k at 10,000 reviews.
func BenchmarkScale10k(b *testing.B) { benchScale(b, 10_000) }

// BenchmarkScale30k is BenchmarkScale1k at 30,000 reviews.
func BenchmarkScale30k(b *testing.B) { benchScale(b, 30_000) }

// BenchmarkScale100k is BenchmarkScale1k at 100,000 reviews; it takes
// minutes: run it alone, with -benchtime 1x -timeout 60m.
func BenchmarkScale100k(b *testing.B) { benchScale(b, 100_000) }

func benchScale(b *testing.B, n int) {
	bin := buildFupan(b)
	dir := benchBuildRepo(b, n)
	out := filepath.Join(b.TempDir(), "site")
	for b.Loop() {
		c := coldBuild(b, bin, dir, out)
		files, bytes := treeSize(b, out)
		b.ReportMetric(c.wall.Seconds(), "cold-s")
		b.ReportMetric(c.cpu.Seconds(), "cpu-s")
		b.ReportMetric(float64(c.peakRSS)/mib, "peak-MiB")
		b.ReportMetric(float64(c.peakRSS)/float64(n)/1024, "KiB/review")
		b.ReportMetric(float64(files), "files")
		b.ReportMetric(float64(bytes)/mib, "site-MiB")
		b.Logf("%d reviews: cold build %v (CPU %v), peak RSS %d MiB (%d KiB a review); %d files, %d MiB",
			n, c.wall.Round(1e6), c.cpu.Round(1e6), c.peakRSS/mib, c.peakRSS/int64(n)/1024, files, bytes/mib)
	}
}
