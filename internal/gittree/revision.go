package gittree

import (
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"

	"github.com/fupan/fupan/internal/terminal"
)

// What is wrong with a revision: a RevisionError wraps one of these.
var (
	// ErrNotFound: the revision names no commit in the repository.
	ErrNotFound = errors.New("not found")

	// ErrAmbiguous: the name means more than one commit (a tag and a
	// branch, a branch and an abbreviated hash, two commits whose hashes
	// start alike).
	ErrAmbiguous = errors.New("ambiguous")

	// ErrShallow: the revision lies beyond the history of a shallow clone;
	// wrapped together with ErrNotFound.
	ErrShallow = errors.New("the clone is shallow")

	// ErrNoCommits: HEAD names a branch that has no commit yet.
	ErrNoCommits = errors.New("the repository has no commits yet")

	// ErrUnsupported: a form of revision that Resolve does not read, such
	// as a range or a reflog entry.
	ErrUnsupported = errors.New("not supported")
)

// unshallow is the fix for ErrShallow, as a person reads it.
const unshallow = "fetch the whole history: git fetch --unshallow (with actions/checkout: fetch-depth: 0)"

// A RevisionError says why a revision names no commit, and how to mend it.
type RevisionError struct {
	Rev string // the revision as given
	Err error  // wraps ErrNotFound, ErrAmbiguous, ErrShallow, ErrNoCommits or ErrUnsupported, or is an error reading the repository
}

func (e *RevisionError) Error() string {
	if e.Rev == "" {
		return "empty revision: " + e.Err.Error()
	}
	return e.Rev + ": " + e.Err.Error()
}

func (e *RevisionError) Unwrap() error { return e.Err }

// Resolve returns the commit that rev names, read as git rev-parse reads a
// commit: a name (HEAD or @, a branch, a tag, a remote-tracking branch such
// as origin/main, a full ref name) or a commit hash of at least 4 hex
// digits, then any of ~N (the Nth first-parent ancestor), ^N (the Nth
// parent), ^{} or ^{commit}, and ^{/TEXT} (the newest commit whose message
// matches the regular expression TEXT). Annotated tags stand for the commit
// they tag.
//
// Unlike git, a name that means two different commits is an error
// (ErrAmbiguous), never a guess. Every error is a *RevisionError that says
// what is wrong and how to mend it: a revision past the first commit says
// how many commits there are, one past the history of a shallow clone says
// how to fetch the rest.
func Resolve(repo *git.Repository, rev string) (*object.Commit, error) {
	c, err := resolve(repo, rev)
	if err != nil {
		return nil, &RevisionError{Rev: rev, Err: err}
	}
	return c, nil
}

func resolve(repo *git.Repository, rev string) (*object.Commit, error) {
	name, steps, err := parseRevision(rev)
	if err != nil {
		return nil, err
	}
	c, err := resolveName(repo, name)
	if err != nil {
		return nil, err
	}
	at := name
	for _, s := range steps {
		if c, err = s.apply(repo, c, at); err != nil {
			return nil, err
		}
		at += s.text
	}
	return c, nil
}

// A step leads from one commit to another: ~N, ^N, ^{commit} or ^{/TEXT}.
type step struct {
	text string // as written, e.g. "~3"
	op   byte   // '~', '^', '/' (^{/TEXT}) or 0 (^{commit}: no move)
	n    int
	re   *regexp.Regexp
	not  bool // ^{/!-TEXT}: the newest commit that does not match
}

