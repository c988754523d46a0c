package main

import (
	"context"
	"fmt"
)

// runBuild is being written; see the issue tracker.
func runBuild(_ context.Context, _ []string, std stdio) int {
	fmt.Fprintln(std.errOut, "fupan build: not available in this build yet")
	return exitUsage
}
