package recurrence

import (
	"cmp"
	"runtime"
	"slices"

	"golang.org/x/sync/errgroup"

	"github.com/fupan/fupan/internal/review"
)

// A Failure is a failure seen more than once: the reviews that match one
// another (directly or through a review between them), oldest first.
type Failure struct {
	Reviews []*review.Review
	// Exception and Dependency name it: the final exception and the
	// dependency of its first review, as written there.
	Exception, Dependency string
	// Outstanding are the actions of its reviews still open or wontfix,
	// the latest review's first.
	Outstanding []Tracked
}

// First and Last are its earliest and latest reviews.
func (f *Failure) First() *review.Review { return f.Reviews[0] }
func (f *Failure) Last() *review.Review  { return f.Reviews[len(f.Reviews)-1] }

// Recurring returns the failures seen more than once, the most incidents
// first, then the latest.
func (ix *Index) Recurring() []Failure {
	parent := make([]int, len(ix.reviews))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// Every review's matches, on every core (like keeps them), then
	// joined in one pass.
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	const batch = 256
	for lo := 0; lo < len(ix.reviews); lo += batch {
		g.Go(func() error {
			for _, r := range ix.reviews[lo:min(lo+batch, len(ix.reviews))] {
				ix.like(r)
			}
			return nil
		})
	}
	g.Wait() // like returns no error
	for i, r := range ix.reviews {
		for _, h := range ix.like(r) {
			a, b := find(i), find(int(h.j))
			if a != b {
				parent[a] = b
			}
		}
	}
	groups := map[int][]*review.Review{}
	for i, r := range ix.reviews {
		root := find(i)
		groups[root] = append(groups[root], r)
	}
	var out []Failure
	for _, rs := range groups {
		if len(rs) < 2 {
			continue
		}
		slices.SortFunc(rs, func(a, b *review.Review) int { return -review.NewestFirst(a, b) })
		f := Failure{Reviews: rs}
		first := rs[0]
		f.Dependency = first.Failure.Dependency
		if first.Parsed != nil {
			f.Exception = first.Parsed.Final().Type
		}
		if f.Exception == "" && len(first.Failure.Exceptions) > 0 {
			f.Exception = first.Failure.Exceptions[0]
		}
		for i := len(rs) - 1; i >= 0; i-- {
			for j, a := range rs[i].Actions {
				if a.Status == "open" || a.Status == "wontfix" {
					f.Outstanding = append(f.Outstanding, Tracked{Action: a, Review: rs[i], Index: j, Recurred: i < len(rs)-1})
				}
			}
		}
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b Failure) int {
		return cmp.Or(cmp.Compare(len(b.Reviews), len(a.Reviews)), review.NewestFirst(a.Last(), b.Last()))
	})
	return out
}
