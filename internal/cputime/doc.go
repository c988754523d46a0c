// Package cputime reads the CPU time a process has used, for benchmarks
// on a machine whose wall time is mostly waiting for a core: what an
// operation costs in CPU is inflated far less by the load than its wall
// time.
package cputime
