package search

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan/fupan/internal/cputime"
	"github.com/fupan/fupan/internal/gen"
)

const benchN = 10000

// BenchmarkIndex builds the index of 10,000 generated reviews on disk, in
// batches (goal: under 5 s), and reports the CPU time of the process on
// all cores (cpu-s), which a loaded machine inflates less than the wall
// time.
func BenchmarkIndex(b *testing.B) {
	fsys := gen.MapFS(gen.Options{N: benchN, Seed: 1})
	for b.Loop() {
		start := cputime.Self()
		ix, err := Open(b.Context(), fsys, Options{Dir: b.TempDir()})
		b.ReportMetric((cputime.Self() - start).Seconds(), "cpu-s")
		if err != nil {
			b.Fatal(err)
		}
		if ix.Update.Added != benchN {
			b.Fatalf("indexed %d reviews, want %d", ix.Update.Added, benchN)
		}
		ix.Close()
	}
}

// BenchmarkSearchWarm is a search on a warm index of 10,000 reviews, in
// process: Open (stat every file, no parse) and Search.
func BenchmarkSearchWarm(b *testing.B) {
	root := b.TempDir()
	if err := gen.WriteDir(root, gen.Options{N: benchN, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	state := filepath.Join(root, ".fupan", "search")
	ix, err := Open(b.Context(), os.DirFS(root), Options{Dir: state})
	if err != nil {
		b.Fatal(err)
	}
	ix.Close()
	for b.Loop() {
		ix, err := Open(b.Context(), os.DirFS(root), Options{Dir: state})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ix.Search(context.Background(), "ConnectTimeout", 10); err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}

// BenchmarkSearchProcess times "fupan search ConnectTimeout" as a whole
// process on a warm index of 10,000 reviews, beside "git grep -l
// ConnectTimeout" over the same files, committed, in turn (goal: at or
// under git grep, fupan/git-grep ≤ 1).
func BenchmarkSearchProcess(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("no git")
	}
	tmp := b.TempDir()
	bin := filepath.Join(tmp, "fupan")
	build := exec.Command("go", "build", "-o", bin, "github.com/fupan/fupan/cmd/fupan")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	repo := filepath.Join(tmp, "repo")
	if err := gen.WriteDir(repo, gen.Options{N: benchN, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	var cpu time.Duration // of the last command run, user and system
	run := func(name string, args ...string) string {
		cmd := exec.Command(name, args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=b", "GIT_AUTHOR_EMAIL=b@example.com",
			"GIT_COMMITTER_NAME=b", "GIT_COMMITTER_EMAIL=b@example.com", "NO_COLOR=1")
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
		}
		cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		return string(out)
	}
	run("git", "init", "-q")
	run("git", "add", "reviews")
	run("git", "commit", "-q", "-m", "reviews")
	run(bin, "search", "--repo", ".", "ConnectTimeout") // warm the index

	var fupan, grep, fupanCPU, grepCPU time.Duration
	for b.Loop() {
		start := time.Now()
		if out := run(bin, "search", "--repo", ".", "ConnectTimeout"); !strings.Contains(out, "ConnectTimeout") {
			b.Fatalf("fupan search found nothing:\n%s", out)
		}
		fupan += time.Since(start)
		fupanCPU += cpu
		start = time.Now()
		run("git", "grep", "-l", "ConnectTimeout")
		grep += time.Since(start)
		grepCPU += cpu
	}
	n := float64(b.N)
	b.ReportMetric(float64(fupan.Microseconds())/1000/n, "ms/fupan")
	b.ReportMetric(float64(grep.Microseconds())/1000/n, "ms/git-grep")
	b.ReportMetric(float64(fupan)/float64(grep), "fupan/git-grep")
	// The CPU time of each, on all cores, which a loaded machine inflates
	// less than the wall time.
	if grepCPU > 0 {
		b.ReportMetric(float64(fupanCPU.Microseconds())/1000/n, "cpu-ms/fupan")
		b.ReportMetric(float64(grepCPU.Microseconds())/1000/n, "cpu-ms/git-grep")
		b.ReportMetric(float64(fupanCPU)/float64(grepCPU), "cpu-fupan/git-grep")
	}
}
