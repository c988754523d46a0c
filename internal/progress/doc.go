// Package progress tells a person how long work goes: a first search
// index, a build of thousands of reviews. The code that does the work
// calls a [Reporter] (a phase starts with the number of steps it has,
// steps are done, the phase ends) and knows nothing of how it is shown:
//
//	ph := progress.Start(opt.Progress, "search index", "review", len(paths))
//	for … { …; ph.Add(1) }
//	ph.Done()
//
// A nil Reporter does nothing, so the hooks cost nothing where nobody
// watches (tests, serve, mcp).
//
// [Summary] prints one line per phase when it ends ("fupan build: search
// index: 3000 reviews in 4.1s"), for a log, a pipe or CI. [Bar] draws a
// progress bar (phase, count, rate, time left) on a terminal while the
// phase runs, clears it, and prints the same line. [For] picks the one
// that fits where the output goes: the bar only on a terminal and outside
// CI.
package progress
