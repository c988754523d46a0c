package main

import (
	"context"
	"fmt"
)

// runServe is being written; see the issue tracker.
func runServe(_ context.Context, _ []string, std stdio) int {
	fmt.Fprintln(std.errOut, "fupan serve: not available in this build yet")
	return exitUsage
}
