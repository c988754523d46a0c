package mcpserver

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/fupan/fupan/internal/review"
)

// A watcher tells whether review files may have changed since it was last
// asked: it watches every folder under reviews/ (fsnotify).
//
// An event reaches the watcher some time after the change, so a request
// that follows a save at once could be answered before the watcher knows.
// settle closes that gap: it changes the mode of a private marker file,
// watched by the same watcher, and waits for that event. The kernel
// queues a watcher's events in the order of the changes (inotify), so
// when the marker's event arrives, every event of a change made before it
// has been read.
type watcher struct {
	fw     *fsnotify.Watcher
	root   string // the reviews folder
	marker string // the private marker file; "" when there is none
	kick   func() // called on every change, from the watcher's goroutine

	mu     sync.Mutex
	dirty  bool   // a review file may have changed since settle last said
	broken bool   // events were lost, or the watcher stopped: scan every time
	sent   uint64 // marker changes made
	seen   uint64 // marker events read
	tick   chan struct{}
	done   chan struct{}
}

// settleTimeout bounds the wait for the marker's event; past it the
// server scans instead.
const settleTimeout = time.Second

// newWatcher watches the reviews folder of the repository at dir. It
// calls kick on every change.
func newWatcher(dir string, kick func()) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{fw: fw, root: filepath.Join(dir, review.Dir), kick: kick, tick: make(chan struct{}, 1), done: make(chan struct{})}
	if err := w.addTree(w.root); err != nil {
		fw.Close()
		return nil, err
	}
	if f, err := os.CreateTemp("", "fupan-mcp-*.sync"); err == nil {
		f.Close()
		if err := fw.Add(f.Name()); err == nil {
			w.marker = f.Name()
		} else {
			os.Remove(f.Name())
		}
	}
	go w.loop()
	return w, nil
}

// canSettle reports whether settle can tell that nothing changed.
func (w *watcher) canSettle() bool { return w.marker != "" }

// addTree watches the folder root and every folder under it, except those
// that review.Entries skips (hidden, or starting with "_").
func (w *watcher) addTree(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != root && errors.Is(err, fs.ErrNotExist) {
				return nil // gone meanwhile
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != root && ignored(d.Name()) {
			return filepath.SkipDir
		}
		return w.fw.Add(p)
	})
}

// ignored reports whether a name under reviews/ is none of fupan's
// business: hidden files and folders (an editor's swap files), those
// starting with "_", backups ending in "~".
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || strings.HasSuffix(name, "~")
}

// loop reads the events until the watcher is closed.
func (w *watcher) loop() {
	defer close(w.done)
	for {
		select {
		case ev, ok := <-w.fw.Events:
			if !ok {
				w.fail()
				return
			}
			if ev.Name == w.marker {
				if ev.Has(fsnotify.Chmod) {
					w.mu.Lock()
					w.seen++
					w.mu.Unlock()
					select {
					case w.tick <- struct{}{}:
					default:
					}
				}
				continue
			}
			if ignored(filepath.Base(ev.Name)) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
					w.addTree(ev.Name) // a new folder: its files are reviews too
				}
			}
			w.markDirty()
			w.kick()
		case _, ok := <-w.fw.Errors:
			if !ok {
				w.fail()
				return
			}
			// Events were lost (the kernel's queue overflowed) or
			// cannot be read: a scan finds what changed.
			w.markDirty()
			w.kick()
		}
	}
}

// markDirty records that review files may have changed.
func (w *watcher) markDirty() {
	w.mu.Lock()
	w.dirty = true
	w.mu.Unlock()
}

// fail records that the watcher stopped: from now on every request scans.
func (w *watcher) fail() {
	w.mu.Lock()
	w.broken = true
	w.mu.Unlock()
}

// settle waits until the watcher has read the events of every change
// made before it was called, and reports whether no review file changed
// since settle last returned: true means that a scan would find nothing.
// False means that one may have changed, or that it cannot be told.
// Calls must not overlap (the server's syncMu).
func (w *watcher) settle() bool {
	if w.marker == "" {
		return false
	}
	w.mu.Lock()
	broken := w.broken
	pending := w.seen < w.sent
	w.mu.Unlock()
	if broken {
		return false
	}
	timeout := time.NewTimer(settleTimeout)
	defer timeout.Stop()
	// One marker change at a time: two unread events alike would be
	// merged into one by the kernel, and never counted.
	if pending && !w.await(timeout.C) {
		return false
	}
	w.mu.Lock()
	w.sent++
	w.mu.Unlock()
	if err := os.Chmod(w.marker, 0o600); err != nil {
		w.mu.Lock()
		w.sent--
		w.mu.Unlock()
		return false
	}
	if !w.await(timeout.C) {
		return false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	quiet := !w.dirty && !w.broken
	w.dirty = false
	return quiet
}

// await waits until every marker change has been seen, or timeout.
func (w *watcher) await(timeout <-chan time.Time) bool {
	for {
		w.mu.Lock()
		caught := w.seen >= w.sent
		w.mu.Unlock()
		if caught {
			return true
		}
		select {
		case <-w.tick:
		case <-timeout:
			return false
		case <-w.done:
			return false
		}
	}
}

// close stops the watcher and removes the marker.
func (w *watcher) close() {
	w.fw.Close()
	<-w.done
	if w.marker != "" {
		os.Remove(w.marker)
	}
}
