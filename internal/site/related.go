package site

import (
	"cmp"
	"slices"
	"strings"

	"github.com/fupan/fupan/internal/review"
)

// maxRelated is how many computed related reviews a page shows.
const maxRelated = 5

// maxNeighbours bounds the reviews of one term compared with a review, so
// that a common exception (TimeoutError in a thousand reviews) costs the
// same as a rare one: the nearest in date are taken.
const maxNeighbours = 40

// A Related is another review and what it shares with this one.
type Related struct {
	Review   *review.Review
	Declared bool    // named in related:
	Shared   []*Term // the exceptions, dependencies and services in common
	score    int
}

// related returns the declared related reviews, then up to maxRelated
// others that share an exception (3 points), a dependency (2) or a service
// (1) with r, at least one of the first two, best first.
func (ix *catalog) related(r *review.Review, byID map[string]*review.Review, pos map[*review.Review]int) []Related {
	var out []Related
	seen := map[*review.Review]bool{r: true}
	for _, id := range r.Related {
		if o := byID[id]; o != nil && !seen[o] {
			seen[o] = true
			out = append(out, Related{Review: o, Declared: true})
		}
	}
	cand := map[*review.Review]*Related{}
	add := func(k *Kind, points int, seed bool) {
		for _, t := range ix.terms(k.Dir, k.terms(r)) {
			for _, o := range neighbours(t.Reviews, r, pos) {
				if seen[o] {
					continue
				}
				c := cand[o]
				if c == nil {
					if !seed {
						continue
					}
					c = &Related{Review: o}
					cand[o] = c
				}
				c.score += points
				c.Shared = append(c.Shared, t)
			}
		}
	}
	add(kindOf("exceptions"), 3, true)
	add(kindOf("dependencies"), 2, true)
	add(kindOf("services"), 1, false)
	computed := make([]*Related, 0, len(cand))
	for _, c := range cand {
		computed = append(computed, c)
	}
	slices.SortFunc(computed, func(a, b *Related) int {
		return cmp.Or(-cmp.Compare(a.score, b.score), -cmp.Compare(a.Review.Date, b.Review.Date), cmp.Compare(a.Review.ID, b.Review.ID))
	})
	for i, c := range computed {
		if i == maxRelated {
			break
		}
		out = append(out, *c)
	}
	return out
}

// neighbours returns up to maxNeighbours reviews of list (newest first)
// nearest to r in that order.
func neighbours(list []*review.Review, r *review.Review, pos map[*review.Review]int) []*review.Review {
	if len(list) <= maxNeighbours {
		return list
	}
	// list is sorted as the reviews are (pos), so find r's place.
	i, _ := slices.BinarySearchFunc(list, pos[r], func(o *review.Review, p int) int { return cmp.Compare(pos[o], p) })
	lo := max(0, i-maxNeighbours/2)
	hi := min(len(list), lo+maxNeighbours)
	lo = max(0, hi-maxNeighbours)
	return list[lo:hi]
}

// relatedKey is the hex SHA-256 of what a review page shows of its
// related reviews, but for their titles and dates: their ids, whether
// declared, the terms shared. A rebuild compares it with the last build's
// to know whether the page changed; hashed, it keeps the manifest small
// (the text is near a kilobyte a review).
func relatedKey(rel []Related) string {
	var b strings.Builder
	for _, r := range rel {
		b.WriteString(r.Review.ID)
		r.writeKey(&b)
		b.WriteByte('\n')
	}
	return hashOf([]byte(b.String()))
}

// key says what r shows besides its review: whether it was declared, and
// the terms shared.
func (r Related) key() string {
	var b strings.Builder
	r.writeKey(&b)
	return b.String()
}

func (r Related) writeKey(b *strings.Builder) {
	if r.Declared {
		b.WriteString(" declared")
	}
	for _, t := range r.Shared {
		b.WriteString(" " + t.Kind.Dir + "/" + t.Slug + "/" + t.Name)
	}
}
