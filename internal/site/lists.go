package site

import (
	"maps"
	"slices"
	"strings"

	"github.com/fupan/fupan/internal/review"
)

// The lists of the site, which grow with the repository: every review,
// a term's reviews and the open actions. Each is split into pages of
// perPage (see paginate); the reviews are grouped by year, and the
// actions can be narrowed to one team.

// A ReviewList is one page of the list of every review.
type ReviewList struct {
	Groups []YearGroup // the reviews of the page, by year
	Years  []*Term     // every year, newest first, for the links atop
	Pager  *Pager
}

// A YearGroup is the reviews of one year on a page of a list.
type YearGroup struct {
	Year    string
	Term    *Term // the year's page; nil when the review has no year
	Reviews []*review.Review
}

func (s *site) reviewIndex() error {
	var same func(from, to int) bool
	if o := s.prev; o != nil && len(o.reviews) == len(s.reviews) && sameTerms(o.ix.byKind["years"], s.ix.byKind["years"]) {
		same = func(from, to int) bool { return slices.Equal(o.reviews[from:to], s.reviews[from:to]) }
	}
	return s.paginate("reviews/", len(s.reviews), same, func(file string, from, to int, p *Pager) error {
		l := &ReviewList{Years: s.ix.byKind["years"], Pager: p}
		for _, rv := range s.reviews[from:to] {
			y := rv.Date[:min(4, len(rv.Date))]
			if n := len(l.Groups); n == 0 || l.Groups[n-1].Year != y {
				l.Groups = append(l.Groups, YearGroup{Year: y, Term: s.ix.term("years", y)})
			}
			g := &l.Groups[len(l.Groups)-1]
			g.Reviews = append(g.Reviews, rv)
		}
		return s.execute("reviews", file, msg(s.lang, "All reviews"), "reviews", l)
	})
}

// A TermPage is one page of a term's reviews.
type TermPage struct {
	*Term
	List  []*review.Review // the reviews of this page
	Pager *Pager
}

// termPages renders the pages of a term.
func (s *site) termPages(t *Term) error {
	return s.paginate(t.URL(), len(t.Reviews), s.sameTermPage(t), func(file string, from, to int, p *Pager) error {
		return s.execute("term", file, t.Name, t.Kind.Dir, &TermPage{Term: t, List: t.Reviews[from:to], Pager: p})
	})
}

// An ActionList is one page of the open actions, of every team or one.
type ActionList struct {
	Items []ActionItem // the actions of this page
	Team  string       // the team shown; "" for every team
	Teams []TeamLink   // every team with open actions
	Pager *Pager
}

// A TeamLink is a team with open actions, and its page.
type TeamLink struct {
	Name string
	URL  string // from the site root
	N    int    // its open actions
}

// teamsDir is the folder of the teams' pages of open actions.
const teamsDir = "actions/teams/"

// actionsPage renders the open actions: every team's in actions/, each
// team's in actions/teams/SLUG/, the earliest due first.
func (s *site) actionsPage() error {
	open := s.openActions()
	teams, byTeam := actionLists(open)
	// A team without open actions since the last build has no page (a
	// team's pages past its last, paginate drops).
	now := map[string]bool{}
	for _, t := range teams {
		now[t.URL] = true
	}
	other := func(f string) bool {
		rest, ok := strings.CutPrefix(f, teamsDir)
		slug, _, _ := strings.Cut(rest, "/")
		return ok && !now[teamsDir+slug+"/"]
	}
	s.mu.Lock()
	maps.DeleteFunc(s.out, func(f string, _ []byte) bool { return other(f) })
	maps.DeleteFunc(s.kept, func(f string, _ bool) bool { return other(f) })
	s.mu.Unlock()
	last := s.lastActions(teams)
	list := func(dir, team string, items []ActionItem) error {
		title := msg(s.lang, "Open actions")
		if team != "" {
			title += " · " + team
		}
		var same func(from, to int) bool
		if was, ok := last[team]; ok && len(was) == len(items) {
			same = func(from, to int) bool { return sameActions(was[from:to], items[from:to]) }
		}
		return s.paginate(dir, len(items), same, func(file string, from, to int, p *Pager) error {
			return s.execute("actions", file, title, "actions", &ActionList{Items: items[from:to], Team: team, Teams: teams, Pager: p})
		})
	}
	if err := list("actions/", "", open); err != nil {
		return err
	}
	for _, t := range teams {
		if err := list(t.URL, t.Name, byTeam[t.Name]); err != nil {
			return err
		}
	}
	return nil
}

// actionLists returns the teams with open actions among open, sorted by
// name, and the open actions of each.
func actionLists(open []ActionItem) ([]TeamLink, map[string][]ActionItem) {
	byTeam := map[string][]ActionItem{}
	var names []string
	for _, a := range open {
		if byTeam[a.Owner] == nil {
			names = append(names, a.Owner)
		}
		byTeam[a.Owner] = append(byTeam[a.Owner], a)
	}
	slices.Sort(names)
	teams := make([]TeamLink, len(names))
	slugs := map[string]bool{}
	for i, name := range names {
		teams[i] = TeamLink{Name: name, URL: teamsDir + uniqueSlug(slugify(name), slugs) + "/", N: len(byTeam[name])}
	}
	return teams, byTeam
}