// parseRevision splits rev into the name it starts with and the steps after
// it.
func parseRevision(rev string) (name string, steps []step, err error) {
	unsupported := func(what string) error {
		return fmt.Errorf("%w: %s; pass one commit: a branch, a tag or a hash, optionally followed by ~N or ^N", ErrUnsupported, what)
	}
	if strings.Contains(rev, "..") && !strings.Contains(rev, "^{/") {
		return "", nil, unsupported("a range of commits")
	}
	end := strings.IndexAny(rev, "~^:")
	if i := strings.Index(rev, "@{"); i >= 0 && (end < 0 || i < end) {
		end = i
	}
	if end < 0 {
		end = len(rev)
	}
	name, rest := rev[:end], rev[end:]
	switch {
	case rev == "":
		return "", nil, ErrNotFound
	case strings.HasPrefix(rev, "^"):
		return "", nil, unsupported("a commit to exclude (^REV)")
	}
	for rest != "" {
		switch {
		case strings.HasPrefix(rest, "@{"):
			return "", nil, unsupported("a reflog or upstream revision (@{…})")
		case rest[0] == ':':
			return "", nil, unsupported("a file in a commit or a message search (:…)")
		case rest[0] == '~':
			n, text, err := count(rest)
			if err != nil {
				return "", nil, err
			}
			steps = append(steps, step{text: text, op: '~', n: n})
			rest = rest[len(text):]
		case strings.HasPrefix(rest, "^{"):
			body := rest[2:]
			close := strings.IndexByte(body, '}')
			if strings.HasPrefix(body, "/") {
				close = strings.LastIndexByte(body, '}') // the text may hold a brace
			}
			if close < 0 {
				return "", nil, fmt.Errorf("%w: no } closes %s", ErrUnsupported, rest)
			}
			s := step{text: rest[:2+close+1]}
			switch inner := body[:close]; {
			case inner == "" || inner == "commit":
			case strings.HasPrefix(inner, "/"):
				pattern := inner[1:]
				switch {
				case strings.HasPrefix(pattern, "!-"):
					s.not, pattern = true, pattern[2:]
				case strings.HasPrefix(pattern, "!!"):
					pattern = pattern[1:]
				case strings.HasPrefix(pattern, "!"):
					return "", nil, unsupported("^{/!…} other than ^{/!-TEXT} and ^{/!!TEXT}")
				}
				if s.re, err = regexp.Compile(pattern); err != nil {
					return "", nil, fmt.Errorf("%w: %s: %v", ErrUnsupported, s.text, err)
				}
				s.op = '/'
			default:
				return "", nil, unsupported(s.text + " names a " + inner + ", not a commit")
			}
			steps = append(steps, s)
			rest = rest[len(s.text):]
		case rest[0] == '^':
			if len(rest) > 1 && strings.ContainsRune("!@-", rune(rest[1])) {
				return "", nil, unsupported("a set of commits (^!, ^@, ^-)")
			}
			n, text, err := count(rest)
			if err != nil {
				return "", nil, err
			}
			steps = append(steps, step{text: text, op: '^', n: n})
			rest = rest[len(text):]
		default:
			return "", nil, fmt.Errorf("%w: cannot read %q after %s", ErrUnsupported, rest, strings.TrimSuffix(rev, rest))
		}
	}
	if name == "" {
		return "", nil, unsupported("no branch, tag or hash to start from")
	}
	return name, steps, nil
}

// count reads the number after the ~ or ^ that s starts with, 1 when there
// is none, and returns it with the text it took.
func count(s string) (n int, text string, err error) {
	i := 1
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 1 {
		return 1, s[:1], nil
	}
	n, err = strconv.Atoi(s[1:i])
	if err != nil {
		return 0, "", fmt.Errorf("%w: %s: %v", ErrUnsupported, s[:i], err)
	}
	return n, s[:i], nil
}

// apply moves from c, which the revision text at names, by s.
func (s step) apply(repo *git.Repository, c *object.Commit, at string) (*object.Commit, error) {
	switch s.op {
	case '~':
		for i := range s.n {
			p, err := parent(repo, c, 0)
			switch {
			case errors.Is(err, object.ErrParentNotFound) && i == 0:
				return nil, fmt.Errorf("%w: %s is the first commit: the history has none before it; run git log --oneline %s to see it",
					ErrNotFound, at, at)
			case errors.Is(err, object.ErrParentNotFound):
				return nil, fmt.Errorf("%w: the history has only %s before %s; run git log --oneline --first-parent %s to see them",
					ErrNotFound, terminal.Count(i, "commit"), at, at)
			case errors.Is(err, ErrShallow):
				n := "only " + terminal.Count(i, "commit")
				if i == 0 {
					n = "no commit"
				}
				return nil, fmt.Errorf("%w: %w: the history fetched has %s before %s; %s",
					ErrNotFound, ErrShallow, n, at, unshallow)
			case err != nil:
				return nil, err
			}
			c = p
		}
		return c, nil
	case '^':
		if s.n == 0 {
			return c, nil
		}
		p, err := parent(repo, c, s.n-1)
		switch {
		case errors.Is(err, object.ErrParentNotFound) && c.NumParents() == 0:
			return nil, fmt.Errorf("%w: %s is the first commit: it has no parent; run git log --oneline %s to see it", ErrNotFound, at, at)
		case errors.Is(err, object.ErrParentNotFound):
			return nil, fmt.Errorf("%w: %s has only %s; run git log --oneline --graph %s to see them", ErrNotFound, at, terminal.Count(c.NumParents(), "parent"), at)
		case errors.Is(err, ErrShallow):
			return nil, fmt.Errorf("%w: %w: the history fetched ends at %s; %s", ErrNotFound, ErrShallow, at, unshallow)
		}
		return p, err
	case '/':
		return search(repo, c, s, at)
	}
	return c, nil
}

