//go:build unix

package search

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

var sink byte

// guard makes damage of what bbolt and scorch do on a damaged file: an
// assertion that panics, and a read of a mapped file past its end, which
// faults (SIGBUS) and would otherwise end the process.
func TestGuard(t *testing.T) {
	ps := os.Getpagesize()
	name := filepath.Join(t.TempDir(), "mapped")
	write(t, name, make([]byte, 3*ps))
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, err := syscall.Mmap(int(f.Fd()), 0, 3*ps, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		t.Skipf("mmap: %v", err)
	}
	defer syscall.Munmap(data)
	truncate(t, name, int64(ps)) // cut short, as bbolt's file was

	tests := []struct {
		name string
		f    func() error
		want string
	}{
		{"no panic", func() error { return nil }, ""},
		{"panic", func() error { panic("assertion failed: Page expected to be: 10, but self identifies as 0") },
			"damaged (the storage layer failed: assertion failed"},
		{"fault", func() error { sink = data[2*ps]; return nil }, "damaged (the storage layer failed: runtime error: invalid memory address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := guard(tt.f)
			var derr *damageError
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("guard = %v, want nil", err)
			case tt.want != "" && (!errors.As(err, &derr) || !strings.HasPrefix(err.Error(), tt.want)):
				t.Errorf("guard = %v, want a damageError %s…", err, tt.want)
			}
		})
	}
}
