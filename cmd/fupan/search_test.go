package main

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/fupan/fupan/internal/search"
)

// TestSearchSaysHowItReadTheQuery: a typo is read as the nearest word and
// the output says so; a filter value no review has names the nearest.
func TestSearchSaysHowItReadTheQuery(t *testing.T) {
	repo := writeRepo(t)
	code, out, errOut := runCLI(t, "search", "--repo", repo, "ReadTimout")
	if code != exitOK || !strings.HasPrefix(out, "showing results for readtimeout (no review holds readtimout)\n") ||
		!strings.Contains(out, "invoice-charge-readtimeout-not-retried") {
		t.Errorf("typo: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "search", "--repo", repo, "timeout", "service:order")
	if code != exitOK || !strings.Contains(out, "service:order matches no review; did you mean service:order-api?") {
		t.Errorf("filter: exit %d\n%s%s", code, out, errOut)
	}
	// With --json the note goes to stderr and stdout stays a JSON array.
	code, out, errOut = runCLI(t, "search", "--repo", repo, "--json", "celry")
	var hits []search.Hit
	if err := json.Unmarshal([]byte(out), &hits); code != exitOK || err != nil || len(hits) == 0 ||
		!strings.Contains(errOut, "showing results for celery") {
		t.Errorf("json: exit %d, %v\n%s%s", code, err, out, errOut)
	}
}

// TestSearchJSONHighlights: the highlights of --json select the same text
// in bytes, UTF-16 code units and code points, on a Chinese review.
func TestSearchJSONHighlights(t *testing.T) {
	repo := writeRepo(t)
	code, out, errOut := runCLI(t, "search", "--repo", repo, "--json", "tenacity 锁定版本")
	var hits []search.Hit
	if err := json.Unmarshal([]byte(out), &hits); code != exitOK || err != nil || len(hits) == 0 {
		t.Fatalf("exit %d, %v\n%s%s", code, err, out, errOut)
	}
	n := 0
	for _, h := range hits {
		for _, f := range h.Fragments {
			units, runes := utf16.Encode([]rune(f.Text)), []rune(f.Text)
			for i, b := range f.Highlights {
				want := f.Text[b[0]:b[1]]
				u, c := f.UTF16[i], f.CodePoints[i]
				if string(utf16.Decode(units[u[0]:u[1]])) != want || string(runes[c[0]:c[1]]) != want {
					t.Errorf("%s %s: spans %v %v %v do not select the same text", h.ID, f.Field, b, u, c)
				}
				n++
			}
		}
	}
	if n == 0 {
		t.Fatal("no highlights")
	}
}

// TestSearchFitsTheTerminal: with COLUMNS set, no line of the output is
// wider than the terminal, Chinese characters counted as two cells.
func TestSearchFitsTheTerminal(t *testing.T) {
	repo := writeRepo(t)
	for _, cols := range []string{"40", "80"} {
		t.Setenv("COLUMNS", cols)
		for _, q := range []string{"锁定版本", "ConnectTimeout", "redis timeout"} {
			code, out, errOut := runCLI(t, "search", "--repo", repo, q)
			if code != exitOK {
				t.Fatalf("%q: exit %d: %s", q, code, errOut)
			}
			for _, line := range strings.Split(out, "\n") {
				if cells(line) > atoi(cols) {
					t.Errorf("COLUMNS=%s %q: line of %d cells: %q", cols, q, cells(line), line)
				}
			}
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// TestSearchExcludedWordArgument: an excluded word given as its own
// argument (fupan search timeout -redis) is a word of the query, not an
// unknown flag, wherever the flags stand.
func TestSearchExcludedWordArgument(t *testing.T) {
	repo := writeRepo(t)
	_, all, _ := runCLI(t, "search", "--repo", repo, "--json", "timeout")
	_, quoted, _ := runCLI(t, "search", "--repo", repo, "--json", "timeout -redis")
	if quoted == all {
		t.Fatal(`"timeout -redis" finds what "timeout" finds: the test shows nothing`)
	}
	for _, args := range [][]string{
		{"search", "--repo", repo, "--json", "timeout", "-redis"},
		{"search", "timeout", "-redis", "--repo", repo, "--json"},
		{"search", "--json", "timeout", "--repo=" + repo, "-redis"},
	} {
		code, out, errOut := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("%q: exit %d: %s", args, code, errOut)
		}
		if out != quoted {
			t.Errorf("%q gives other hits than the query \"timeout -redis\"", args)
		}
	}
}
