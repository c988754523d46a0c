package review

import (
	"testing"
	"testing/fstest"
)

func TestLocate(t *testing.T) {
	fsys := fstest.MapFS{validName: {Data: []byte(validReview(t))}}
	for _, tt := range []struct {
		field     string
		line, col int
	}{
		{"title", 2, 8},
		{"services[0]", 6, 12},
		{"tags[1]", 7, 15},
		{"failure.dependency", 27, 15},
		{"failure.exceptions[0]", 28, 16},
		{"actions[1].owner", 50, 58},
		{"date", 3, 7},
		{"body", 53, 1},
		{"tags[9]", 7, 7}, // no such item: the list
		{"no_such", 2, 1}, // no such field: the front matter
		{"", 1, 1},        // the review as a whole
	} {
		line, col := Locate(fsys, validName, tt.field)
		if line != tt.line || col != tt.col {
			t.Errorf("Locate(%q) = %d:%d, want %d:%d", tt.field, line, col, tt.line, tt.col)
		}
	}
	if line, col := Locate(fsys, "reviews/no-such-file.md", "title"); line != 1 || col != 1 {
		t.Errorf("Locate in a missing file = %d:%d, want 1:1", line, col)
	}
}

func TestIsReviewPath(t *testing.T) {
	for p, want := range map[string]bool{
		"reviews/2026-01-01-x.md":             true,
		"reviews/2026/2026-01-01-x.md":        true,
		"reviews/README.md":                   false,
		"reviews/_drafts/2026-01-01-x.md":     false,
		"reviews/.trash/2026-01-01-x.md":      false,
		"reviews/2026-01-01-x.markdown":       false,
		"fupan.yaml":                          false,
		"notes/2026-01-01-x.md":               false,
		"reviews-old/2026-01-01-x.md":         false,
		"reviews/2026/README.md":              false,
		"reviews/2026/_2026-01-01-scratch.md": false,
	} {
		if got := IsReviewPath(p); got != want {
			t.Errorf("IsReviewPath(%q) = %v, want %v", p, got, want)
		}
	}
}
