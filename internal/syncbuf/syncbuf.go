// Package syncbuf holds Buffer, a bytes.Buffer that several goroutines
// may write and read at once: what a server under test logs while the
// test reads it.
package syncbuf

import (
	"bytes"
	"sync"
)

// A Buffer is a bytes.Buffer behind a mutex. The zero value is empty and
// ready to use.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

// String returns what was written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
