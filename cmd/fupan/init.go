package main

import (
	"context"
	"fmt"
)

// runInit is being written; see the issue tracker.
func runInit(_ context.Context, _ []string, std stdio) int {
	fmt.Fprintln(std.errOut, "fupan init: not available in this build yet")
	return exitUsage
}
