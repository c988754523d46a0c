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
