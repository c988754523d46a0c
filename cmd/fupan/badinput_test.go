package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fupan/fupan/internal/corpus"
)

// Real postmortems (the shared corpus, converted to drafts), broken the
// ways an author breaks a review: check and build name the file, line and
// column and how to mend it, exit 1, build writes nothing, and no output
// holds the secret the broken review also holds. A mistake that CommonMark
// reads (a code block never closed) is a warning: exit 0, and built.
func TestBadInputOnRealReviews(t *testing.T) {
	dir := corpus.Dir()
	if dir == "" {
		t.Skip("the shared corpus of public postmortems is not beside this repository")
	}
	fsys, err := corpus.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range fsys {
		names = append(names, name)
	}
	slices.Sort(names)

	const secret = "Sup3rS3cr3tPw9x"
	// Each mistake returns the broken review and the finding it must
	// give: its line, column and the start of its message; "" for a
	// review that stays valid.
	mistakes := []struct {
		name   string
		break_ func(src string) (string, int, int, string)
		warns  bool // the finding is a warning: the review stays valid, and is built
	}{
		{"a tab in a list's indentation", func(src string) (string, int, int, string) {
			i := strings.Index(src, "\n    - ")
			return src[:i] + "\n\t- " + src[i+len("\n    - "):], lineAt(src, i+1), 1, "a tab in the indentation: tabs are not allowed for indentation in YAML; indent with spaces"
		}, false},
		{"an unclosed quote and a password in the next line", func(src string) (string, int, int, string) {
			i := strings.Index(src, "\nstatus: draft\n")
			return src[:i] + "\nstatus: \"draft\nrunbook: postgres://app:" + secret + "@db:5432/x" + src[i+len("\nstatus: draft"):], lineAt(src, i+1), 9, "the quoted value opened here is never closed: add the closing quote at the end of the value"
		}, false},
		{"a field given twice", func(src string) (string, int, int, string) {
			i := strings.Index(src, "\nstatus: draft\n") + len("\nstatus: draft\n")
			return src[:i] + "status: final\n" + src[i:], lineAt(src, i), 1, `field "status" is given twice (first on line `
		}, false},
		{"a traceback fenced in the body and never closed", func(src string) (string, int, int, string) {
			src = strings.TrimRight(src, "\n") + "\n"
			return src + "\n```python\nTraceback (most recent call last):\n  password = \"" + secret + "\"\n", lineAt(src, len(src)) + 1, 1, "the code block opened here with ``` is never closed"
		}, true},
		{"a password and a byte that is not UTF-8", func(src string) (string, int, int, string) {
			src = strings.TrimRight(src, "\n") + "\n"
			return src + "db password: " + secret + " caf\xe9\n", lineAt(src, len(src)), len("db password: "+secret+" caf") + 1, "invalid UTF-8 (byte 0xe9): save the file as UTF-8"
		}, false},
		{"a byte order mark and CRLF line ends are valid", func(src string) (string, int, int, string) {
			return "\uFEFF" + strings.ReplaceAll(src, "\n", "\r\n"), 0, 0, ""
		}, false},
	}
	for _, name := range names[:4] {
		src := string(fsys[name].Data)
		for _, m := range mistakes {
			t.Run(filepath.Base(name)+"/"+m.name, func(t *testing.T) {
				broken, line, col, msg := m.break_(src)
				repo := t.TempDir()
				file := filepath.Join(repo, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
					t.Fatal(err)
				}
				code, out, errOut := runCLI(t, "check", "--repo", repo)
				if msg == "" {
					if code != exitOK {
						t.Errorf("check: exit %d, want 0\n%s%s", code, out, errOut)
					}
					return
				}
				severity, wantCode := "error", exitFindings
				if m.warns {
					severity, wantCode = "warning", exitOK
				}
				want := fmt.Sprintf("%s:%d:%d: %s: %s", name, line, col, severity, msg)
				if code != wantCode || !strings.HasPrefix(out, want) {
					t.Errorf("check: exit %d\n%s%s\nwant exit %d and first\n%s", code, out, errOut, wantCode, want)
				}
				site := filepath.Join(t.TempDir(), "public")
				bcode, bout, berr := runCLI(t, "build", "--repo", repo, "--out", site)
				if _, err := os.Stat(site); m.warns {
					if bcode != exitOK || err != nil {
						t.Errorf("build: exit %d, %v\n%s\nwant the site built", bcode, err, berr)
					}
				} else {
					if bcode != exitFindings || !strings.Contains(berr, want) {
						t.Errorf("build: exit %d\n%s\nwant exit %d and\n%s", bcode, berr, exitFindings, want)
					}
					if err == nil {
						t.Errorf("build wrote %s", site)
					}
				}
				for _, s := range []string{out, errOut, bout, berr} {
					if strings.Contains(s, secret) || strings.Contains(s, "panic") {
						t.Errorf("output holds the secret or a panic:\n%s", s)
					}
				}
			})
		}
	}
}

// lineAt returns the 1-based line of byte offset off in s.
func lineAt(s string, off int) int { return 1 + strings.Count(s[:off], "\n") }

// A FILE argument that is not a review is an error, not a check of
// nothing that passes; a folder stands for every review under it.
func TestCheckFileArguments(t *testing.T) {
	repo := filepath.Join(t.TempDir(), "repo")
	if code, _, errOut := runCLI(t, "init", repo); code != exitOK {
		t.Fatalf("fupan init: exit %d\n%s", code, errOut)
	}
	year := filepath.Join(repo, "reviews", "2024")
	if err := os.MkdirAll(year, 0o755); err != nil {
		t.Fatal(err)
	}
	broken := "---\ntitle: x\n"
	if err := os.WriteFile(filepath.Join(year, "2024-01-02-broken.md"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		file string
		code int
		out  string
	}{
		{"a file outside reviews/", "fupan.yaml", exitUsage, "fupan check: " + filepath.Join(repo, "fupan.yaml") + " is not a review: a review is a file reviews/**/*.md (not README.md, nor a name that starts with . or _)\n"},
		{"a folder", "reviews/2024", exitFindings, "reviews/2024/2024-01-02-broken.md:1:1: error: the front matter opened here is never closed: add a line '---' after the last field\n1 error, 0 warnings in 1 review\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "check", "--repo", repo, filepath.Join(repo, tt.file))
			if code != tt.code || out+errOut != tt.out {
				t.Errorf("exit %d\n%s%s\nwant exit %d and\n%s", code, out, errOut, tt.code, tt.out)
			}
		})
	}
}
