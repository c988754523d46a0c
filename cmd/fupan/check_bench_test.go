package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/fupan/fupan/internal/cputime"
)

// BenchmarkCheckChangedSince10k is a pull request's check: 'fupan check
// --changed-since origin/main' with one review edited on a repository of
// 10,000 generated reviews in git (the recurrence finding included). The
// goal is under 1 s an operation. cpu-s/op is the CPU time of an
// operation on all cores, which a loaded machine does not inflate.
func BenchmarkCheckChangedSince10k(b *testing.B) {
	dir := benchBuildRepo(b, 10_000)
	commit(b, dir)
	g, err := git.PlainOpen(dir)
	if err != nil {
		b.Fatal(err)
	}
	head, err := g.Head()
	if err != nil {
		b.Fatal(err)
	}
	if err := g.Storer.SetReference(plumbing.NewHashReference("refs/remotes/origin/main", head.Hash())); err != nil {
		b.Fatal(err)
	}
	var files []string
	err = filepath.WalkDir(filepath.Join(dir, "reviews"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".md" {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	slices.Sort(files)
	edited := files[len(files)/2]
	data, err := os.ReadFile(edited)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(edited, append(data, "\nAn edit in the pull request.\n"...), 0o644); err != nil {
		b.Fatal(err)
	}
	// A first run, as the workflow's, leaves the caches a second one reads.
	if code, _, errOut := runCLI(b, "check", "--repo", dir, "--changed-since", "origin/main", "--format", "json"); code == exitUsage {
		b.Fatalf("check: exit %d: %s", code, errOut)
	}
	b.ResetTimer()
	cpu := cputime.Self()
	for b.Loop() {
		code, out, errOut := runCLI(b, "check", "--repo", dir, "--changed-since", "origin/main", "--format", "json")
		if code == exitUsage || out == "" {
			b.Fatalf("check: exit %d: %s", code, errOut)
		}
	}
	if cpu := cputime.Self() - cpu; cpu > 0 {
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op") // on all cores
	}
}
