package history

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/fupan/fupan/internal/gittree"
)

// DefaultPrefix is the folder whose files Load reports when Options.Prefix is
// empty.
const DefaultPrefix = "reviews/"

// A Person is a commit author as the commit names them.
type Person struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// A Change is one commit that changed a file.
type Change struct {
	Hash   string    `json:"hash"`
	When   time.Time `json:"when"` // author time
	Author Person    `json:"author"`
}

// A File is the history of one file that exists at the head.
type File struct {
	Path         string   `json:"path"` // slash-separated, from the repository root
	First        Change   `json:"first"`
	Last         Change   `json:"last"`
	Contributors []Person `json:"contributors"` // most commits first
	Commits      int      `json:"commits"`      // commits that changed the file
}

// A History is what git says about the files under a prefix at one commit.
type History struct {
	Head    string           // the commit the history was computed at; "" in a repository with no commits
	Files   map[string]*File // by path, only files present at Head
	Shallow bool             // the repository is a shallow clone: dates and contributors are incomplete

	// Walked is the number of commits this Load walked: 0 when the cache was
	// current, only the new commits when it was extended.
	Walked int

	// Warnings are problems that did not stop Load: ErrShallow, and a
	// cache that could not be read (and was rebuilt) or written, in one
	// warning.
	Warnings []error
}

// Options tell Load what to compute and where to cache it.
type Options struct {
	// Prefix is the folder whose files are reported, slash-separated from
	// the repository root; DefaultPrefix when empty.
	Prefix string

	// CacheDir is the directory holding history.json; no cache when empty.
	CacheDir string

	// Commit is the commit to start from (resolve a revision to it with
	// gittree.Resolve); HEAD when zero.
	Commit plumbing.Hash
}

// ErrShallow is the warning for a shallow clone.
var ErrShallow = errors.New("shallow clone: first-committed dates and contributors are incomplete; " +
	"fetch the whole history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)")

// Load returns the history of the files under opts.Prefix at opts.Commit,
// extending the cache in opts.CacheDir when there is one.
func Load(repo *git.Repository, opts Options) (h *History, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("git history: %w", err)
		}
	}()
	prefix := normPrefix(opts.Prefix)

	head := opts.Commit
	if head.IsZero() {
		c, err := gittree.Resolve(repo, "HEAD")
		if errors.Is(err, gittree.ErrNoCommits) {
			return &History{Files: map[string]*File{}}, nil // no commits yet
		}
		if err != nil {
			return nil, err
		}
		head = c.Hash
	}
	shallow, err := repo.Storer.Shallow()
	if err != nil {
		return nil, fmt.Errorf("read shallow commits: %w", err)
	}

	h = &History{Head: head.String(), Shallow: len(shallow) > 0}
	if h.Shallow {
		h.Warnings = append(h.Warnings, ErrShallow)
	}

	var st *state
	var cacheErr error // one warning at most for the cache
	if opts.CacheDir != "" {
		var c *cache
		c, cacheErr = readCache(opts.CacheDir)
		if c.usable(prefix, shallow) {
			st = c.state()
		}
	}

	w := newWalker(repo.Storer, prefix, shallow)
	if st != nil && st.head != head {
		n, err := w.extend(st, head)
		if errors.Is(err, errNotAncestor) {
			st = nil // force-push: start again
		} else if err != nil {
			return nil, err
		}
		h.Walked = n
	}
	if st == nil {
		st = newState(prefix, shallow)
		n, err := w.extend(st, head)
		if err != nil {
			return nil, err
		}
		h.Walked = n
	}

	if opts.CacheDir != "" && h.Walked > 0 {
		if err := writeCache(opts.CacheDir, st); err != nil {
			// A cache that can be neither read nor written (its folder
			// is a file, or read-only) is said once, by what to mend.
			cacheErr = err
		}
	}
	if cacheErr != nil {
		h.Warnings = append(h.Warnings, cacheErr)
	}
	h.Files = st.files()
	return h, nil
}

// normPrefix returns p without leading "./" or "/" and with one trailing
// slash, or "" for the whole repository.
func normPrefix(p string) string {
	if p == "" {
		p = DefaultPrefix
	}
	p = strings.TrimPrefix(p, "./")
	p = strings.Trim(p, "/")
	if p == "" || p == "." {
		return ""
	}
	return p + "/"
}
