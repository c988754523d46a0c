// Package atomicfile writes a file so that a reader sees its old content
// or its new, never half of it: the one way fupan writes what it keeps in
// .fupan/ (the search manifest, the site manifest, the stat and parse
// caches, the history cache). Such a file, never changed in place, can
// be read by mapping it into memory (Map).
package atomicfile

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"
)

// Write writes name through write: into a new temporary file beside it
// (.NAME-*, in name's folder, which it makes if missing), renamed over
// name once complete. With sync the content is on the disk before the
// rename, so that a crash cannot leave name empty. An error of write or of
// the file system leaves name as it was and the temporary file removed.
func Write(name string, sync bool, write func(w io.Writer) error) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+"-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, nothing is there
	w := bufio.NewWriterSize(tmp, writeBuffer)
	err = errors.Join(write(w), w.Flush())
	if sync && err == nil {
		err = tmp.Sync()
	}
	if err := errors.Join(err, tmp.Close()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// writeBuffer is how much Write gathers before it writes: the stat cache
// of 10,000 reviews (1.5 MB) is 23 system calls, not 367.
const writeBuffer = 64 << 10

// WriteBytes writes data to name as Write does.
func WriteBytes(name string, data []byte, sync bool) error {
	return Write(name, sync, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
