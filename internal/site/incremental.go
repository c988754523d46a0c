package site

import (
	"maps"
	"slices"

	"github.com/fupan/fupan/internal/review"
)

// A rebuild after an edit renders only the pages that depend on the
// reviews that changed, and the site-wide files; the other pages keep the
// bytes of the last build. The pages that depend on a review X are:
//
//   - its own page, and its Markdown source;
//   - the pages that show it among their related reviews, or may start or
//     stop to: those that name it in related:, and those near it in date in
//     the lists of an exception, dependency or service it has or had
//     (related compares a review with maxNeighbours reviews of each list,
//     the nearest in date); each is rendered again when its related reviews
//     differ from the last build's (relatedKey) or include X;
//   - the pages of the reviews whose failure matches its (recurrence,
//     either way), which may show it under "seen before" or "seen again":
//     each is rendered again when those sections differ from the last
//     build's (seenSections); and the pages of their exceptions and
//     dependencies when the incident strips there mark them "seen
//     before" otherwise;
//   - the pages of the terms it has or had, and the index of their kinds;
//   - the site-wide files (siteWide): home, lists, actions, insights, feed,
//     reviews.json, sitemap, which take each review's list item or entry
//     from what the last build made of it, and llms.txt.
//
// When a term's slug changes (a new term took it), or many reviews
// changed, everything is rendered again.

// maxChanged is the number of changed reviews above which a rebuild
// renders everything.
const maxChanged = 200

// sameOptions reports whether a build with opt can start from s: the
// options that are in every page are the same. The theme and the history
// are the caller's to tell (Builder.Reset), and fupan.yaml the update's.
func (s *site) sameOptions(opt Options) bool {
	o := s.opt
	return o.BaseURL == opt.BaseURL && o.Forge == opt.Forge && o.Branch == opt.Branch && o.Live == opt.Live
}

