package main

import (
	"context"

	"github.com/fupan/fupan/internal/review"
)

func runSchema(_ context.Context, args []string, std stdio) error {
	fs := newFlagSet("schema", "", `
Print the JSON Schema of a review's front matter. Editors use it for
completion and inline errors while an author types: see the README.`, std)
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	_, err := std.out.Write(review.Schema)
	return err
}
