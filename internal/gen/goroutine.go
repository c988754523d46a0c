package gen

import (
	"fmt"
	"strings"
)

// Go panics: the panic line, the signal line for faults, and the goroutine
// with its frames, as the runtime prints them.

// gframe is one function line and its "\tfile:line +0xNN" line.
type gframe struct {
	fn   string // e.g. "github.com/x/y/session.(*Store).Lookup(0x0, {0xc000412a80, 0x24})"
	file string
	line int
}

// goPanic prints a panic with value and the frames of one goroutine.
// recovered repeats the panic as net/http does after recovering; signal
// adds the SIGSEGV line of a nil dereference.
func (e *env) goPanic(value string, recovered, signal bool, frames []gframe) string {
	var b strings.Builder
	if recovered {
		fmt.Fprintf(&b, "panic: %s [recovered]\n\tpanic: %s\n", value, value)
	} else {
		fmt.Fprintf(&b, "panic: %s\n", value)
	}
	if signal {
		fmt.Fprintf(&b, "[signal SIGSEGV: segmentation violation code=0x1 addr=0x%x pc=0x%x]\n", e.n(1, 15)*8, 0x400000+e.r.IntN(0x800000))
	}
	fmt.Fprintf(&b, "\ngoroutine %d [running]:\n", e.n(1, 90000))
	for _, f := range frames {
		fmt.Fprintf(&b, "%s\n\t%s:%d +0x%x\n", f.fn, f.file, f.line, e.n(0x10, 0x6ff))
	}
	return b.String()
}

// goArgs returns an argument list like "0xc0001b6000, {0xbd1e28, 0xc000412a50}".
func (e *env) goArgs(n int) string {
	args := make([]string, n)
	for i := range args {
		if e.chance(0.4) {
			args[i] = fmt.Sprintf("{0x%x, 0x%x}", 0xc000000000+e.r.IntN(0x800000), e.n(1, 64))
		} else {
			args[i] = fmt.Sprintf("0x%x", 0xc000000000+e.r.IntN(0x800000))
		}
	}
	return strings.Join(args, ", ")
}

// httpFrames are the net/http frames under a handler.
func (e *env) httpFrames() []gframe {
	return []gframe{
		{"net/http.HandlerFunc.ServeHTTP(...)", "/usr/local/go/src/net/http/server.go", e.n(2120, 2170)},
		{"net/http.serverHandler.ServeHTTP({0xc0001c2000?}, {0xbd3f10?, 0xc0003a40e0?}, 0xc000412000?)", "/usr/local/go/src/net/http/server.go", e.n(2930, 3140)},
		{"net/http.(*conn).serve(0xc0002a4000, {0xbd4a18, 0xc000398000})", "/usr/local/go/src/net/http/server.go", e.n(1990, 2080)},
		{"created by net/http.(*Server).Serve in goroutine 1", "/usr/local/go/src/net/http/server.go", e.n(3080, 3290)},
	}
}
