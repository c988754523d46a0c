package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fupan new refuses a title that check would refuse, with check's reason,
// as a usage error, and writes nothing.
func TestNewRefusesTitle(t *testing.T) {
	for _, tt := range []struct {
		name, title, want string
	}{
		{"too long", strings.Repeat("x", 121), "fupan new: title is 121 characters long, at most 120: shorten it; nothing written\n"},
		{"too long in Chinese", strings.Repeat("超", 121), "fupan new: title is 121 characters long, at most 120: shorten it; nothing written\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			repo := t.TempDir()
			code, out, errOut := runCLI(t, "new", "--repo", repo, "--date", "2026-02-16", "--slug", "x", tt.title)
			if code != exitUsage || out != "" || errOut != tt.want {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and stderr %q", code, out, errOut, exitUsage, tt.want)
			}
			if entries, _ := os.ReadDir(repo); len(entries) != 0 {
				t.Errorf("wrote %s", entries[0].Name())
			}
			if _, err := os.Stat(filepath.Join(repo, "reviews", "2026-02-16-x.md")); err == nil {
				t.Error("the review was written")
			}
		})
	}
}
