package traceback

import (
	"fmt"
	"maps"
	"reflect"
	"strings"
	"testing"

	"github.com/fupan/fupan/internal/gen"
)

// tryEachLine is what Find must equal, only slower: Parse tried on the text
// from each line that is not blank, in turn.
func tryEachLine(text string) (int, *Traceback, error) {
	first, firstErr := -1, error(nil)
	for off := 0; off < len(text); {
		line, _, _ := strings.Cut(text[off:], "\n")
		if strings.TrimSpace(line) != "" {
			tb, err := Parse(text[off:])
			if err == nil {
				return off, tb, nil
			}
			if first < 0 {
				first, firstErr = off, err
			}
		}
		off += len(line) + 1
	}
	if first < 0 {
		_, err := Parse("")
		return -1, nil, err
	}
	return first, nil, firstErr
}

// findCases are logs with and without a traceback, and the shapes Find
// must tell apart by what follows a line.
var findCases = map[string]string{
	"python after log lines":   "12:00:01 INFO ok\n12:00:02 ERROR failed\n" + requestsConnectTimeout,
	"indented python":          "log line\n    " + strings.ReplaceAll(requestsConnectTimeout, "\n", "\n    "),
	"python indented deeper":   "  log line\n    Traceback (most recent call last):\n      File \"a.py\", line 1, in f\n    KeyError\n",
	"python, then less":        "Traceback (most recent call last):\n  File \"a.py\", line 1, in f\n KeyError\n",
	"chained, no header":       "noise\nKeyError: 'x'\n\nDuring handling of the above exception, another exception occurred:\n\n" + requestsConnectTimeout,
	"chain ending in a sep":    requestsConnectTimeout + "\nDuring handling of the above exception, another exception occurred:\n",
	"chain with an empty part": "KeyError\nDuring handling of the above exception, another exception occurred:\n\nThe above exception was the direct cause of the following exception:\nValueError\n",
	"indented separator":       "KeyError\n  During handling of the above exception, another exception occurred:\nValueError\n",
	"header without exception": "Traceback (most recent call last):\n  File \"a.py\", line 1, in f\n" + "panic: boom\n",
	"go panic":                 "starting\npanic: assignment to entry in nil map\n\ngoroutine 1 [running]:\nmain.f()\n\t/app/m.go:3 +0x1\n",
	"go panic without value":   "panic:\nfatal error: concurrent map writes\n",
	"indented go panic":        "x\n  panic: boom\n  panic: boom\n",
	"java":                     "[main] ERROR x\n" + kafkaCommitFailed,
	"java thread":              "Exception in thread \"main\" java.lang.IllegalStateException: boom\n",
	"java, frame far below":    "java.lang.Error: x\nINFO: y\n    z\n  \tat a.b(C.java:1)\n",
	"java, frame at column 0":  "java.lang.Error: x\nat a.b(C.java:1)\n",
	"java, cause names none":   "java.lang.Error: x\nCaused by: 42\njava.lang.Error: y\nCaused by: a.B\n",
	"java, cause indented":     "java.lang.Error: x\n  Caused by: 42\n",
	"log only":                 "12:00:01 INFO ok\nINFO: started\n",
	"log lines like java":      "INFO: started\nWARN: slow\n",
	"white space":              "\v\n \n\f\nKeyError\n",
	"empty":                    "",
	"blank":                    "\n\n  \n",
	"crlf":                     "x\r\nTraceback (most recent call last):\r\n  File \"a.py\", line 1, in f\r\nKeyError\r\n",
}

// variants returns text, and text after a log line that starts no
// traceback, each also indented by two spaces: Find must tell the
// traceback's first line from the log's, at whatever indentation.
func variants(text string) map[string]string {
	const logLine = "12:00:01 ERROR request failed\n"
	indented := "  " + strings.ReplaceAll(text, "\n", "\n  ")
	return map[string]string{
		"":                        text,
		", after a log line":      logLine + text,
		", indented":              indented,
		", indented after a line": logLine + indented,
	}
}

func TestFindEqualsTryingEachLine(t *testing.T) {
	texts := maps.Clone(findCases)
	for _, l := range gen.HostileLogs(2 << 10) {
		texts[l.Name] = l.Text
	}
	texts["ordinary log"] = gen.OrdinaryLog(8<<10, 1)
	for name, text := range texts {
		for variant, text := range variants(text) {
			t.Run(name+variant, func(t *testing.T) { sameFind(t, text) })
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, text := range findCases {
		f.Add(text)
	}
	for _, l := range gen.HostileLogs(200) {
		f.Add(l.Text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4<<10 {
			// Trying each line takes time quadratic in the length.
			Find(text)
			return
		}
		sameFind(t, text)
	})
}

func sameFind(t *testing.T, text string) {
	t.Helper()
	start, tb, err := Find(text)
	wantStart, want, wantErr := tryEachLine(text)
	if start != wantStart || fmt.Sprint(err) != fmt.Sprint(wantErr) || !reflect.DeepEqual(tb, want) {
		t.Errorf("Find(%q) = %d, %+v, %v; trying each line gives %d, %+v, %v", text, start, tb, err, wantStart, want, wantErr)
	}
}

// Find reads each hostile log in linear time.
func TestFindHostile(t *testing.T) {
	for _, l := range gen.HostileLogs(1 << 20) {
		within(t, l.Name, func() { Find(l.Text) })
	}
}

// The benchmarks read 10 MB: each hostile log, and a service's log that
// ends in a traceback.
func BenchmarkFind(b *testing.B) {
	const size = 10 << 20
	logs := append(gen.HostileLogs(size), gen.Log{Name: "ordinary log", Text: gen.OrdinaryLog(size, 1)})
	for _, l := range logs {
		b.Run(strings.ReplaceAll(l.Name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(l.Text)))
			for b.Loop() {
				Find(l.Text)
			}
		})
	}
}
