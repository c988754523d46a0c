package main

import (
	"math"
	"os"
	"runtime/debug"
)

// brieflyCollected are the commands whose run is mostly a moment: a search
// of an index that is up to date takes tens of milliseconds, a fifth of
// them in the garbage collector (whose first goal is a 4 MB heap, passed
// several times while the index opens).
var brieflyCollected = map[string]bool{"search": true}

// gcMemoryLimit is the heap at which such a run collects after all: far
// above a search's. A run that must index reviews collects as usual from
// then on (collectAsUsual): indexing 10,000 reviews holds more than this,
// and under the limit the collector would run without end.
const gcMemoryLimit = 512 << 20

// collectLess turns the garbage collector off, up to gcMemoryLimit, for a
// command of brieflyCollected (args as main has them, after the program
// name). It is process-wide, so main calls it, never Run.
func collectLess(args []string) {
	if collectsLess(args, os.Getenv) {
		debug.SetMemoryLimit(gcMemoryLimit)
		debug.SetGCPercent(-1)
	}
}

// collectsLess reports whether the run of args collects less: a command
// of brieflyCollected, unless GOGC or GOMEMLIMIT (getenv) say otherwise.
func collectsLess(args []string, getenv func(string) string) bool {
	return len(args) > 0 && brieflyCollected[args[0]] && getenv("GOGC") == "" && getenv("GOMEMLIMIT") == ""
}

// collectAsUsual undoes collectLess when it took effect in this process,
// before the long part of a run (search.Options.Indexing).
func collectAsUsual() {
	if !collectsLess(os.Args[1:], os.Getenv) || debug.SetMemoryLimit(-1) != gcMemoryLimit {
		return
	}
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
}

// buildMemoryLimit is the soft limit of the Go heap (and the rest of the
// runtime's memory) of a 'fupan build' of up to buildMemoryReviews
// reviews: its live heap, at 10,000 reviews, peaks near 230 MiB (the
// search export), and the collector's usual goal of twice the live heap
// took the process to 630 MiB of RSS, 100 MiB of it the index file mapped
// while it is exported. Under this limit the collector runs more often
// near that peak (see BenchmarkScale10k).
const buildMemoryLimit = 320 << 20

// buildMemoryReviews is the number of reviews buildMemoryLimit is for. The
// live heap grows with the reviews, so a larger build's limit grows with
// them (fitBuildMemory): under a fixed limit that its live heap nears or
// passes, the collector runs without end (a build of 20,000 reviews spent
// a quarter of its CPU time in it and another tenth giving memory back to
// the system, 448 s of CPU against 89 s at 10,000; one of 100,000 never
// finished).
const buildMemoryReviews = 10_000

// limitBuildMemory sets buildMemoryLimit for a build (args as main has
// them, after the program name). It is process-wide, so main calls it,
// never Run.
func limitBuildMemory(args []string) {
	if limitsBuildMemory(args, os.Getenv) {
		debug.SetMemoryLimit(buildMemoryLimit)
	}
}

// limitsBuildMemory reports whether the run of args is a build whose
// memory limit is fupan's: unless GOMEMLIMIT (getenv) says otherwise.
func limitsBuildMemory(args []string, getenv func(string) string) bool {
	return len(args) > 0 && args[0] == "build" && getenv("GOMEMLIMIT") == ""
}

// buildMemoryFor is the soft memory limit of a build of n reviews:
// buildMemoryLimit, and as much a review beyond buildMemoryReviews.
func buildMemoryFor(n int) int64 {
	return max(buildMemoryLimit, int64(n)*buildMemoryLimit/buildMemoryReviews)
}

// fitBuildMemory raises the memory limit that limitBuildMemory set to that
// of a build of n reviews (buildMemoryFor), once their number is known. It
// does nothing in a process where limitBuildMemory did not take effect
// (a test that calls Run, a build with GOMEMLIMIT), nor to lower a limit.
func fitBuildMemory(n int) {
	if !limitsBuildMemory(os.Args[1:], os.Getenv) {
		return
	}
	cur := debug.SetMemoryLimit(-1)
	if want := buildMemoryFor(n); cur >= buildMemoryLimit && cur < want {
		debug.SetMemoryLimit(want)
	}
}
