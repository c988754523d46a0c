package progress

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/fupan/fupan/internal/terminal"
)

// A Reporter is told of the phases of long work.
type Reporter interface {
	// Start begins a phase called name of total steps, each one noun
	// ("review", "page"); total is 0 when it is not known.
	Start(name, noun string, total int) Phase
}

// A Phase is one phase of work under way.
type Phase interface {
	// Add says that n more steps are done. It is safe to call from many
	// goroutines at once.
	Add(n int)
	// Done ends the phase; the steps done are its count.
	Done()
}

// Start is r.Start, or a phase that does nothing when r is nil.
func Start(r Reporter, name, noun string, total int) Phase {
	if r == nil {
		return nop{}
	}
	return r.Start(name, noun, total)
}

type nop struct{}

func (nop) Add(int) {}
func (nop) Done()   {}

// For returns the reporter for w, whose lines start with prefix ("fupan
// build"): a [Bar] when w is a terminal and the CI variable is unset, a
// [Summary] otherwise.
func For(w io.Writer, prefix string) Reporter {
	if f, ok := w.(*os.File); ok && terminal.Is(w) && os.Getenv("CI") == "" {
		return Bar(f, prefix)
	}
	return Summary(w, prefix)
}

// Summary returns a reporter that prints one line per phase on w when it
// ends: "PREFIX: NAME: N NOUNs in DURATION".
func Summary(w io.Writer, prefix string) Reporter {
	return &summary{w: w, prefix: prefix, now: time.Now}
}

type summary struct {
	w      io.Writer
	prefix string
	now    func() time.Time
}

func (s *summary) Start(name, noun string, total int) Phase {
	return &counter{s: s, name: name, noun: noun, start: s.now()}
}

// counter counts the steps of a phase and prints its summary.
type counter struct {
	s          *summary
	name, noun string
	start      time.Time
	n          atomic.Int64
	done       atomic.Bool
}

func (c *counter) Add(n int) { c.n.Add(int64(n)) }

func (c *counter) Done() {
	if c.done.Swap(true) {
		return
	}
	fmt.Fprintln(c.s.w, c.line())
}

func (c *counter) line() string {
	d := c.s.now().Sub(c.start)
	d = d.Round(time.Millisecond)
	if d >= 10*time.Second {
		d = d.Round(100 * time.Millisecond)
	}
	return terminal.Text(fmt.Sprintf("%s: %s: %s in %v", c.s.prefix, c.name, terminal.Count(int(c.n.Load()), c.noun), d))
}
