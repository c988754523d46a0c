package traceback

import (
	"testing"
	"time"

	"github.com/fupan/fupan/internal/cputime"
	"github.com/fupan/fupan/internal/gen"
)

// linearLimit is how much CPU time reading 1 MiB of a hostile log may
// take. Read in linear time it takes milliseconds; the shapes of
// gen.HostileLogs took seconds to minutes where some step was quadratic.
// It is CPU time, not wall time, so that a loaded machine (the other
// packages' tests beside this one) does not fail it.
const linearLimit = 2 * time.Second

// within fails t when f takes more CPU time than linearLimit (where the
// process's CPU time cannot be read, wall time).
func within(t *testing.T, name string, f func()) {
	t.Helper()
	start, startCPU := time.Now(), cputime.Self()
	f()
	d := cputime.Self() - startCPU
	if d == 0 {
		d = time.Since(start)
	}
	if d > linearLimit {
		t.Errorf("%s: %v, want under %v (time quadratic in the length?)", name, d, linearLimit)
	}
}

// Parse reads each hostile log, its very long lines included, in linear
// time.
func TestParseHostile(t *testing.T) {
	for _, l := range gen.HostileLogs(1 << 20) {
		within(t, l.Name, func() { Parse(l.Text) })
	}
}