// parent returns the ith parent of c, counting from 0: an error wrapping
// object.ErrParentNotFound when c has fewer parents, ErrShallow when the
// parent is beyond the history of a shallow clone.
func parent(repo *git.Repository, c *object.Commit, i int) (*object.Commit, error) {
	p, err := c.Parent(i)
	if errors.Is(err, plumbing.ErrObjectNotFound) && isShallow(repo, c.Hash) {
		return nil, ErrShallow
	}
	if err != nil && !errors.Is(err, object.ErrParentNotFound) {
		return nil, fmt.Errorf("parent %d of commit %s: %w", i+1, c.Hash, err)
	}
	return p, err
}

// isShallow reports whether h is a commit at the edge of a shallow clone,
// one whose parents were not fetched.
func isShallow(repo *git.Repository, h plumbing.Hash) bool {
	shallow, err := repo.Storer.Shallow()
	return err == nil && slices.Contains(shallow, h)
}

// search returns the newest commit reachable from c (by committer time, as
// git orders them) whose message matches s.re, or does not when s.not.
func search(repo *git.Repository, c *object.Commit, s step, at string) (*object.Commit, error) {
	var found *object.Commit
	err := object.NewCommitIterCTime(c, nil, nil).ForEach(func(x *object.Commit) error {
		if s.re.MatchString(x.Message) != s.not {
			found = x
			return storer.ErrStop
		}
		return nil
	})
	shallow := errors.Is(err, plumbing.ErrObjectNotFound) && isShallowRepo(repo)
	switch {
	case found != nil:
		return found, nil
	case shallow:
		return nil, fmt.Errorf("%w: %w: no commit fetched from %s has a message that matches; %s", ErrNotFound, ErrShallow, at, unshallow)
	case err != nil:
		return nil, err
	}
	return nil, fmt.Errorf("%w: no commit from %s has a message that matches; run git log --oneline %s to see them", ErrNotFound, at, at)
}

// isShallowRepo reports whether repo is a shallow clone.
func isShallowRepo(repo *git.Repository) bool {
	shallow, err := repo.Storer.Shallow()
	return err == nil && len(shallow) > 0
}

// A candidate is one thing a name may mean.
type candidate struct {
	what   string // "refs/heads/main", or "commit 1a2b3c4" for a hash
	commit *object.Commit
}

// resolveName returns the commit that name (the part of a revision before
// ~, ^ and the like) means: the refs it expands to by git's rules, and the
// commits whose hash starts with it, must all agree.
func resolveName(repo *git.Repository, name string) (*object.Commit, error) {
	if name == "@" {
		name = "HEAD"
	}
	var found []candidate
	var dangling []string // "HEAD names refs/heads/main"
	for _, rule := range plumbing.RefRevParseRules {
		if rule == "%s" && !strings.HasPrefix(name, "refs/") && !isPseudoRef(name) {
			continue // only HEAD and the like live at the top of .git
		}
		full := plumbing.ReferenceName(fmt.Sprintf(rule, name))
		ref, err := repo.Storer.Reference(full)
		if errors.Is(err, plumbing.ErrReferenceNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", full, err)
		}
		if ref.Type() == plumbing.SymbolicReference {
			target := ref.Target()
			if ref, err = storer.ResolveReference(repo.Storer, full); errors.Is(err, plumbing.ErrReferenceNotFound) {
				dangling = append(dangling, fmt.Sprintf("%s names %s, which does not exist", full, target))
				continue
			} else if err != nil {
				return nil, fmt.Errorf("read %s: %w", full, err)
			}
		}
		c, err := peel(repo, ref.Hash())
		if err != nil {
			return nil, fmt.Errorf("%s: %w", full, err)
		}
		found = append(found, candidate{what: full.String(), commit: c})
	}
	for _, h := range hashesWithPrefix(repo, name) {
		if c, err := peel(repo, h); err == nil {
			found = append(found, candidate{what: "commit " + h.String()[:max(7, len(name))], commit: c})
		}
	}

	switch {
	case len(found) == 0 && len(dangling) > 0:
		if name == "HEAD" {
			return nil, fmt.Errorf("%w (%s)", ErrNoCommits, dangling[0])
		}
		return nil, fmt.Errorf("%w: %s", ErrNotFound, dangling[0])
	case len(found) == 0:
		return nil, notFound(repo, name)
	}
	for _, f := range found {
		if f.commit.Hash != found[0].commit.Hash {
			return nil, ambiguous(found)
		}
	}
	return found[0].commit, nil
}

// ambiguous explains that a name means the different commits of found.
func ambiguous(found []candidate) error {
	var meanings, refs []string
	hashes := false
	for _, f := range found {
		if strings.HasPrefix(f.what, "refs/") {
			meanings = append(meanings, fmt.Sprintf("%s (commit %s)", f.what, f.commit.Hash.String()[:7]))
			refs = append(refs, f.what)
		} else {
			meanings = append(meanings, f.what)
			hashes = true
		}
	}
	var fix []string
	if len(refs) > 0 {
		fix = append(fix, "the full ref name ("+strings.Join(refs, " or ")+")")
	}
	if hashes {
		fix = append(fix, "more digits of the hash")
	}
	return fmt.Errorf("%w: it means %s; pass %s", ErrAmbiguous, strings.Join(meanings, " and "), strings.Join(fix, " or "))
}

