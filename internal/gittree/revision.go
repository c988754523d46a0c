package gittree

import (
	"errors"
	"fmt"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// What is wrong with a revision: a RevisionError wraps one of these.
var (
	// ErrNotFound: the revision names no commit in the repository.
	ErrNotFound = errors.New("not found")

	// ErrNoCommits: HEAD names a branch that has no commit yet.
	ErrNoCommits = errors.New("the repository has no commits yet")
)

// A RevisionError says why a revision names no commit.
type RevisionError struct {
	Rev string // the revision as given
	Err error  // wraps ErrNotFound or ErrNoCommits, or is an error reading the repository
}

func (e *RevisionError) Error() string {
	if e.Rev == "" {
		return "empty revision: " + e.Err.Error()
	}
	return e.Rev + ": " + e.Err.Error()
}

func (e *RevisionError) Unwrap() error { return e.Err }

// Resolve returns the commit that rev names: a branch, a tag, a hash or any
// revision go-git resolves. Every error is a *RevisionError.
func Resolve(repo *git.Repository, rev string) (*object.Commit, error) {
	h, err := repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		if _, herr := repo.Head(); rev == "HEAD" && errors.Is(herr, plumbing.ErrReferenceNotFound) {
			return nil, &RevisionError{Rev: rev, Err: ErrNoCommits}
		}
		return nil, &RevisionError{Rev: rev, Err: fmt.Errorf("%w: %v", ErrNotFound, err)}
	}
	c, err := repo.CommitObject(*h)
	if err != nil {
		return nil, &RevisionError{Rev: rev, Err: err}
	}
	return c, nil
}
