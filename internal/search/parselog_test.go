package search

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/traceback"
)

// naiveParseLog tries every non-blank line as the start: what ParseLog
// must equal, only faster.
func naiveParseLog(text string) (*traceback.Traceback, error) {
	lines := strings.SplitAfter(text, "\n")
	var first error
	for i := range lines {
		if strings.TrimSpace(lines[i]) == "" {
			continue
		}
		tb, err := traceback.Parse(strings.Join(lines[i:], ""))
		if err == nil {
			return tb, nil
		}
		if first == nil {
			first = err
		}
	}
	if first == nil {
		return nil, ErrNoTraceback
	}
	return nil, errors.Join(ErrNoTraceback, first)
}

const logPython = "Traceback (most recent call last):\n  File \"/app/x.py\", line 1, in f\n    g()\nrequests.exceptions.ConnectTimeout: timed out\n"

var parseLogCases = map[string]string{
	"python after log lines": "12:00:01 INFO ok\n12:00:02 ERROR failed\n" + logPython,
	"indented python":        "log line\n    " + strings.ReplaceAll(logPython, "\n", "\n    "),
	"chained, no header":     "noise\nKeyError: 'x'\n\nDuring handling of the above exception, another exception occurred:\n\n" + logPython,
	"go panic":               "starting\npanic: assignment to entry in nil map\n\ngoroutine 1 [running]:\nmain.f()\n\t/app/m.go:3 +0x1\n",
	"java":                   "[main] ERROR x\njava.net.SocketTimeoutException: Read timed out\n\tat com.acme.C.m(C.java:1)\n",
	"java thread":            "Exception in thread \"main\" java.lang.IllegalStateException: boom\n",
	"log only":               "12:00:01 INFO ok\nINFO: started\n",
	"a log line that looks like an exception": "INFO: started\nWARN: slow\n",
	"empty": "",
	"blank": "\n\n  \n",
}

func TestParseLogEqualsNaive(t *testing.T) {
	for name, text := range parseLogCases {
		t.Run(name, func(t *testing.T) { sameParse(t, text) })
	}
}

func sameParse(t *testing.T, text string) {
	t.Helper()
	got, gotErr := ParseLog(text)
	want, wantErr := naiveParseLog(text)
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
		t.Errorf("ParseLog(%q) = %+v, %v; trying every line gives %+v, %v", text, got, gotErr, want, wantErr)
	}
}

func TestCutLog(t *testing.T) {
	line := strings.Repeat("x", 99) + "\n" // 100 bytes
	for _, tc := range []struct {
		name, text, want string
	}{
		{"empty", "", ""},
		{"short", "a\nb\n", "a\nb\n"},
		{"MaxLog bytes", strings.Repeat(line, MaxLog/100) + strings.Repeat("y", MaxLog%100), strings.Repeat(line, MaxLog/100) + strings.Repeat("y", MaxLog%100)},
		{"cut at the start of a line", "a\n" + strings.Repeat("b", MaxLog), strings.Repeat("b", MaxLog)},
		{"cut inside a line", "ab\nc\n" + strings.Repeat("d", MaxLog-3), "c\n" + strings.Repeat("d", MaxLog-3)},
		{"cut inside the last line", strings.Repeat("e", MaxLog+1), ""},
		{"cut inside a rune", "é" + strings.Repeat("f", MaxLog-3) + "\ng", "g"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := CutLog(tc.text); got != tc.want {
				t.Errorf("CutLog of %d bytes = %d bytes %.20q…, want %d bytes %.20q…", len(tc.text), len(got), got, len(tc.want), tc.want)
			}
		})
	}
}

func TestLongLogNote(t *testing.T) {
	for _, tc := range []struct {
		size int64
		want string
	}{
		{0, ""},
		{MaxLog, ""},
		{MaxLog + 1, "the log is 1.0 MiB; fupan reads its last 1 MiB, from the first line that starts there"},
		{MaxLog * 5 / 4, "the log is 1.3 MiB; fupan reads its last 1 MiB, from the first line that starts there"}, // half up
		{3355443, "the log is 3.2 MiB; fupan reads its last 1 MiB, from the first line that starts there"},
		{10 << 30, "the log is 10240.0 MiB; fupan reads its last 1 MiB, from the first line that starts there"},
	} {
		if got := LongLogNote(tc.size); got != tc.want {
			t.Errorf("LongLogNote(%d) = %q, want %q", tc.size, got, tc.want)
		}
	}
}

// ParseLog reads the end of a long log: the traceback that ends it is
// found, one only in its start is not.
func TestParseLogLong(t *testing.T) {
	long := strings.Repeat("2026-03-14 12:00:01,204 INFO [order-api] request handled in 12ms\n", 3*MaxLog/64)
	tb, err := ParseLog(long + logPython)
	if err != nil || tb.Final().Type != "requests.exceptions.ConnectTimeout" {
		t.Errorf("a traceback at the end of 3 MiB: %+v, %v", tb, err)
	}
	if tb, err := ParseLog(logPython + long); !errors.Is(err, ErrNoTraceback) {
		t.Errorf("a traceback 3 MiB from the end: %+v, %v; want ErrNoTraceback", tb, err)
	}
}

// The benchmarks read 10 MB, of which ParseLog reads the last MaxLog
// bytes: traceback.BenchmarkFind reads all of it.
func BenchmarkParseLog(b *testing.B) {
	const size = 10 << 20
	logs := append(gen.HostileLogs(size), gen.Log{Name: "ordinary log", Text: gen.OrdinaryLog(size, 1)})
	for _, l := range logs {
		b.Run(strings.ReplaceAll(l.Name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(l.Text)))
			for b.Loop() {
				ParseLog(l.Text)
			}
		})
	}
}
