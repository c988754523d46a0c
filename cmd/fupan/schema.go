package main

import (
	"context"
	"os"

	"github.com/fupan/fupan/internal/review"
)

const schemaUsage = `
Print the JSON Schema of a review's front matter: the review format's fields,
and the custom fields that fupan.yaml declares (fields:), each with its type,
pattern or enum and the status from which it is required. Editors use it for
completion and inline errors while an author types: see the README. 'fupan
init' writes it to schema/review.schema.json, to be committed; after a change
to the fields of fupan.yaml, write it again:

  fupan schema > schema/review.schema.json

'fupan build' publishes it on the site at schema/review.schema.json.`

func runSchema(_ context.Context, args []string, std stdio) error {
	fs := newFlagSet("schema", "[--repo DIR]", schemaUsage, std)
	repoDir := fs.String("repo", ".", "the review `repository` whose fupan.yaml declares custom fields")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, findings := review.LoadConfig(os.DirFS(*repoDir))
	if n, _ := review.Count(findings); n > 0 {
		// The schema holds the fields declared well; say what is wrong
		// with the others.
		for _, f := range findings {
			writeFinding(std.errOut, f, colorFor(std.errOut))
		}
	}
	_, err := std.out.Write(review.SchemaFor(&cfg))
	return err
}
