package site

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestIsTemp(t *testing.T) {
	tests := []struct {
		name, base string
		want       bool
	}{
		{".public.new-2061245931", "public", true},
		{".public.new-1.old", "public", true},
		{".site v2.new-7", "site v2", true},
		{".public.new-", "public", false},
		{".public.new-.old", "public", false},
		{".public.new-12a", "public", false},
		{".public.new-1.old.old", "public", false},
		{".public.new-1.bak", "public", false},
		{"public.new-1", "public", false},
		{".public.new-1", "pub", false},
		{".pub.new-1", "public", false},
		{".other.new-1", "public", false},
		{".public", "public", false},
	}
	for _, tt := range tests {
		if got := isTemp(tt.name, tt.base); got != tt.want {
			t.Errorf("isTemp(%q, %q) = %v, want %v", tt.name, tt.base, got, tt.want)
		}
	}
}

// TestWriteDirRemovesLeftovers: a build removes the temporary folders of
// builds killed before they finished, and nothing else beside the site.
func TestWriteDirRemovesLeftovers(t *testing.T) {
	parent := t.TempDir()
	writeTree(t, parent, map[string]string{
		// A killed build's new site, and a previous site moved aside.
		".public.new-2061245931/" + Marker:  markerText,
		".public.new-2061245931/index.html": "half",
		".public.new-17.old/index.html":     "old",
		".public.new-17.old/reviews/x.html": "old",
		".public.new-3/":                    "",
		// Not a build's: kept.
		".public.new-notes/a.txt": "mine",
		".public.new-5":           "a file",
		".public.new-6":           "-> .public.new-notes",
		".other.new-1/index.html": "other site",
		"public.new-1/a.txt":      "mine",
		"public/" + Marker:        markerText,
		"public/index.html":       "previous",
	})
	if err := (Files{"index.html": []byte("new")}).WriteDir(filepath.Join(parent, "public"), ""); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := []string{".other.new-1", ".public.new-5", ".public.new-6", ".public.new-notes", "public", "public.new-1"}
	if !slices.Equal(got, want) {
		t.Errorf("beside the site: %q, want %q", got, want)
	}
	if data, _ := os.ReadFile(filepath.Join(parent, ".public.new-notes", "a.txt")); string(data) != "mine" {
		t.Errorf(".public.new-notes/a.txt = %q, want it kept", data)
	}
}