// update builds repo from the last build, rendering only what depends on
// the reviews that changed (ch); ok is false when it cannot, and everything
// is to be rendered.
func (b *Builder) update(repo *review.Repo, ch review.Changes, opt Options) (files Files, ok bool, err error) {
	old := b.last
	s, err := newSite(repo, opt, b.render, old.tmpl)
	if err != nil {
		return nil, false, err
	}

	// What changed, by path: the new versions, and those no longer there.
	var added, gone []*review.Review
	in := func(list ...[]string) map[string]bool {
		m := map[string]bool{}
		for _, l := range list {
			for _, p := range l {
				m[p] = true
			}
		}
		return m
	}
	isNew, isGone := in(ch.Added, ch.Changed), in(ch.Changed, ch.Removed)
	for _, rv := range s.reviews {
		if isNew[rv.Path] {
			added = append(added, rv)
		}
	}
	for _, rv := range old.reviews {
		if isGone[rv.Path] {
			gone = append(gone, rv)
		}
	}
	if len(added)+len(gone) > maxChanged || s.sources != old.sources {
		return nil, false, nil
	}
	for _, k := range kinds {
		for _, t := range s.ix.byKind[k.Dir] {
			if o := old.ix.term(k.Dir, t.Name); o != nil && o.Slug != t.Slug {
				return nil, false, nil
			}
		}
	}
	changedID := map[string]bool{}
	for _, rv := range added {
		changedID[rv.ID] = true
	}
	for _, rv := range gone {
		changedID[rv.ID] = true
	}

	// Start from the last build's files and memory.
	s.out = maps.Clone(old.out)
	s.kept = maps.Clone(old.kept)
	s.related = maps.Clone(old.related)
	for rv, e := range old.entries {
		if _, ok := s.pos[rv]; ok {
			s.entries[rv] = e
		}
	}
	s.lastJSON, old.lastJSON = old.lastJSON, nil
	for rv, l := range old.llmsLines {
		if _, ok := s.pos[rv]; ok {
			s.llmsLines[rv] = l
		}
	}
	goneSet := map[*review.Review]bool{}
	for _, rv := range gone {
		goneSet[rv] = true
		if s.byID[rv.ID] == nil {
			s.drop("reviews/" + rv.ID + "/index.html")
			if !s.sources.packed() {
				s.drop(s.sources.file(rv.ID))
			}
			delete(s.related, rv.ID)
		}
	}
	s.tmpl.forget(goneSet)

	// The reviews whose failure matches a changed one's may show it in
	// seen before or again, or stop to; the index carries over what the
	// last one computed of the others.
	s.recur.from = old.recurrence().ix
	peers := recurrencePeers(s, old, added, gone)

	// The terms the changed reviews have or had, by kind, and those whose
	// incident strip marks a peer otherwise than before.
	touched := map[string]map[string]bool{}
	for _, k := range kinds {
		touched[k.Dir] = map[string]bool{}
	}
	touch := func(rv *review.Review, dirs ...string) {
		for i := range kinds {
			if len(dirs) == 0 || slices.Contains(dirs, kinds[i].Dir) {
				for _, name := range kinds[i].terms(rv) {
					touched[kinds[i].Dir][name] = true
				}
			}
		}
	}
	for _, rv := range slices.Concat(added, gone) {
		touch(rv)
	}
	for _, rv := range peers {
		if s.recurrence().ix.HasSeenBefore(rv) != old.recurrence().ix.HasSeenBefore(rv) {
			touch(rv, "exceptions", "dependencies")
		}
	}

	// The review pages that may show a changed review as related.
	candidates := map[*review.Review]bool{}
	near := func(list []*review.Review, at int) {
		for i := max(0, at-maxNeighbours-1); i < min(len(list), at+maxNeighbours+2); i++ {
			if rv := s.byID[list[i].ID]; rv != nil {
				candidates[rv] = true
			}
		}
	}
	for _, dir := range []string{"exceptions", "dependencies", "services"} {
		for name := range touched[dir] {
			if t := old.ix.term(dir, name); t != nil {
				for _, rv := range gone {
					if i := indexOf(t.Reviews, rv, old.pos); i >= 0 {
						near(t.Reviews, i)
					}
				}
			}
			if t := s.ix.term(dir, name); t != nil {
				for _, rv := range added {
					if i := indexOf(t.Reviews, rv, s.pos); i >= 0 {
						near(t.Reviews, i)
					}
				}
			}
		}
	}
	for _, rv := range s.reviews {
		for _, id := range rv.Related {
			if changedID[id] {
				candidates[rv] = true
			}
		}
	}

	peer := map[*review.Review]bool{}
	for _, rv := range peers {
		candidates[rv], peer[rv] = true, true
	}
	var jobs []func() error
	for _, rv := range added {
		delete(candidates, rv)
		jobs = append(jobs, func() error { return s.reviewPage(rv, nil) })
	}
	jobs = append(jobs, s.sourceJobs(added, gone)...)
	for rv := range candidates {
		jobs = append(jobs, func() error {
			rel := s.ix.related(rv, s.byID, s.pos)
			again := relatedKey(rel) != old.related[rv.ID]
			for _, r := range rel {
				again = again || changedID[r.Review.ID]
			}
			if again || peer[rv] && s.seenChanged(old, rv) {
				return s.reviewPage(rv, rel)
			}
			return nil
		})
	}
	for i := range kinds {
		k := &kinds[i]
		if len(touched[k.Dir]) == 0 {
			continue
		}
		jobs = append(jobs, func() error { return s.termIndex(k) })
		for name := range touched[k.Dir] {
			if t := s.ix.term(k.Dir, name); t != nil {
				jobs = append(jobs, func() error { return s.termPage(t) })
			} else if t := old.ix.term(k.Dir, name); t != nil {
				s.drop(t.URL() + "index.html")
			}
		}
	}
	jobs = append(jobs, s.siteWide()...)
	s.prev = old
	err = parallel(jobs)
	s.prev = nil
	if err != nil {
		b.last = nil // s.out is half made: start afresh next time
		return nil, false, err
	}
	b.last = s
	return s.out, true, nil
}

// indexOf returns the index of rv in list, sorted as the reviews of a site
// are (by pos), or -1.
func indexOf(list []*review.Review, rv *review.Review, pos map[*review.Review]int) int {
	p, ok := pos[rv]
	if !ok {
		return -1
	}
	lo, hi := 0, len(list)
	for lo < hi {
		m := (lo + hi) / 2
		if pos[list[m]] < p {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(list) && list[lo] == rv {
		return lo
	}
	return -1
}
