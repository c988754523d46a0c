package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/fupan/fupan/internal/gittree"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/reviews"
)

// repository is where a command reads reviews from.
type repository struct {
	dir      string // the directory on disk; "" for the embedded examples
	name     string // dir as the user gave it, for messages
	fsys     fs.FS
	embedded bool

	git    *gittree.Repo // opened on first use by openGit
	gitErr error
	gitSet bool
}

// openGit returns the git repository that holds the review repository,
// opened once.
func (r *repository) openGit() (*gittree.Repo, error) {
	if r.embedded {
		return nil, errors.New("the example reviews are not in a git repository")
	}
	if !r.gitSet {
		r.git, r.gitErr = gittree.Open(r.dir)
		r.gitSet = true
	}
	return r.git, r.gitErr
}

// openRepo opens the review repository at dir. With no --repo and no
// reviews/ folder in the current directory, it falls back to the example
// reviews built into fupan, and says so on w.
func openRepo(dir string, explicit bool, w io.Writer) (*repository, error) {
	if !explicit {
		if st, err := os.Stat(filepath.Join(dir, review.Dir)); err != nil || !st.IsDir() {
			fmt.Fprintf(w, "fupan: no %s/ folder here: using the example reviews built into fupan (pass --repo DIR for yours, or run 'fupan init')\n", review.Dir)
			return &repository{fsys: reviews.Repo(), embedded: true}, nil
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	// os.Root never follows a symlink out of the repository.
	root, err := os.OpenRoot(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("repository %s does not exist", dir)
		}
		return nil, err
	}
	return &repository{dir: abs, name: dir, fsys: root.FS()}, nil
}
