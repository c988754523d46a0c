package recurrence

import (
	"maps"
	"slices"

	"github.com/fupan/fupan/internal/review"
)

// Carry returns the index of reviews, as New does, keeping the matches
// that old computed wherever they still hold: a rebuild after one edit
// asks again about every review (insights' recurring failures), and most
// answers are those of the build before.
//
// A review of old is the same in reviews when it is the same pointer, or
// a new version (the same id) with the same date and signature: it
// matches exactly as it did. Every other review of old is removed, and
// every other review of reviews added. The matches old computed for a
// review are kept, its positions moved, unless
//
//   - they include a removed review;
//   - the review may match an added one, asked either way (candidates);
//   - it raises an exception that is common in one index and not in the
//     other (see Reclassified), which weighs its matches otherwise.
//
// Nothing else changes what a review matches: scores depend on the two
// signatures and on which exceptions are common, the order on scores,
// dates and ids. So every answer of the index returned is that of New.
func Carry(old *Index, reviews []*review.Review) *Index {
	if old == nil {
		return New(reviews)
	}
	ix := newIndex(reviews, func(r *review.Review) Signature {
		if i, ok := old.pos[r]; ok {
			return old.sigs[i]
		}
		return Of(r)
	})

	// moved[i] is the position in ix of the review at i in old, -1 when
	// it was removed.
	moved := make([]int32, len(old.reviews))
	gone := map[string]int{} // old reviews not in ix, by id
	for i, r := range old.reviews {
		if j, ok := ix.pos[r]; ok {
			moved[i] = int32(j)
		} else {
			moved[i] = -1
			gone[r.ID] = i
		}
	}
	var added []int
	for j, r := range reviews {
		if _, ok := old.pos[r]; ok {
			continue
		}
		if i, ok := gone[r.ID]; ok && old.reviews[i].Date == r.Date && sameSignature(old.sigs[i], ix.sigs[j]) {
			moved[i] = int32(j)
			delete(gone, r.ID)
			continue
		}
		added = append(added, j)
	}
	removed := slices.Contains(moved, -1)

	stale := make([]bool, len(reviews)) // whose matches are computed again
	for _, a := range added {
		ix.candidates(ix.sigs[a], func(j int) { stale[j] = true })
	}
	if removed || len(added) > 0 {
		// Only then can the number of reviews raising an exception, or
		// of all, have changed.
		for _, r := range ix.Reclassified(old) {
			stale[ix.pos[r]] = true
		}
	}
	shifted := false
	for i, j := range moved {
		if j >= 0 && int(j) != i {
			shifted = true
			break
		}
	}

	old.mu.Lock()
	cache := maps.Clone(old.cache)
	old.mu.Unlock()
next:
	for i, hits := range cache {
		j := moved[i]
		if j < 0 || stale[j] {
			continue
		}
		if !shifted && !removed {
			ix.cache[int(j)] = hits // never changed once kept: shared
			continue
		}
		kept := make([]hit, len(hits))
		for k, h := range hits {
			if moved[h.j] < 0 {
				continue next
			}
			kept[k] = hit{j: moved[h.j], score: h.score, gap: h.gap}
		}
		ix.cache[int(j)] = kept
	}
	return ix
}

// sameSignature reports whether a and b are the same signature, names
// as written included.
func sameSignature(a, b Signature) bool {
	return slices.Equal(a.Exceptions, b.Exceptions) && a.Final == b.Final && a.Dependency == b.Dependency &&
		a.Function == b.Function && slices.Equal(a.Frames, b.Frames) && slices.Equal(a.Services, b.Services) &&
		maps.Equal(a.shown, b.shown)
}

// Peers returns the reviews of the index whose failure matches r's, asked
// either way: those r matches, and those that match r. A match weighs
// the same both ways but in one case: each raised the other's final
// exception, and only one of the two is common. r need not be in the
// index, and is never its own peer. They are in the order of the index.
func (ix *Index) Peers(r *review.Review) []*review.Review {
	s := ix.signature(r)
	var js []int
	ix.candidates(s, func(j int) {
		o := ix.reviews[j]
		if o == r || o.ID == r.ID {
			return
		}
		if ix.score(s, ix.sigs[j]) >= Threshold || ix.score(ix.sigs[j], s) >= Threshold {
			js = append(js, j)
		}
	})
	slices.Sort(js)
	out := make([]*review.Review, len(js))
	for k, j := range js {
		out[k] = ix.reviews[j]
	}
	return out
}
