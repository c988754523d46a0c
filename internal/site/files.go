package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"

	"golang.org/x/sync/errgroup"

	"github.com/fupan/fupan/internal/highlight"
	"github.com/fupan/fupan/internal/webindex"
)

// Files are the files of a built site, by slash path from its root.
type Files map[string][]byte

// Names returns the paths, sorted.
func (f Files) Names() []string {
	names := make([]string, 0, len(f))
	for n := range f {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// WriteDir writes the site to dir: first into a new folder beside it, then
// swapped in (in one atomic step on Linux; see replace), so that a failed
// write leaves the last site at dir as it was, and readers never see half
// a site. The site holds [Marker] at its root.
//
// Only a folder [CheckOut] allows is replaced; repo is the review
// repository, "" for none. Callers check with CheckOut before the work of
// building, and WriteDir checks again before it writes.
func (f Files) WriteDir(dir, repo string) error {
	_, err := f.WriteDirFrom(dir, repo, nil)
	return err
}

// WriteDirFrom writes the site to dir as WriteDir does, and returns its
// [Manifest] (whose Key and Summary are the caller's to fill). prev is the
// manifest of the site now at dir, nil for none: a file whose content is
// that prev says, and which is still at dir as prev stamped it, is not
// written again but hard-linked from there into the new folder (when the
// link fails, it is written), so that the new folder is made as fast as
// the files that changed allow and the swap stays one step. The new site
// is the same, byte for byte, as one written from nothing.
//
// The files are written on GOMAXPROCS goroutines, without a sync each: a
// site is made again from its sources whenever it is lost.
func (f Files) WriteDirFrom(dir, repo string, prev *Manifest) (m *Manifest, err error) {
	return writeSite(dir, repo, "", f, nil, prev)
}

// ErrKeptChanged is wrapped by [Output.WriteDir] when a file the build
// kept from the last site is no longer there as that site's manifest
// stamped it: the site at the folder is not the one the build started
// from, and nothing was written.
var ErrKeptChanged = errors.New("changed since the last build")

// writeSite writes the site of the files f and the files kept, whose
// bytes are those of the site at dir (as prev stamped them), as
// WriteDirFrom says, recycling the folder spare when not "" (see
// openSink).
func writeSite(dir, repo, spare string, f Files, kept []string, prev *Manifest) (*Manifest, error) {
	return writeSiteWith(dir, repo, spare, f, kept, hashedFiles{}, nil, prev)
}

// writeSiteWith is writeSite, with the files same and streams besides
// (see extra.go and stream.go).
func writeSiteWith(dir, repo, spare string, f Files, kept []string, same hashedFiles, streams map[string]io.WriterTo, prev *Manifest) (*Manifest, error) {
	if err := checkMarker(dir, repo, f, kept); err != nil {
		return nil, err
	}
	k, err := openSink(dir, repo, prev, spare)
	if err != nil {
		return nil, err
	}
	return fill(k, f, kept, same, streams)
}

// checkMarker says when the files f or kept would write over [Marker],
// once dir is known to be a folder fupan may write to.
func checkMarker(dir, repo string, f Files, kept []string) error {
	if _, ok := f[Marker]; ok || slices.Contains(kept, Marker) {
		if err := CheckOut(dir, repo); err != nil {
			return err
		}
		return fmt.Errorf("write site: %s is fupan's own mark and no file of the site", Marker)
	}
	return nil
}

// fill puts the files f, kept, same and streams into the new site of k,
// and closes it (see writeSite).
func fill(k *sink, f Files, kept []string, same hashedFiles, streams map[string]io.WriterTo) (*Manifest, error) {
	g := putters()
	put(k, g, f, kept, same, streams)
	g.Wait() // the sink keeps the first error
	return k.close()
}

// putters is the group that puts files into a sink, on every core.
func putters() *errgroup.Group {
	g := new(errgroup.Group)
	g.SetLimit(runtime.GOMAXPROCS(0))
	return g
}

// put puts the files f, kept (but those f has), same and streams into the
// new site of k, on g; the sink keeps the first error.
func put(k *sink, g *errgroup.Group, f Files, kept []string, same hashedFiles, streams map[string]io.WriterTo) {
	for name, w := range streams { // the largest first
		g.Go(func() error { k.putStream(name, w); return nil })
	}
	for _, name := range f.Names() {
		g.Go(func() error { k.put(name, f[name]); return nil })
	}
	k.keepAll(g, slices.DeleteFunc(slices.Clone(kept), func(name string) bool { _, ok := f[name]; return ok }))
	same.put(k, g)
}

// writeFile puts the file name of content data into the new site in root
// (the folder tmp): hard-linked from the file from of the site at old
// (name, or another of the same content) when prev says that it has this
// content (of SHA-256 hash) and it is as prev stamped it, else written.
// It returns the file's stamp.
func writeFile(root *os.Root, tmp, old, name, from string, data []byte, hash string, prev *Manifest) (Stamp, error) {
	return writeFileBy(root, tmp, old, name, from, int64(len(data)), func(w io.Writer) error { _, err := w.Write(data); return err }, hash, prev)
}

// writeFileBy is writeFile of the content of size bytes that write
// writes, when it is to be written.
func writeFileBy(root *os.Root, tmp, old, name, from string, size int64, write func(io.Writer) error, hash string, prev *Manifest) (Stamp, error) {
	p := filepath.FromSlash(name)
	var was Stamp
	if prev != nil {
		was = prev.Files[from]
	}
	if was.Hash == hash && was.Size == size {
		src := filepath.Join(old, filepath.FromSlash(from))
		if info, err := os.Lstat(src); err == nil && was.holds(src, info) {
			if os.Link(src, filepath.Join(tmp, p)) == nil {
				was.MTime = info.ModTime().UnixNano()
				return was, nil
			}
		}
	}
	info, err := create(root, p, write)
	if err != nil {
		return Stamp{}, err
	}
	return Stamp{Size: info.Size(), MTime: info.ModTime().UnixNano(), Hash: hash}, nil
}

// create makes the file p of root (a native path), of what write writes
// to it, and returns its stat.
func create(root *os.Root, p string, write func(io.Writer) error) (fs.FileInfo, error) {
	w, err := root.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	err = write(w)
	var info fs.FileInfo
	if err == nil {
		info, err = w.Stat()
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return info, err
}

// linkFile puts the file name, kept from the site at old, into the new
// site in root (the folder tmp): hard-linked from old when it is there as
// prev stamped it (copied when the link fails), else an error wrapping
// ErrKeptChanged. It returns the file's stamp.
func linkFile(root *os.Root, tmp, old, name string, prev *Manifest) (Stamp, error) {
	was, ok := prev.Files[name]
	if !ok {
		return Stamp{}, fmt.Errorf("%s: %w (not in its manifest)", name, ErrKeptChanged)
	}
	p := filepath.FromSlash(name)
	src := filepath.Join(old, p)
	info, err := os.Lstat(src)
	if err != nil || !was.holds(src, info) {
		return Stamp{}, fmt.Errorf("%s: %w", name, ErrKeptChanged)
	}
	if os.Link(src, filepath.Join(tmp, p)) != nil {
		data, err := os.ReadFile(src)
		if err != nil || hashOf(data) != was.Hash {
			return Stamp{}, fmt.Errorf("%s: %w", name, ErrKeptChanged)
		}
		return writeFile(root, tmp, old, name, name, data, was.Hash, nil)
	}
	was.MTime = info.ModTime().UnixNano()
	return was, nil
}

// assets copies the theme's static files to assets/, then the search
// client (internal/webindex), over any theme file of the same name, and
// adds chroma.css.
func (s *site) assets() error {
	err := fs.WalkDir(s.opt.Theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(s.opt.Theme, p)
		if err != nil {
			return err
		}
		s.put(path.Join("assets", p[len("static/"):]), data)
		return nil
	})
	if err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	for name, data := range webindex.Client() {
		s.put(name, data)
	}
	var b bytes.Buffer
	if err := highlight.CSS(&b); err != nil {
		return err
	}
	s.put("assets/chroma.css", b.Bytes())
	return nil
}
