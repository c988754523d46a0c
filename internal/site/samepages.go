package site

import (
	"slices"

	"github.com/fupan/fupan/internal/review"
)

// A rebuild renders the lists that a changed review is on (every review,
// its terms, the open actions) page by page, and keeps each page made of
// what the last build's was: the same versions of the same reviews (the
// same pointers: a review that did not change is the one the last build
// read), in the same places of a list as long, with all else the page
// shows the same. Only the pages a change reaches are rendered again.
// Of the rest of a list, a page shows its length, and of the years and
// teams atop it their names, links and counts, as the theme's templates
// do; a theme that showed more of them on every page would need them
// rendered again (as the related reviews of a review page, see
// relatedKey).

// sameTerms reports whether the terms a and b, as a list of links (the
// years atop the list of reviews), show the same: names, pages and
// counts.
func sameTerms(a, b []*Term) bool {
	return slices.EqualFunc(a, b, func(x, y *Term) bool {
		return x.Name == y.Name && x.Slug == y.Slug && len(x.Reviews) == len(y.Reviews)
	})
}

// sameTermPage returns the test of paginate for the pages of the term t:
// nil when there is no last build, or the term was not in it as long and
// at the same page. The first page of an exception or a dependency shows
// its incident strip, made of every review of the term and whether it
// was seen before.
func (s *site) sameTermPage(t *Term) func(from, to int) bool {
	o := s.prev
	if o == nil {
		return nil
	}
	was := o.ix.term(t.Kind.Dir, t.Name)
	if was == nil || was.Slug != t.Slug || len(was.Reviews) != len(t.Reviews) {
		return nil
	}
	strip := t.Kind.Dir == "exceptions" || t.Kind.Dir == "dependencies"
	return func(from, to int) bool {
		if from == 0 && strip {
			return slices.Equal(was.Reviews, t.Reviews) && s.sameAgain(o, t.Reviews)
		}
		return slices.Equal(was.Reviews[from:to], t.Reviews[from:to])
	}
}

// sameAgain reports whether each review of list was seen before in the
// build o as it is in s.
func (s *site) sameAgain(o *site, list []*review.Review) bool {
	ix, was := s.recurrence().ix, o.recurrence().ix
	for _, rv := range list {
		if ix.HasSeenBefore(rv) != was.HasSeenBefore(rv) {
			return false
		}
	}
	return true
}

// lastActions returns the lists of open actions of the last build, by
// team ("" for every team's), when its teams were those of teams; nil
// when there is no last build or its teams were others.
func (s *site) lastActions(teams []TeamLink) map[string][]ActionItem {
	if s.prev == nil {
		return nil
	}
	open := s.prev.openActions()
	was, byTeam := actionLists(open)
	if !slices.Equal(was, teams) {
		return nil
	}
	byTeam[""] = open
	return byTeam
}

// sameActions reports whether a and b are the same actions of the same
// versions of the reviews.
func sameActions(a, b []ActionItem) bool {
	return slices.EqualFunc(a, b, func(x, y ActionItem) bool { return x.Review == y.Review && x.index == y.index })
}
