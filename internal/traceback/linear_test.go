package traceback

import (
	"testing"
	"time"

	"github.com/fupan/fupan/internal/gen"
)

// linearLimit is how long reading 1 MiB of a hostile log may take. Read
// in linear time it takes milliseconds; the shapes of gen.HostileLogs took
// seconds to minutes where some step was quadratic.
const linearLimit = 2 * time.Second

// within fails t when f takes longer than linearLimit.
func within(t *testing.T, name string, f func()) {
	t.Helper()
	start := time.Now()
	f()
	if d := time.Since(start); d > linearLimit {
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
