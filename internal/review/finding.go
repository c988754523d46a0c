package review

import (
	"cmp"
	"fmt"
	"slices"
)

// Severity says whether a finding fails the check.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// A Finding is one thing the checker has to say about a file: where, how bad,
// about which field, and what to do about it. It is also an error, printed as
// "FILE:LINE:COL: MESSAGE".
type Finding struct {
	File     string   `json:"file"` // slash-separated, relative to the repository root
	Line     int      `json:"line"` // 1-based line in the file
	Col      int      `json:"col"`  // 1-based column, in characters
	Severity Severity `json:"severity"`
	Field    string   `json:"field"` // dotted field path, e.g. "window.end"; empty for the file as a whole
	Message  string   `json:"message"`
	Err      error    `json:"-"` // the underlying error, if any

	// Within the schema's findings: missing says the field is missing;
	// meant is the field an unknown one is a misspelling of.
	missing bool
	meant   string
}

func (f *Finding) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", f.File, f.Line, f.Col, f.Message)
}

// Unwrap returns the underlying error (a YAML or traceback error), if any.
func (f *Finding) Unwrap() error { return f.Err }

// SortFindings orders findings by file, line, column, then message.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Count returns the number of errors and warnings in fs.
func Count(fs []Finding) (errors, warnings int) {
	for _, f := range fs {
		if f.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}
