//go:build !unix

package atomicfile

import "os"

// Map returns the content of the file name: on this system, read as
// os.ReadFile reads it (on Unix, mapped into memory read-only).
func Map(name string) ([]byte, error) { return os.ReadFile(name) }
