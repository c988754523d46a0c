package main

import (
	"context"

	"github.com/fupan/fupan/internal/review"
)

func runSchema(_ context.Context, args []string, std stdio) int {
	fs := newFlagSet("schema", "", `
Print the JSON Schema of a review's front matter. Editors use it for
completion and inline errors while an author types: see the README.`, std)
	if _, code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if _, err := std.out.Write(review.Schema); err != nil {
		return exitUsage
	}
	return exitOK
}