// isPseudoRef reports whether name is like HEAD, FETCH_HEAD or ORIG_HEAD.
func isPseudoRef(name string) bool {
	return name != "" && strings.Trim(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == ""
}

// hashesWithPrefix returns the objects whose hash starts with prefix, when
// it may be an abbreviated hash.
func hashesWithPrefix(repo *git.Repository, prefix string) []plumbing.Hash {
	if !isHex(prefix) {
		return nil
	}
	prefix = strings.ToLower(prefix)
	if len(prefix) == 2*len(plumbing.ZeroHash) {
		return []plumbing.Hash{plumbing.NewHash(prefix)}
	}
	b, err := hex.DecodeString(prefix[:len(prefix)&^1]) // whole bytes
	if err != nil {
		return nil
	}
	var hashes []plumbing.Hash
	// The filesystem storage finds them by their first byte.
	if s, ok := repo.Storer.(interface {
		HashesWithPrefix([]byte) ([]plumbing.Hash, error)
	}); ok {
		hashes, _ = s.HashesWithPrefix(b)
	} else if iter, err := repo.Storer.IterEncodedObjects(plumbing.AnyObject); err == nil {
		iter.ForEach(func(o plumbing.EncodedObject) error {
			hashes = append(hashes, o.Hash())
			return nil
		})
	}
	return slices.DeleteFunc(hashes, func(h plumbing.Hash) bool {
		return !strings.HasPrefix(h.String(), prefix) // the odd digit, or the slow path
	})
}

// peel returns the commit that h names: h itself, or what a chain of
// annotated tags ends at.
func peel(repo *git.Repository, h plumbing.Hash) (*object.Commit, error) {
	o, err := repo.Object(plumbing.AnyObject, h)
	for err == nil {
		switch x := o.(type) {
		case *object.Commit:
			return x, nil
		case *object.Tag:
			o, err = x.Object()
		default:
			return nil, fmt.Errorf("%w: it names a %s, not a commit", ErrNotFound, o.Type())
		}
	}
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		if isShallowRepo(repo) {
			return nil, fmt.Errorf("%w: %w: object %s was not fetched; %s", ErrNotFound, ErrShallow, h, unshallow)
		}
		return nil, fmt.Errorf("%w: object %s is not in the repository", ErrNotFound, h)
	}
	return nil, err
}

// notFound explains that no ref or commit is named name, with the command
// that fetches it when it may be on a remote.
func notFound(repo *git.Repository, name string) error {
	msg := fmt.Sprintf("no branch, tag or commit is named %s; run git branch -a, git tag or git log --oneline to see what exists", name)
	if isHex(name) {
		if isShallowRepo(repo) {
			msg += "; " + ErrShallow.Error() + ": " + unshallow
		}
	} else if remote, branch, ok := onRemote(repo, name); ok {
		msg += fmt.Sprintf("; if %s has it, fetch it first: git fetch %s %s:refs/remotes/%s/%s", remote, remote, branch, remote, branch)
		if name != remote+"/"+branch {
			msg += fmt.Sprintf(", then pass %s/%s", remote, branch)
		}
	}
	return fmt.Errorf("%w: %s", ErrNotFound, msg)
}

// isHex reports whether name may be an abbreviated hash: at least 4 hex
// digits, as git requires.
func isHex(name string) bool {
	return len(name) >= 4 && len(name) <= 2*len(plumbing.ZeroHash) &&
		strings.Trim(strings.ToLower(name), "0123456789abcdef") == ""
}

// onRemote returns the remote that a missing name may be fetched from and
// the branch it would be there: origin/x is x on origin; a plain x is x on
// origin, or on the only remote.
func onRemote(repo *git.Repository, name string) (remote, branch string, ok bool) {
	remotes, err := repo.Remotes()
	if err != nil || len(remotes) == 0 {
		return "", "", false
	}
	var names []string
	for _, r := range remotes {
		names = append(names, r.Config().Name)
	}
	short := strings.TrimPrefix(name, "refs/remotes/")
	for _, r := range names {
		if b, ok := strings.CutPrefix(short, r+"/"); ok && b != "" {
			return r, b, true
		}
	}
	if strings.HasPrefix(name, "refs/") || isPseudoRef(name) {
		return "", "", false
	}
	switch {
	case slices.Contains(names, "origin"):
		return "origin", name, true
	case len(names) == 1:
		return names[0], name, true
	}
	return "", "", false
}
