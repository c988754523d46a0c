//go:build !unix

package atomicfile

import "os"

// Map returns the content of the file name: on this system, read as
// os.ReadFile reads it (on Unix, mapped into memory read-only).
func Map(name string) ([]byte, error) { return os.ReadFile(name) }

// A Mapping is a file's content as Mapped gives it, until Close.
type Mapping struct {
	Data []byte
}

// Mapped returns the content of the file name: on this system, read (on
// Unix, mapped into memory read-only until Close).
func Mapped(name string) (*Mapping, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return &Mapping{Data: data}, nil
}

// Close lets go of m's content.
func (m *Mapping) Close() error {
	m.Data = nil
	return nil
}
