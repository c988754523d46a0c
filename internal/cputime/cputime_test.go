//go:build unix

package cputime

import "testing"

// TestSelf checks that work done shows as CPU time.
func TestSelf(t *testing.T) {
	start := Self()
	x := 0
	for i := range 200_000_000 {
		x ^= i
	}
	if Self() <= start {
		t.Errorf("no CPU time counted for a busy loop (%d)", x)
	}
}
