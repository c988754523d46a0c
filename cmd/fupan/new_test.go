package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
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

// fupan new refuses bad arguments with what is wrong and how to mend it,
// writes nothing, and never echoes a secret.
func TestNewRefusesArguments(t *testing.T) {
	const secret = "AKIAIOSFODNN7EXAMPLF"
	const slugRule = "a slug is lowercase letters, digits and single hyphens (no '/', '.' or space), e.g. --slug redis-timeout; nothing written\n"
	for _, tt := range []struct {
		name  string
		args  []string
		stdin string
		code  int
		want  string
	}{
		{"a title of emoji only", []string{"🔥🔥🔥"}, "", exitUsage,
			"fupan new: the title has no ASCII letters for the file name: pass --slug, e.g. --slug redis-timeout\n"},
		{"a slug with a slash", []string{"--slug", "a/b", "Title"}, "", exitUsage,
			"fupan new: --slug \"a/b\": " + slugRule},
		{"a slug that climbs out", []string{"--slug", "../../etc/x", "Title"}, "", exitUsage,
			"fupan new: --slug \"../../etc/x\": " + slugRule},
		{"a date day-first", []string{"--date", "16/02/2026", "Title"}, "", exitUsage,
			"fupan new: --date: date is \"16/02/2026\", want a date YYYY-MM-DD, e.g. 2026-02-16; nothing written\n"},
		{"a date that does not exist", []string{"--date", "2026-02-30", "Title"}, "", exitUsage,
			"fupan new: --date: date is \"2026-02-30\": that day does not exist: February 2026 has 28 days; nothing written\n"},
		{"an empty traceback on standard input", []string{"--traceback", "-", "Title"}, " \n\n", exitUsage,
			"fupan new: --traceback -: standard input is empty: give the traceback, e.g. pbpaste | fupan new --traceback - TITLE; nothing written\n"},
		{"no traceback on standard input", []string{"--traceback", "-", "Title"}, "it broke\n", exitFindings,
			"fupan new: --traceback -: no traceback found in standard input: line 1: not a traceback"},
		{"a traceback of 5 MB", []string{"--traceback", "-", "Title"}, "Traceback (most recent call last):\n" + strings.Repeat("  File \"/app/x.py\", line 9, in f\n    f()\n", 120_000) + "RecursionError: maximum recursion depth exceeded\n", exitFindings,
			"fupan new: the review would be 5.2 MiB, larger than the 1 MiB a review may be: keep the traceback's first and last frames and its exception in standard input, and link the whole log from the review; nothing written\n"},
		{"a secret in the title", []string{"Leaked " + secret}, "", exitUsage,
			"fupan new: an AWS access key id in title: replace it with *** or a placeholder such as <AWS_ACCESS_KEY_ID>, and rotate it: it is in git history now (not a secret? add fupan:allow-secret to the line, or aws-access-token to secrets.allow in fupan.yaml); nothing written\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			repo := t.TempDir()
			var out, errOut strings.Builder
			args := append([]string{"new", "--repo", repo}, tt.args...)
			if !slices.Contains(tt.args, "--date") {
				args = append([]string{"new", "--repo", repo, "--date", "2026-02-16"}, tt.args...)
			}
			code := Run(context.Background(), args, strings.NewReader(tt.stdin), &out, &errOut)
			if code != tt.code || out.String() != "" || !strings.HasPrefix(errOut.String(), tt.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and stderr %q", code, out.String(), errOut.String(), tt.code, tt.want)
			}
			if strings.Contains(errOut.String(), secret) {
				t.Errorf("stderr echoes the secret: %q", errOut.String())
			}
			if entries, _ := os.ReadDir(repo); len(entries) != 0 {
				t.Errorf("wrote %s", entries[0].Name())
			}
		})
	}
}

// fupan new never overwrites a review, nor makes a second review with an
// id another folder has, and says so.
func TestNewKeepsExistingReview(t *testing.T) {
	for _, tt := range []struct{ name, existing, want string }{
		{"the same file", "2026-02-16-x.md", " exists: fupan new never overwrites a review; pass another title or --slug\n"},
		{"the same id in another folder", "2026/2026-02-16-x.md", " holds the id 2026-02-16-x already (ids are unique across all folders): pass another title or --slug; nothing written\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			repo := t.TempDir()
			name := filepath.Join(repo, "reviews", filepath.FromSlash(tt.existing))
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, []byte("mine\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, errOut := runCLI(t, "new", "--repo", repo, "--date", "2026-02-16", "--slug", "x", "Title")
			if want := "fupan new: " + name + tt.want; code != exitFindings || errOut != want {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errOut, exitFindings, want)
			}
			if data, _ := os.ReadFile(name); string(data) != "mine\n" {
				t.Errorf("the review now holds %q", data)
			}
			entries, _ := os.ReadDir(filepath.Join(repo, "reviews"))
			if want := 1; len(entries) != want {
				t.Errorf("reviews/ holds %d entries, want %d", len(entries), want)
			}
		})
	}
}

// A traceback copied from a terminal keeps its text, not its colours,
// which YAML would refuse.
func TestNewTracebackInColour(t *testing.T) {
	repo := t.TempDir()
	log := "\x1b[31mTraceback (most recent call last):\x1b[0m\n  File \"a.py\", line 1, in f\n    g()\nKeyError: \x1b[1m'x'\x1b[0m\n"
	var out, errOut strings.Builder
	if code := Run(context.Background(), []string{"new", "--repo", repo, "--date", "2026-02-16", "--traceback", "-", "Title"}, strings.NewReader(log), &out, &errOut); code != exitOK {
		t.Fatalf("exit %d\n%s", code, errOut.String())
	}
	data, err := os.ReadFile(filepath.Join(repo, "reviews", "2026-02-16-title.md"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "traceback: |\n  Traceback (most recent call last):\n    File \"a.py\", line 1, in f\n      g()\n  KeyError: 'x'\n"; !strings.Contains(string(data), want) {
		t.Errorf("the review holds\n%s\nwant\n%s", data, want)
	}
	if _, out, _ := runCLI(t, "check", "--repo", repo); strings.Contains(out, "control character") || strings.Contains(out, "traceback") {
		t.Errorf("check on the new review:\n%s", out)
	}
}
