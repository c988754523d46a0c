package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/fupan/fupan/internal/review"
)

// Marker is the file every written site holds at its root. A folder that
// holds it is a site fupan wrote, which a later build may replace whole.
const Marker = ".fupan-site"

// markerText is the content of Marker, for a reader who finds it.
const markerText = `This folder is a site built by fupan (https://github.com/fupan/fupan).
The next 'fupan build' replaces it whole: keep no other file here.
`

// oldSite are the files every site written before Marker existed holds:
// such a folder is replaced like a marked one. A folder of other documents
// does not hold all three. The paths are those such sites have, written
// out rather than taken from webindex.Dir, which a later format may move.
var oldSite = []string{"index.html", "reviews.json", "search/index/entry.json"}

// An OutError says why a build may not replace a folder with its site.
type OutError struct {
	Path   string // the folder: absolute, symlinks evaluated
	Reason string // what it is, e.g. "is the repository"

	// Protected is set when the folder is, holds or is inside the review
	// repository's own files, which no one should delete to make room.
	Protected bool
}

func (e *OutError) Error() string {
	msg := fmt.Sprintf("%s %s: the build replaces its folder whole and would delete it; choose an empty folder or a missing path instead", e.Path, e.Reason)
	if !e.Protected {
		msg += ", or delete " + e.Path + " yourself if you no longer need it"
	}
	return msg
}

// CheckOut returns an *OutError unless [Files.WriteDir] may replace dir
// with a site. It may replace a folder that is missing, empty, or a site
// fupan wrote (it holds [Marker], or the files of a site written before the
// marker: index.html, reviews.json and search/index/entry.json). It never
// replaces the review repository repo ("" for none), a folder that holds
// it, its fupan.yaml, nor anything inside its reviews/ or .git; nor a file. Paths are
// compared absolute, with symlinks evaluated.
func CheckOut(dir, repo string) error {
	path, err := resolve(dir)
	if err != nil {
		return fmt.Errorf("resolve %s: %w", dir, err)
	}
	if repo != "" {
		abs, err := resolve(repo)
		if err != nil {
			return fmt.Errorf("resolve the repository %s: %w", repo, err)
		}
		repo = abs
		protect := func(reason string) error { return &OutError{Path: path, Reason: reason, Protected: true} }
		switch {
		case path == repo:
			return protect("is the repository")
		case within(repo, path):
			return protect("holds the repository " + repo)
		case path == filepath.Join(repo, review.ConfigFile):
			return protect("is the repository's " + review.ConfigFile)
		}
		for _, d := range []string{review.Dir, ".git"} {
			inner := filepath.Join(repo, d)
			switch {
			case path == inner:
				return protect("is the repository's " + d + " folder")
			case within(path, inner):
				return protect("is inside the repository's " + d + " folder " + inner)
			}
		}
	}

	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case st.Mode()&fs.ModeSymlink != 0:
		// Only a symlink whose target is missing is left unresolved.
		return &OutError{Path: path, Reason: "is a symbolic link to a missing path"}
	case !st.IsDir():
		return &OutError{Path: path, Reason: "is a file, not a folder"}
	}
	if marked(path) {
		return nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return err
	}
	if len(entries) == 0 || isOldSite(path) {
		return nil
	}
	return &OutError{Path: path, Reason: "is a folder that fupan did not build (it holds " + listEntries(entries) + ")"}
}

// marked reports whether dir holds Marker.
func marked(dir string) bool {
	st, err := os.Lstat(filepath.Join(dir, Marker))
	return err == nil && st.Mode().IsRegular()
}

// isOldSite reports whether dir holds every file of oldSite.
func isOldSite(dir string) bool {
	for _, name := range oldSite {
		st, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || !st.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// listEntries names the first few entries, folders with a slash.
func listEntries(entries []fs.DirEntry) string {
	const most = 3
	var names []string
	for _, e := range entries[:min(most, len(entries))] {
		n := e.Name()
		if e.IsDir() {
			n += "/"
		}
		names = append(names, n)
	}
	s := strings.Join(names, ", ")
	if len(entries) > most {
		s += fmt.Sprintf(" and %d more", len(entries)-most)
	}
	return s
}

// resolve returns p absolute, with the symlinks of its longest existing
// ancestor evaluated and the missing rest joined on.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var missing []string
	for {
		r, err := filepath.EvalSymlinks(abs)
		if err == nil {
			return filepath.Join(append([]string{r}, missing...)...), nil
		}
		parent := filepath.Dir(abs)
		if !errors.Is(err, fs.ErrNotExist) || parent == abs {
			return "", err
		}
		missing = append([]string{filepath.Base(abs)}, missing...)
		abs = parent
	}
}

// within reports whether the clean absolute path p is strictly inside dir.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." &&
		!strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
