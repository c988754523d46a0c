//go:build unix

package atomicfile

import (
	"io"
	"os"
	"syscall"
)

// Map returns the content of the file name, mapped into memory read-only
// rather than copied into the heap: a reader of a large file saves the
// copy and the fresh memory it would take. It suits files that Write
// wrote, which are replaced by rename and never changed in place: the
// mapping keeps the content it had when mapped, even after the file is
// replaced or removed. (A file cut short in place while mapped would
// fault the process when read.)
//
// The mapping is never unmapped, so that strings and slices made from
// it stay valid for the life of the process: Map is for a process that
// maps a file once or a few times, not over and over. The content must
// never be written to. Where the file cannot be mapped, it is read as
// os.ReadFile reads it.
func Map(name string) ([]byte, error) {
	data, _, err := mapFile(name)
	return data, err
}

// mapFile maps the file name read-only; mapped is false when it was read
// instead.
func mapFile(name string) (data []byte, mapped bool, err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, false, err
	}
	size := info.Size()
	if !info.Mode().IsRegular() || size <= 0 || int64(int(size)) != size {
		data, err = io.ReadAll(f) // a special file, an empty one, or beyond an int
		return data, false, err
	}
	data, err = syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		data, err = io.ReadAll(f)
		return data, false, err
	}
	return data, true, nil
}

// A Mapping is a file's content mapped into memory read-only (Mapped),
// until Close.
type Mapping struct {
	Data   []byte
	mapped bool
}

// Mapped maps the file name into memory read-only, as Map does, but
// until Close: for a reader that maps files over and over, each for a
// while. Where the file cannot be mapped, it is read.
func Mapped(name string) (*Mapping, error) {
	data, mapped, err := mapFile(name)
	if err != nil {
		return nil, err
	}
	return &Mapping{Data: data, mapped: mapped}, nil
}

// Close unmaps m. Nothing may use m.Data, nor anything that points into
// it, after.
func (m *Mapping) Close() error {
	data := m.Data
	m.Data = nil
	if !m.mapped || data == nil {
		return nil
	}
	m.mapped = false
	return syscall.Munmap(data)
}
