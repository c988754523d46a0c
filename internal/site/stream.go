package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// A streamed file of the site is written out as it is made, through an
// io.WriterTo, rather than held whole in memory first: reviews.json,
// which at 10,000 reviews is 31 MB, mostly copied from the last site's
// (see jsonFile). Its hash is taken as it is written. A build that
// streams its pages to disk (WriteSite) writes it at once; a resumed one
// keeps it until its files are written (Output.streams); the builds that
// return Files (Build, BuildFrom, Builder.Build) make its bytes.

// putStream adds the file name of the content f writes to the output:
// written at once when the build streams to disk, else kept to be
// written with the other files.
func (s *site) putStream(name string, f io.WriterTo) {
	if s.sink != nil {
		s.sink.putStream(name, f)
		return
	}
	s.mu.Lock()
	if s.streams == nil {
		s.streams = map[string]io.WriterTo{}
	}
	s.streams[name] = f
	delete(s.out, name)
	s.mu.Unlock()
}

// materialise puts the bytes of each streamed file in files, and forgets
// the streams: for the builds that return Files.
func materialise(files Files, streams map[string]io.WriterTo) error {
	for name, f := range streams {
		var b bytes.Buffer
		if _, err := f.WriteTo(&b); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		files[name] = b.Bytes()
		delete(streams, name)
	}
	return nil
}

// putStream writes the file name of the content f writes into the new
// site, hashing it as it goes; a file put twice has the second content.
func (k *sink) putStream(name string, f io.WriterTo) {
	k.add(name, "", func() (Stamp, error) { return writeStream(k.root, name, f) })
}

// putHashed writes the file name of the content f writes, of size bytes
// and SHA-256 hash, into the new site as put does: linked from the last
// site when it has that content. f may write it twice.
func (k *sink) putHashed(name string, f io.WriterTo, size int64, hash string) {
	from := k.source(name, hash)
	write := func(w io.Writer) error { _, err := f.WriteTo(w); return err }
	k.add(name, hash, func() (Stamp, error) { return writeFileBy(k.root, k.tmp, k.dir, name, from, size, write, hash, k.prev) })
}

// writeStream writes the file name of the content f writes into root,
// and returns its stamp.
func writeStream(root *os.Root, name string, f io.WriterTo) (Stamp, error) {
	h := sha256.New()
	info, err := create(root, filepath.FromSlash(name), func(w io.Writer) error {
		if _, err := f.WriteTo(io.MultiWriter(w, h)); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	})
	if err != nil {
		return Stamp{}, err
	}
	return Stamp{Size: info.Size(), MTime: info.ModTime().UnixNano(), Hash: hex.EncodeToString(h.Sum(nil))}, nil
}
