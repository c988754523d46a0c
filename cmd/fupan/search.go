package main

import (
	"context"
	"fmt"
)

// runSearch is being written; see the issue tracker.
func runSearch(_ context.Context, _ []string, std stdio) int {
	fmt.Fprintln(std.errOut, "fupan search: not available in this build yet")
	return exitUsage
}
