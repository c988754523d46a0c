package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Logs for the tests and benchmarks of finding a traceback in a log
// (traceback.Find, search.ParseLog and the search page's paste mode).

// A Log is a generated log, named for its shape.
type Log struct {
	Name string
	Text string
}

const (
	logPyHeader = "Traceback (most recent call last):\n"
	logPyFrame  = "  File \"/app/orders/pay.py\", line 31, in charge\n"
	logContext  = duringHandling + "\n"
	logCause    = directCause + "\n"
	logLine     = "2026-03-14 12:00:01,204 INFO [order-api] request handled in 12ms\n"
)

// HostileLogs returns logs of about size bytes (at least size, less than
// size plus one repeated unit), each of a shape for which finding a
// traceback, or parsing one, once took time quadratic in the length of
// the log: lines that may each start a traceback that the rest of the log
// then fails to complete, separators that make every line above them a
// possible start, a common indentation that changes from line to line,
// lines so long that a step once read them again from each position, and
// tracebacks whose chain or exception is so long that "fupan similar" once
// made a query of as many terms.
func HostileLogs(size int) []Log {
	repeat := func(unit string) string {
		return strings.Repeat(unit, size/len(unit)+1)
	}
	// Headers each indented one space deeper: the indentation common to
	// the lines from each start is another.
	var stairs strings.Builder
	for i := 0; stairs.Len() < size; i++ {
		stairs.WriteString(strings.Repeat(" ", i) + logPyHeader)
	}
	return []Log{
		{"python headers", repeat(logPyHeader)},
		{"python headers and frames", repeat(logPyHeader + logPyFrame)},
		{"python headers indented deeper each time", stairs.String()},
		{"java exception lines", repeat("java.lang.IllegalStateException: boom\n")},
		{"log lines that read as Java exception lines", repeat("INFO: request handled\n")},
		{"java frames and causes without an exception line", repeat("\tat com.acme.orders.Client.fetch(Client.java:42)\nCaused by: java.net.SocketTimeoutException: Read timed out\n")},
		{"java exception lines each with a cause that names no class", repeat("java.lang.IllegalStateException: boom\nCaused by: 42\n")},
		{"go panics without a value", repeat("panic:\ngoroutine 1 [running]:\n")},
		{"goroutine stacks without a panic", repeat("goroutine 1 [running]:\nmain.main()\n\t/app/main.go:9 +0x1d\n")},
		{"chain separators", repeat(logContext + logCause)},
		{"chain separators and headers", repeat(logContext + "\n" + logPyHeader + "\n")},
		{"a chain separator at the end", repeat(logLine) + logContext},
		{"interleaved headers, frames, causes and panics", repeat(logPyHeader + logPyFrame + "Caused by: java.lang.Error\n\tat a.B.c(B.java:1)\npanic:\ngoroutine 1 [running]:\n" + logCause + "  KeyError\n")},
		{"blank and white-space lines", repeat("\n \t\n\v\n\r\n")},
		{"a chain of many exceptions", repeat("acme.Error: x\n\n"+logContext+"\n") + "KeyError: last\n"},
		{"a panic value of many words", "panic: assignment to entry in nil map" + repeat(" and more") + "\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:9 +0x1d\n"},
		{"one long line: a thread name of quotes", `Exception in thread "` + repeat(`" `)},
		{"one long line: spaces inside", "x" + repeat(" ") + "y\n"},
		{"one long line: a dotted name", repeat("a.") + "B: x\n\tat a.B.c(B.java:1)\n"},
		{"one long line: a Python frame", logPyHeader + "  File \"" + repeat(`", line `) + "\nKeyError\n"},
	}
}

// OrdinaryLog returns about size bytes of a service's log: requests,
// warnings and errors, now and then a line that reads as a Java exception
// ("WARN: …"), a handled Python traceback in the middle and the one that
// ended the process at the end. The same seed gives the same log.
func OrdinaryLog(size int, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	paths := []string{"/v1/orders", "/v1/orders/{id}", "/v1/charge", "/healthz", "/v1/profile"}
	tb := pyTraceback(duringHandling,
		pySection{frames: []frame{{"/app/orders/pay.py", 31, "charge", "r = requests.post(url, json=body, timeout=2)"}}, last: "TimeoutError: timed out"},
		pySection{frames: []frame{{"/usr/lib/python3.11/site-packages/requests/adapters.py", 507, "send", "raise ConnectTimeout(e, request=request)"}}, last: "requests.exceptions.ConnectTimeout: HTTPSConnectionPool(host='api.payments.internal', port=443)"},
	)
	var b strings.Builder
	sec := 0
	for b.Len() < size-len(tb) {
		sec++
		ts := fmt.Sprintf("2026-03-14 %02d:%02d:%02d,%03d", sec/3600%24, sec/60%60, sec%60, r.IntN(1000))
		switch n := r.IntN(100); {
		case n < 80:
			fmt.Fprintf(&b, "%s INFO [order-api] %s %s 200 %dms\n", ts, []string{"GET", "POST"}[r.IntN(2)], paths[r.IntN(len(paths))], r.IntN(300))
		case n < 93:
			fmt.Fprintf(&b, "%s WARN [order-api] slow query: %d.%ds\n", ts, r.IntN(5), r.IntN(10))
		case n < 98:
			fmt.Fprintf(&b, "WARN: pool %d of 20 connections in use\n", r.IntN(20))
		case n < 99:
			fmt.Fprintf(&b, "%s ERROR [order-api] charge failed, retrying\n%s", ts, tb)
		default:
			fmt.Fprintf(&b, "%s ERROR [order-api] upstream said: %d\n", ts, 500+r.IntN(4))
		}
	}
	b.WriteString(tb)
	return b.String()
}
