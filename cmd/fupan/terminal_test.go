package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/internal/terminal"
)

// hostileReview is a review whose text is made of terminal escapes: YAML's
// double-quoted escapes write ESC (\e), BEL (\a), C1 controls and bidi
// overrides into the title, summary, tags and other fields.
const hostileReview = `---
title: "\e[2J\e]0;pwned\a Cache down \u202Egnp.exe"
date: 2026-02-16
status: draft
severity: "SEV\u009b2J"
services: ["order-api\e[31m"]
tags: ["x\e[2J"]
related: ["2026-01-01-\e[2J"]
summary: "For 3 minutes 2% of orders failed \e[2J probably. \u009d0;pwned\u009c"
---
Cache body \e[2J.
`

// hostileNames are review file names, under reviews/, that try to inject a
// line of output or to act on the terminal.
var hostileNames = []string{
	"a\nreviews/x.md:1:1: error: fake.md",
	"2026-02-17-\x1b]0;pwned\x07.md",
	"2026-02-18-\u202Edm.md",
	"2026-02-19-\x1b[2J\r.md",
	"2026-02-16-cache.md",
}

// hostileRepo writes a repository of hostile reviews and returns its folder.
func hostileRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "reviews"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range hostileNames {
		path := filepath.Join(dir, "reviews", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Skipf("this file system refuses the name %q: %v", name, err)
		}
		if err := os.WriteFile(path, []byte(hostileReview), 0o644); err != nil {
			t.Skipf("this file system refuses the name %q: %v", name, err)
		}
	}
	return dir
}

// sgr is a colour escape that fupan writes itself.
var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// acted returns the characters of out, one per line end, that a terminal
// would act on: any that terminal.Escaped names, less the newlines that end
// lines and fupan's own colour escapes.
func acted(out string) []rune {
	var bad []rune
	for _, r := range sgr.ReplaceAllString(out, "") {
		if r != '\n' && terminal.Escaped(r) {
			bad = append(bad, r)
		}
	}
	return bad
}

// findingNames returns the file names of the findings check reports on the
// hostile repository.
func findingNames(t *testing.T, dir string) []review.Finding {
	t.Helper()
	code, out, errOut := runCLI(t, "check", "--repo", dir, "--format", "json")
	if code != exitFindings {
		t.Fatalf("check --format json: exit %d, want %d\n%s", code, exitFindings, errOut)
	}
	var fs []review.Finding
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatalf("check --format json: %v\n%s", err, out)
	}
	return fs
}

