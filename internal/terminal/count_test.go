package terminal

import "testing"

func TestCount(t *testing.T) {
	tests := []struct {
		n    int
		noun string
		want string
	}{
		{1, "problem", "1 problem"},
		{0, "problem", "0 problems"},
		{2, "problem", "2 problems"},
		{-1, "commit", "-1 commits"},
		{1, "match", "1 match"},
		{3, "match", "3 matches"},
		{2, "index", "2 indexes"},
		{2, "class", "2 classes"},
		{2, "entry", "2 entries"},
		{2, "day", "2 days"},
		{1, "entry", "1 entry"},
		{12, "review", "12 reviews"},
	}
	for _, tt := range tests {
		if got := Count(tt.n, tt.noun); got != tt.want {
			t.Errorf("Count(%d, %q) = %q, want %q", tt.n, tt.noun, got, tt.want)
		}
	}
}
