package history

import (
	"cmp"
	"slices"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// state is the history of every path ever seen under the prefix, as of the
// commit head; it is what the cache keeps.
type state struct {
	prefix  string
	shallow []plumbing.Hash // the shallow boundary it was computed with
	head    plumbing.Hash
	seen    map[plumbing.Hash]bool // every commit processed
	paths   map[string]*record
}

// record is the history of one path, including a path deleted since.
type record struct {
	first, last Change
	commits     int
	authors     map[Person]int // commits per author
	present     bool           // the path exists at head
}

func newState(prefix string, shallow []plumbing.Hash) *state {
	return &state{
		prefix:  prefix,
		shallow: shallow,
		seen:    map[plumbing.Hash]bool{},
		paths:   map[string]*record{},
	}
}

// apply records the changes that commit c made.
func (s *state) apply(c *object.Commit, changes []change) {
	s.seen[c.Hash] = true
	if len(changes) == 0 {
		return
	}
	ch := Change{
		Hash:   c.Hash.String(),
		When:   c.Author.When,
		Author: Person{Name: c.Author.Name, Email: c.Author.Email},
	}

	// Exact renames: pair paths that disappear with paths that appear
	// with the same blob, in path order (changes are sorted by path).
	gone := map[plumbing.Hash][]string{}
	for _, x := range changes {
		if x.to.IsZero() {
			gone[x.from] = append(gone[x.from], x.path)
		}
	}
	renamed := map[string]bool{} // old paths taken over by a new one
	for _, x := range changes {
		if !x.from.IsZero() || len(gone[x.to]) == 0 {
			continue
		}
		old := gone[x.to][0]
		gone[x.to] = gone[x.to][1:]
		r := s.paths[old]
		if r == nil {
			continue // no history to take over
		}
		renamed[old] = true
		delete(s.paths, old)
		if prev := s.paths[x.path]; prev != nil {
			r.merge(prev) // re-added over an earlier history of its own
		}
		s.paths[x.path] = r
	}

	for _, x := range changes {
		if renamed[x.path] {
			continue
		}
		r := s.paths[x.path]
		if r == nil {
			r = &record{authors: map[Person]int{}}
			s.paths[x.path] = r
		}
		r.touch(ch)
		r.present = !x.to.IsZero()
	}
}

// touch counts ch as a change of r. Changes arrive in topological order, so
// on a tie of times the earlier one stays first and the later one becomes
// last.
func (r *record) touch(ch Change) {
	if r.commits == 0 || ch.When.Before(r.first.When) {
		r.first = ch
	}
	if r.commits == 0 || !ch.When.Before(r.last.When) {
		r.last = ch
	}
	r.commits++
	r.authors[ch.Author]++
}

// merge adds the history of o, an older record of the same path, to r.
func (r *record) merge(o *record) {
	if o.commits == 0 {
		return
	}
	if !r.first.When.Before(o.first.When) {
		r.first = o.first
	}
	if o.last.When.After(r.last.When) {
		r.last = o.last
	}
	r.commits += o.commits
	for p, n := range o.authors {
		r.authors[p] += n
	}
}

// files returns the files present at head.
func (s *state) files() map[string]*File {
	fs := make(map[string]*File)
	for path, r := range s.paths {
		if r.present {
			fs[path] = &File{
				Path:         path,
				First:        r.first,
				Last:         r.last,
				Contributors: r.contributors(),
				Commits:      r.commits,
			}
		}
	}
	return fs
}

// contributors returns the authors of r, most commits first, then by name
// and email.
func (r *record) contributors() []Person {
	ps := make([]Person, 0, len(r.authors))
	for p := range r.authors {
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b Person) int {
		return cmp.Or(
			cmp.Compare(r.authors[b], r.authors[a]),
			cmp.Compare(a.Name, b.Name),
			cmp.Compare(a.Email, b.Email),
		)
	})
	return ps
}
