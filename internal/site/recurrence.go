package site

import (
	"bytes"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/fupan/fupan/internal/atomicfile"
	"github.com/fupan/fupan/internal/recurrence"
	"github.com/fupan/fupan/internal/review"
)

// The site's recurrence sections (templates/recurrence.html): "seen
// before" and "seen again" on a review page, the strip of incidents on an
// exception or dependency page, and on insights the recurring failures and
// the action figures. Package recurrence decides what matches; this file
// only shapes it for the templates, once per build.

// maxRecurring is how many recurring failures insights lists; maxSeen how
// many reviews "seen before" and "seen again" list, the most alike.
const (
	maxRecurring = 20
	maxSeen      = 10
)

// siteRecurrence is what a build knows of recurrence, made on first use.
type siteRecurrence struct {
	from     *recurrence.Index // the last build's index, to carry over; nil for none
	once     sync.Once
	ix       *recurrence.Index
	failures []recurrence.Failure
	all      recurrence.Figures
	teams    []recurrence.Figures
}

// recurrence returns the build's recurrence data.
func (s *site) recurrence() *siteRecurrence {
	r := s.recur
	r.once.Do(func() {
		r.ix = recurrence.Carry(r.from, s.reviews)
		r.from = nil
	})
	return r
}

// A Cache is a file where a build keeps the matches of the reviews'
// failures it computed (recurrence.Index.Save), for the next build of the
// same reviews to start from, and the key it keeps them under: fupan
// build's hash of everything the site is made of but the reviews (this
// fupan included). A build reads the file only when it holds the matches
// of the very reviews it starts from (see resume) saved under its key;
// anything else is computed again.
type Cache struct {
	File, Key string
}

// restoreRecurrence makes the recurrence index of s, the last build made
// again (resume), from the matches that build saved; nothing when the
// cache holds other matches, or none.
func (s *site) restoreRecurrence() {
	c := s.opt.Cache
	if c.Key == "" {
		return
	}
	data, err := os.ReadFile(c.File)
	if err != nil {
		return
	}
	r := s.recur
	r.once.Do(func() {
		r.ix, _ = recurrence.Restore(s.reviews, data, c.Key) // without them, New's
	})
}

// saveRecurrence keeps the matches the build computed in its cache, for
// the next build; a cache that cannot be written is removed (it would
// hold the matches of other reviews, which the next build would not
// use).
func (s *site) saveRecurrence() {
	c := s.opt.Cache
	if c.Key == "" {
		return
	}
	if err := atomicfile.WriteBytes(c.File, s.recurrence().ix.Save(c.Key), false); err != nil {
		os.Remove(c.File)
	}
}

// insightsRecurrence computes what insights shows: once, on first use.
func (s *site) insightsRecurrence() *siteRecurrence {
	r := s.recurrence()
	s.recurOnce.Do(func() {
		r.failures = r.ix.Recurring()
		if len(r.failures) > maxRecurring {
			r.failures = r.failures[:maxRecurring]
		}
		r.all, r.teams = r.ix.Figures(s.now())
	})
	return r
}

// now is the day overdue actions and the age of open ones are counted
// from: Options.Now, else the day of the newest review (a build of the
// same reviews makes the same site).
func (s *site) now() time.Time {
	if !s.opt.Now.IsZero() {
		return s.opt.Now
	}
	if len(s.reviews) > 0 {
		if t, err := time.Parse(time.DateOnly, s.reviews[0].Date); err == nil {
			return t.Add(12 * time.Hour)
		}
	}
	return time.Time{}
}

// A Seen is an earlier or later review in "seen before" or "seen again".
type Seen struct {
	*review.Review
	Kinds       []string        // what it shares: recurrence.ReasonException, …
	Reasons     []string        // the same, with the values
	Outstanding []review.Action // its actions open or wontfix
	Done        int             // its actions done
}

func seen(ms []recurrence.Match) []Seen {
	out := make([]Seen, 0, len(ms))
	for _, m := range ms {
		v := Seen{Review: m.Review, Kinds: m.Kinds, Reasons: m.Reasons, Outstanding: recurrence.Outstanding(m.Review)}
		for _, a := range m.Review.Actions {
			if a.Status == "done" {
				v.Done++
			}
		}
		out = append(out, v)
	}
	return out
}

// reviewOf is the review a page shows, or nil.
func (p *page) reviewOf() *review.Review {
	if v, ok := p.Data.(*ReviewView); ok {
		return v.Review
	}
	return nil
}

// SeenBefore lists the earlier reviews whose failure this review's page
// repeats, most alike first.
func (p *page) SeenBefore() []Seen {
	r := p.reviewOf()
	if r == nil {
		return nil
	}
	return seen(p.Site.recurrence().ix.SeenBefore(r, maxSeen))
}

// SeenAgain lists the later reviews that repeat this review's failure.
func (p *page) SeenAgain() []Seen {
	r := p.reviewOf()
	if r == nil {
		return nil
	}
	return seen(p.Site.recurrence().ix.SeenAgain(r, maxSeen))
}

