package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A child is what a benchmark measured of one process it ran: how long
// it took, the CPU time it used (user and system, which a loaded machine
// inflates less than the wall time) and its peak resident set size.
type child struct {
	wall, cpu time.Duration
	peakRSS   int64 // bytes
}

// runChild runs name with args in dir and returns its time and peak RSS,
// from the process's own rusage; it fails the benchmark when the process
// fails.
func runChild(b *testing.B, dir, name string, args ...string) child {
	b.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		b.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, tail(out.String(), 2000))
	}
	ps := cmd.ProcessState
	return child{wall, ps.UserTime() + ps.SystemTime(), peakRSS(ps)}
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// coldBuild runs a cold 'fupan build' of the repository dir into out as
// a process: without the state of an earlier build (.fupan) or its site.
func coldBuild(b *testing.B, bin, dir, out string) child {
	b.Helper()
	for _, p := range []string{filepath.Join(dir, stateDir), out} {
		if err := os.RemoveAll(p); err != nil {
			b.Fatal(err)
		}
	}
	return runChild(b, dir, bin, "build", "--repo", dir, "--out", out)
}

// treeSize returns the number of files under dir and their bytes.
func treeSize(b *testing.B, dir string) (files int, bytes int64) {
	b.Helper()
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		bytes += info.Size()
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return files, bytes
}

const mib = 1 << 20
