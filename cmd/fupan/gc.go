package main

import (
	"os"
	"runtime/debug"
)

// brieflyCollected are the commands whose run is mostly a moment: a search
// of an index that is up to date takes tens of milliseconds, a fifth of
// them in the garbage collector (whose first goal is a 4 MB heap, passed
// several times while the index opens).
var brieflyCollected = map[string]bool{"search": true}

// gcMemoryLimit is the heap at which such a run collects after all: far
// above a search's, and what bounds one that must index every review.
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