// An Incident is one incident on a term's strip.
type Incident struct {
	*review.Review
	Open  bool // it has an action open or wontfix
	Again bool // its failure was seen before
}

// IncidentStrip is the incidents of an exception's or dependency's page
// over time, oldest first, on the first page of the term; nil on other
// pages.
func (p *page) IncidentStrip() []Incident {
	tp, ok := p.Data.(*TermPage)
	if !ok || (tp.Pager != nil && tp.Pager.N > 1) {
		return nil // on a term's first page only
	}
	t := tp.Term
	if t.Kind.Dir != "exceptions" && t.Kind.Dir != "dependencies" {
		return nil
	}
	ix := p.Site.recurrence().ix
	out := make([]Incident, 0, len(t.Reviews))
	for i := len(t.Reviews) - 1; i >= 0; i-- { // t.Reviews are newest first
		r := t.Reviews[i]
		out = append(out, Incident{Review: r, Open: len(recurrence.Outstanding(r)) > 0, Again: ix.HasSeenBefore(r)})
	}
	return out
}

// RecurringFailures are the failures seen more than once, for insights.
func (p *page) RecurringFailures() []recurrence.Failure {
	return p.Site.insightsRecurrence().failures
}

// ActionFigures are the counts of the actions, of all teams and of each.
type ActionFigures struct {
	All   recurrence.Figures
	Teams []recurrence.Figures
	AsOf  string // the day they were counted on
}

// ActionFigures returns the action figures, for insights.
func (p *page) ActionFigures() *ActionFigures {
	r := p.Site.insightsRecurrence()
	if r.all.Total == 0 {
		return nil
	}
	return &ActionFigures{All: r.all, Teams: r.teams, AsOf: p.Site.now().Format(time.DateOnly)}
}

// recurrencePeers returns the reviews of s whose failure matches that of
// a changed review, asked either way (recurrence.Index.Peers): a new
// version (added, matched in s) or an old one (gone, matched in old); and
// those whose matches changed because an exception they raise became
// common or rare. Their pages may show it, or no longer, in seen before
// or seen again (seenSections).
func recurrencePeers(s, old *site, added, gone []*review.Review) []*review.Review {
	seenPeer := map[*review.Review]bool{}
	var out []*review.Review
	add := func(rs []*review.Review) {
		for _, rv := range rs {
			if rv = s.byID[rv.ID]; rv != nil && !seenPeer[rv] {
				seenPeer[rv] = true
				out = append(out, rv)
			}
		}
	}
	for _, rv := range added {
		add(s.recurrence().ix.Peers(rv))
	}
	for _, rv := range gone {
		add(old.recurrence().ix.Peers(rv))
	}
	// An exception that became common, or no longer is, changes the
	// matches of every review that raises it.
	add(s.recurrence().ix.Reclassified(old.recurrence().ix))
	return out
}

// seenSections renders the sections of rv's page that recurrence makes,
// seen before and seen again, as the page shows them: a rebuild renders
// the page of a peer again only when they differ from the last build's.
func (s *site) seenSections(rv *review.Review) ([]byte, error) {
	file := "reviews/" + rv.ID + "/index.html"
	p := &page{Site: s, Lang: s.lang, Title: rv.Title, Root: rootOf(file), Path: file, Section: "reviews", Live: s.opt.Live, Data: &ReviewView{Review: rv}}
	b := getBuffer()
	defer putBuffer(b)
	for _, name := range []string{"seen-before", "seen-again"} {
		if err := s.tmpl.partials.ExecuteTemplate(b, name, p); err != nil {
			return nil, err
		}
	}
	return bytes.Clone(b.Bytes()), nil
}

// seenChanged reports whether the recurrence sections of rv's page differ
// from those of the last build, old; true when rv was not in it, or when
// either cannot be rendered (the page then says why).
func (s *site) seenChanged(old *site, rv *review.Review) bool {
	if _, ok := old.pos[rv]; !ok {
		return true
	}
	// The same reviews (as pointers: the same versions) sharing the same
	// make the same sections; only those that differ are rendered.
	ix, was := s.recurrence().ix, old.recurrence().ix
	if sameMatches(ix.SeenBefore(rv, maxSeen), was.SeenBefore(rv, maxSeen)) &&
		sameMatches(ix.SeenAgain(rv, maxSeen), was.SeenAgain(rv, maxSeen)) {
		return false
	}
	now, err := s.seenSections(rv)
	if err != nil {
		return true
	}
	then, err := old.seenSections(rv)
	return err != nil || !bytes.Equal(now, then)
}

// sameMatches reports whether a and b list the same versions of the same
// reviews, sharing the same with the review asked about.
func sameMatches(a, b []recurrence.Match) bool {
	return slices.EqualFunc(a, b, func(x, y recurrence.Match) bool {
		return x.Review == y.Review && x.Score == y.Score && slices.Equal(x.Reasons, y.Reasons) && slices.Equal(x.Kinds, y.Kinds)
	})
}
