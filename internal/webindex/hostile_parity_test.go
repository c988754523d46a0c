package webindex_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/internal/traceback"
)

// hostileSize is the size of the hostile logs given to the browser to
// compare with Go. The time a log takes is measured at hostileSize/16
// and hostileSize/2 (both under search.MaxLog, which cuts a longer log
// first): the larger may take at most hostileGrowth times as long, plus
// hostileSlack ms for the timer's and the machine's noise; a log that
// misses is measured once more. In linear time it takes about eight
// times as long (more with the garbage collector), where a quadratic step
// takes 64 times: the shapes that had one took seconds. A ratio, not a
// limit in milliseconds, so that a loaded machine does not fail it.
const (
	hostileSize   = 1 << 20
	hostileGrowth = 24
	hostileSlack  = 250
)

// TestTracebackHostile requires traceback.js to parse each hostile log as
// internal/traceback does, in linear time.
func TestTracebackHostile(t *testing.T) {
	hostileParity(t, gen.HostileLogs, "search/traceback.js", "parse", traceback.Parse)
}

// TestParseLogHostile requires parselog.js's parseLog to find in each
// hostile log what search.ParseLog finds, in linear time.
func TestParseLogHostile(t *testing.T) {
	logs := func(size int) []gen.Log {
		return append(gen.HostileLogs(size), gen.Log{Name: "ordinary log", Text: gen.OrdinaryLog(size, 1)})
	}
	hostileParity(t, logs, "search/parselog.js", "parseLog", search.ParseLog)
}

// hostileParity requires fn of the module at path (under /assets/) to
// return for each log of logs(hostileSize) what goFn does, in time that
// grows linearly with the log's length. Each time is the fastest of
// three calls.
func hostileParity(t *testing.T, logs func(size int) []gen.Log, path, fn string, goFn func(string) (*traceback.Traceback, error)) {
	ctx := clientPage(t, "")
	all := logs(hostileSize)
	got := timedEach(t, ctx, path, fn, texts(all), 1)
	smallTexts, largeTexts := texts(logs(hostileSize/16)), texts(logs(hostileSize/2))
	small := timedEach(t, ctx, path, fn, smallTexts, 3)
	large := timedEach(t, ctx, path, fn, largeTexts, 3)
	for i, l := range all {
		want, werr := goFn(l.Text)
		sameTraceback(t, l.Name, want, werr, got[i])
		s, g := small[i].MS, large[i].MS
		if g > hostileGrowth*s+hostileSlack {
			// Once more: a collection, or the machine, may hold up all
			// three calls of one measure, but not of the next.
			s = timedEach(t, ctx, path, fn, smallTexts[i:i+1], 3)[0].MS
			g = timedEach(t, ctx, path, fn, largeTexts[i:i+1], 3)[0].MS
		}
		if limit := hostileGrowth*s + hostileSlack; g > limit {
			t.Errorf("%s: %.0f ms at %d KiB, %.1f ms at %d KiB: want under %.0f ms (time quadratic in the length?)",
				l.Name, g, hostileSize/2>>10, s, hostileSize/16>>10, limit)
		}
		t.Logf("%s: %.1f ms at %d KiB, %.1f ms at %d KiB", l.Name, g, hostileSize/2>>10, s, hostileSize/16>>10)
	}
}

// texts returns the text of each log.
func texts(logs []gen.Log) []string {
	var out []string
	for _, l := range logs {
		out = append(out, l.Text)
	}
	return out
}

// logLines are lines that each change what finding a traceback sees:
// starts that may or may not be completed, separators, exception lines,
// frames, causes, and blank lines.
var logLines = []string{
	"Traceback (most recent call last):",
	`  File "/app/pay.py", line 31, in charge`,
	"    r = post(url)",
	"KeyError: 'user_id'",
	"requests.exceptions.ConnectTimeout: timed out",
	"During handling of the above exception, another exception occurred:",
	"The above exception was the direct cause of the following exception:",
	"java.lang.IllegalStateException: boom",
	`Exception in thread "main" java.lang.Error`,
	"\tat com.acme.C.m(C.java:1)",
	"at com.acme.C.m(C.java:1)",
	"Caused by: java.net.SocketTimeoutException: Read timed out",
	"Caused by: 42",
	"\tSuppressed: a.B",
	"panic: assignment to entry in nil map",
	"panic:",
	"fatal error: concurrent map writes",
	"goroutine 1 [running]:",
	"main.main()",
	"\t/app/main.go:9 +0x1d",
	"12:00:01 INFO request handled",
	"INFO: started",
	"",
	" ",
	"\v",
}

// randomLogs returns n logs of up to 12 lines drawn from logLines, each
// indented by nothing, a space, two or a tab, with "\n" or "\r\n".
func randomLogs(n int) []string {
	r := rand.New(rand.NewPCG(15, 10))
	indents := []string{"", "", "", " ", "  ", "\t"}
	logs := make([]string, n)
	for i := range logs {
		var b strings.Builder
		for range r.IntN(13) {
			b.WriteString(indents[r.IntN(len(indents))] + logLines[r.IntN(len(logLines))])
			if r.IntN(8) == 0 {
				b.WriteString("\r")
			}
			b.WriteString("\n")
		}
		logs[i] = b.String()
	}
	return logs
}

// TestParseLogRandom requires parselog.js's parseLog to find what
// search.ParseLog finds in thousands of small logs made of the lines that
// matter to it, at mixed indentations.
func TestParseLogRandom(t *testing.T) {
	texts := randomLogs(5000)
	in, _ := json.Marshal(texts)
	got := evaluate[[]jsResult](t, clientPage(t, ""), `(async () => {
  const m = await import("/assets/search/parselog.js");
  return `+string(in)+`.map((s) => { try { return { value: m.parseLog(s) }; } catch (e) { return { error: e.message }; } });
})()`)
	found := 0
	for i, text := range texts {
		want, werr := search.ParseLog(text)
		if werr == nil {
			found++
		}
		sameTraceback(t, fmt.Sprintf("log %d %q", i, text), want, werr, got[i])
	}
	t.Logf("a traceback in %d of %d logs", found, len(texts))
}

// TestCutLogParity requires parselog.js to cut a long log where
// search.CutLog does, counting UTF-8 bytes as Go does, and to say so in
// the same words.
func TestCutLogParity(t *testing.T) {
	const max = search.MaxLog
	texts := []string{
		"", "short\n",
		strings.Repeat("x", max),
		strings.Repeat("x", max+1),
		"a\n" + strings.Repeat("b", max),
		"é" + strings.Repeat("f", max-3) + "\ng",
		strings.Repeat("日本\n", max/7+2),
		strings.Repeat("🙂 ok\n", max/8+5),
		"x\n" + strings.Repeat("é", max/2),
		gen.OrdinaryLog(3355443, 2),
	}
	in, _ := json.Marshal(texts)
	type cut struct{ Text, Note string }
	got := evaluate[[]cut](t, clientPage(t, ""), `(async () => {
  const m = await import("/assets/search/parselog.js");
  return `+string(in)+`.map((s) => ({ text: m.cutLog(s), note: m.longLogNote(m.utf8Length(s)) }));
})()`)
	for i, text := range texts {
		want := cut{search.CutLog(text), search.LongLogNote(int64(len(text)))}
		if got[i] != want {
			t.Errorf("text %d (%d bytes): JavaScript cuts %d bytes, note %q; Go %d bytes, note %q", i, len(text), len(got[i].Text), got[i].Note, len(want.Text), want.Note)
		}
	}
}
