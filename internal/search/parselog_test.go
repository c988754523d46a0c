package search

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

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

func BenchmarkParseLog3000(b *testing.B) {
	var log strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&log, "2026-01-01 12:00:%02d INFO request %d handled in 12ms\n", i%60, i)
	}
	text := log.String() + logPython
	for b.Loop() {
		if _, err := ParseLog(text); err != nil {
			b.Fatal(err)
		}
	}
}
