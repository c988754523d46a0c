package scaffold

import (
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// TestGitignore: the .gitignore of a new repository keeps out what fupan
// writes into it, and nothing of the reviews.
func TestGitignore(t *testing.T) {
	data, err := execute("gitignore", nil)
	if err != nil {
		t.Fatal(err)
	}
	var patterns []gitignore.Pattern
	for line := range strings.SplitSeq(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			patterns = append(patterns, gitignore.ParsePattern(line, nil))
		}
	}
	m := gitignore.NewMatcher(patterns)
	tests := []struct {
		path  string
		isDir bool
		want  bool
	}{
		{".fupan", true, true},
		{"public", true, true},
		{".public.new-2061245931", true, true},     // a killed build's new site
		{".public.new-2061245931.old", true, true}, // or the previous one, moved aside
		{"reviews", true, false},
		{"reviews/2025-03-18-profile-cache-redis-timeout.md", false, false},
		{"fupan.yaml", false, false},
		{".gitignore", false, false},
		{".github", true, false},
		// The schema is committed, so that every author's editor has it.
		{"schema", true, false},
		{"schema/review.schema.json", false, false},
	}
	for _, tt := range tests {
		if got := m.Match(strings.Split(tt.path, "/"), tt.isDir); got != tt.want {
			t.Errorf("%s ignored: %v, want %v", tt.path, got, tt.want)
		}
	}
}