// TestCheckHostileNames: with review file names and review text made of
// escapes and newlines, each output format holds one line per finding,
// each about a real file, and nothing a terminal would act on.
func TestCheckHostileNames(t *testing.T) {
	dir := hostileRepo(t)
	findings := findingNames(t, dir)
	files := map[string]bool{}
	for _, f := range findings {
		files[f.File] = true
	}
	for _, name := range hostileNames {
		if !files["reviews/"+name] {
			t.Errorf("no finding about reviews/%q", name)
		}
	}

	t.Run("text", func(t *testing.T) {
		code, out, _ := runCLI(t, "check", "--repo", dir)
		if code != exitFindings {
			t.Fatalf("exit %d, want %d", code, exitFindings)
		}
		if bad := acted(out); len(bad) > 0 {
			t.Errorf("output holds %q:\n%s", bad, out)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != len(findings)+1 {
			t.Fatalf("%d lines for %d findings and a count:\n%s", len(lines), len(findings), out)
		}
		for i, f := range findings {
			if want := terminal.Name(f.File) + ":"; !strings.HasPrefix(lines[i], want) {
				t.Errorf("line %d = %q, want it to begin with %q", i+1, lines[i], want)
			}
			if strings.HasPrefix(lines[i], "reviews/x.md") {
				t.Errorf("line %d = %q: injected", i+1, lines[i])
			}
		}
	})

	t.Run("github", func(t *testing.T) {
		_, out, _ := runCLI(t, "check", "--repo", dir, "--format", "github")
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != len(findings)+1 {
			t.Fatalf("%d lines for %d findings and a count:\n%s", len(lines), len(findings), out)
		}
		unescape := strings.NewReplacer("%25", "%", "%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",")
		for i, f := range findings {
			props, _, ok := strings.Cut(strings.TrimPrefix(lines[i], "::"+string(f.Severity)+" "), "::")
			if !ok || !strings.HasPrefix(lines[i], "::"+string(f.Severity)+" ") {
				t.Fatalf("line %d = %q is not a workflow command", i+1, lines[i])
			}
			file, _, _ := strings.Cut(props, ",")
			if got := unescape.Replace(strings.TrimPrefix(file, "file=")); got != f.File {
				t.Errorf("line %d: file %q, want %q", i+1, got, f.File)
			}
		}
	})

	t.Run("json", func(t *testing.T) {
		_, out, _ := runCLI(t, "check", "--repo", dir, "--format", "json")
		if bad := acted(out); len(bad) > 0 {
			t.Errorf("output holds %q:\n%s", bad, out)
		}
	})

	t.Run("build", func(t *testing.T) {
		code, out, errOut := runCLI(t, "build", "--repo", dir, "--out", filepath.Join(t.TempDir(), "public"))
		if code != exitFindings {
			t.Fatalf("exit %d, want %d\n%s%s", code, exitFindings, out, errOut)
		}
		if bad := acted(out + errOut); len(bad) > 0 {
			t.Errorf("output holds %q:\n%s%s", bad, out, errOut)
		}
		for _, l := range strings.Split(errOut, "\n") {
			if strings.HasPrefix(l, "reviews/x.md") {
				t.Errorf("line %q: injected", l)
			}
		}
	})
}

// TestSearchHostileReview: search and similar print a review's title,
// path, fragments and what it shares as text, never as escapes, in text
// and in JSON.
func TestSearchHostileReview(t *testing.T) {
	dir := hostileRepo(t)
	tb := filepath.Join(t.TempDir(), "tb.txt")
	if err := os.WriteFile(tb, []byte("Traceback (most recent call last):\n  File \"/app/x.py\", line 1, in f\nCacheError: cache down, orders failed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"search", "--repo", dir, "cache"},
		{"search", "--repo", dir, "--json", "cache"},
		{"similar", "--repo", dir, tb},
		{"similar", "--repo", dir, "--json", tb},
	} {
		code, out, errOut := runCLI(t, args...)
		if code != exitOK {
			t.Fatalf("%s: exit %d\n%s", args, code, errOut)
		}
		if !strings.Contains(out, "Cache down") {
			t.Errorf("%s: the review is not found:\n%s", args, out)
		}
		if bad := acted(out + errOut); len(bad) > 0 {
			t.Errorf("%s: output holds %q:\n%s%s", args, bad, out, errOut)
		}
	}
}

// TestWriteHits renders a hit of hostile text with colours and without.
func TestWriteHits(t *testing.T) {
	h := search.Hit{
		Title: "\x1b[2J\x1b]0;pwned\x07Cache down", Date: "2026-02-16", Severity: "SEV\u009b2J",
		Path:      "reviews/a\nreviews/x.md",
		Reasons:   []string{"exception \x1b]0;x\x07Error"},
		Fragments: []search.Fragment{{Field: "summary", Text: "a \x1b[2J cache \u202Edown", Highlights: [][2]int{{7, 12}}}},
	}
	for _, c := range []colors{{on: false}, {on: true}} {
		var b bytes.Buffer
		if err := writeHits(&b, []search.Hit{h}, c); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if bad := acted(out); len(bad) > 0 {
			t.Errorf("colours %v: output holds %q:\n%s", c.on, bad, out)
		}
		if n := strings.Count(out, "\n"); n != 4 {
			t.Errorf("colours %v: %d lines, want 4:\n%s", c.on, n, out)
		}
		if !strings.Contains(sgr.ReplaceAllString(out, ""), `a \x1b[2J cache \u202edown`) {
			t.Errorf("colours %v: the fragment is not shown escaped:\n%s", c.on, out)
		}
	}
}

// TestWriteGitHub: GitHub's workflow commands escape %, CR and LF in the
// message, and also ':' and ',' in properties.
func TestWriteGitHub(t *testing.T) {
	tests := []struct {
		name string
		f    review.Finding
		want string
	}{
		{
			name: "plain",
			f:    review.Finding{File: "reviews/2026-02-16-a.md", Line: 4, Col: 11, Severity: review.Error, Field: "severity", Message: "severity \"SEV9\" is not one of SEV1, SEV2"},
			want: "::error file=reviews/2026-02-16-a.md,line=4,col=11,title=fupan check%3A severity::severity \"SEV9\" is not one of SEV1, SEV2\n",
		},
		{
			name: "newline in the file name",
			f:    review.Finding{File: "reviews/a\n::error file=x.md::fake.md", Line: 1, Col: 1, Severity: review.Error, Message: "bad"},
			want: "::error file=reviews/a%0A%3A%3Aerror file=x.md%3A%3Afake.md,line=1,col=1,title=fupan check::bad\n",
		},
		{
			name: "comma and colon in the file name",
			f:    review.Finding{File: "reviews/a,line=99:b.md", Line: 1, Col: 1, Severity: review.Warning, Message: "w"},
			want: "::warning file=reviews/a%2Cline=99%3Ab.md,line=1,col=1,title=fupan check::w\n",
		},
		{
			name: "percent, CR and LF in the message",
			f:    review.Finding{File: "reviews/a.md", Line: 2, Col: 3, Severity: review.Error, Message: "100% %0A\r\n::error::fake"},
			want: "::error file=reviews/a.md,line=2,col=3,title=fupan check::100%25 %250A%0D%0A::error::fake\n",
		},
		{
			name: "escapes in the field",
			f:    review.Finding{File: "reviews/a.md", Line: 2, Col: 3, Severity: review.Error, Field: "tags,x:\ny", Message: "m"},
			want: "::error file=reviews/a.md,line=2,col=3,title=fupan check%3A tags%2Cx%3A%0Ay::m\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := writeGitHub(&b, []review.Finding{tt.f}); err != nil {
				t.Fatal(err)
			}
			got, _, _ := strings.Cut(b.String(), "\n")
			if got+"\n" != tt.want {
				t.Errorf("got  %q\nwant %q", got+"\n", tt.want)
			}
		})
	}
}

// TestMessagesHostilePaths: init and new echo the folder they write to;
// a folder name with escapes is shown as text.
func TestMessagesHostilePaths(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "x\x1b]0;pwned\x07\u202E")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	for _, args := range [][]string{
		{"init", dir},
		{"init", dir}, // again: every file is skipped, and named
		{"new", "--repo", dir, "--date", "2026-02-16", "Cache down"},
		{"new", "--repo", dir, "--date", "2026-02-16", "Cache down"}, // exists
		{"new", "--repo", dir, "--traceback", filepath.Join(dir, "\x1b[2J-missing"), "Cache down"},
		{"check", filepath.Join(dir, "\x1b[2J")},
	} {
		_, out, errOut := runCLI(t, args...)
		if bad := acted(out + errOut); len(bad) > 0 {
			t.Errorf("%q: output holds %q:\n%s%s", args, bad, out, errOut)
		}
	}
}

// A query over the limit is refused with its size, before any index is
// opened.
func TestSearchQueryTooLong(t *testing.T) {
	code, out, errOut := runCLI(t, "search", "--repo", t.TempDir(), strings.Repeat("timeout ", 15000))
	if want := "fupan search: query is 120,000 bytes; the limit is 1,000: search for the most distinctive words\n"; code != exitUsage || out != "" || errOut != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, out, errOut, exitUsage, want)
	}
}
