package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"

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
func (f Files) WriteDir(dir, repo string) (err error) {
	if err := CheckOut(dir, repo); err != nil {
		return err
	}
	if _, ok := f[Marker]; ok {
		return fmt.Errorf("write site: %s is fupan's own mark and no file of the site", Marker)
	}
	// Resolved, so that the folder is named by its parent and base even
	// as "." or through a symlink.
	dir, err = resolve(dir)
	if err != nil {
		return err
	}
	parent, base := filepath.Split(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	if err := removeLeftovers(parent, base); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, tempPattern(base))
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	// Through os.Root, so that a write fails, rather than makes the folder
	// again, if another build removed tmp as a leftover.
	root, err := os.OpenRoot(tmp)
	if err != nil {
		return err
	}
	defer root.Close()
	if err := root.WriteFile(Marker, []byte(markerText), 0o644); err != nil {
		return fmt.Errorf("write site: %w", err)
	}
	made := map[string]bool{}
	for _, name := range f.Names() {
		if !fs.ValidPath(name) {
			return fmt.Errorf("write site: invalid path %q", name)
		}
		p := filepath.FromSlash(name)
		if d := filepath.Dir(p); d != "." && !made[d] {
			if err := root.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("write site: %w", err)
			}
			made[d] = true
		}
		if err := root.WriteFile(p, f[name], 0o644); err != nil {
			return fmt.Errorf("write site: %w", err)
		}
	}
	if err := root.Close(); err != nil {
		return err
	}
	return replace(tmp, dir)
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
