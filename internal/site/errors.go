package site

import (
	"fmt"
	"io/fs"

	"github.com/fupan/fupan/internal/review"
)

// A ReviewError is a build error that a review's content caused: the
// review file, the field whose value could not be made a page of, and the
// error.
type ReviewError struct {
	Path  string // the review file, "reviews/2026-02-16-x.md"
	Field string // as check's findings name it, "tags[2]", "body"; "" for the review as a whole
	Value string // the field's value when it names a page, such as a tag; else ""
	Err   error
}

func (e *ReviewError) Error() string { return e.Path + ": " + e.message() }

// Unwrap returns the error of the build.
func (e *ReviewError) Unwrap() error { return e.Err }

func (e *ReviewError) message() string {
	switch {
	case e.Field == "":
		return e.Err.Error()
	case e.Value != "":
		return fmt.Sprintf("%s %q: %v", e.Field, e.Value, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Field, e.Err)
}

// Finding returns the error as a finding on the review, at the line and
// column of its field in fsys, the repository the review was read from.
func (e *ReviewError) Finding(fsys fs.FS) review.Finding {
	line, col := review.Locate(fsys, e.Path, e.Field)
	return review.Finding{File: e.Path, Line: line, Col: col, Severity: review.Error, Field: e.Field,
		Message: "cannot build the site: " + e.message(), Err: e.Err}
}

// reviewError wraps err, from making a page of the field of rv.
func reviewError(rv *review.Review, field, value string, err error) error {
	return &ReviewError{Path: rv.Path, Field: field, Value: value, Err: err}
}
