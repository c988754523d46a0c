package syncbuf

import (
	"strings"
	"sync"
	"testing"
)

// Goroutines that write at once lose no write, and a reader meanwhile
// sees whole writes (run with -race to see that it is safe).
func TestConcurrentWrites(t *testing.T) {
	var b Buffer
	var wg sync.WaitGroup
	const writers, writes = 8, 200
	for range writers {
		wg.Go(func() {
			for range writes {
				b.Write([]byte("line\n"))
			}
		})
	}
	wg.Go(func() {
		for range writes {
			if s := b.String(); len(s)%len("line\n") != 0 {
				t.Errorf("read %d bytes, not whole lines", len(s))
				return
			}
		}
	})
	wg.Wait()
	if got := strings.Count(b.String(), "line\n"); got != writers*writes {
		t.Errorf("%d lines, want %d", got, writers*writes)
	}
}
