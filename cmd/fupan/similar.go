package main

import (
	"context"
	"fmt"
)

// runSimilar is being written; see the issue tracker.
func runSimilar(_ context.Context, _ []string, std stdio) int {
	fmt.Fprintln(std.errOut, "fupan similar: not available in this build yet")
	return exitUsage
}
