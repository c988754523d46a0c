package recurrence

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/fupan/fupan/internal/review"
)

// A Tracked is an action item with where it stands: what 'fupan actions'
// lists and the site's action figures count.
type Tracked struct {
	review.Action
	Review *review.Review
	Index  int // its place in the review's actions
	// Overdue: open and past its due date.
	Overdue bool
	// Age is the days since the incident, for an open action; 0 otherwise.
	Age int
	// Recurred: the failure of its review was seen again since.
	Recurred bool
}

// Pos is the action's position in its review file.
func (t Tracked) Pos() review.Position {
	return t.Review.FieldPos("actions[" + strconv.Itoa(t.Index) + "]")
}

// Actions returns every action item of the indexed reviews, overdue
// first (the longest overdue first), then the other open ones by due
// date (those with none last), then wontfix and done, newest review first.
func (ix *Index) Actions(now time.Time) []Tracked {
	out := ix.tracked(now)
	slices.SortStableFunc(out, func(a, b Tracked) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), dueOrder(a, b), review.NewestFirst(a.Review, b.Review), cmp.Compare(a.Index, b.Index))
	})
	return out
}

// Figures returns CountFigures of Actions(now), without putting the
// actions in order first.
func (ix *Index) Figures(now time.Time) (all Figures, teams []Figures) {
	return CountFigures(ix.tracked(now))
}

// tracked returns every action item of the indexed reviews, in the order
// of the reviews.
func (ix *Index) tracked(now time.Time) []Tracked {
	today := days(now.Format(time.DateOnly))
	n := 0
	for _, r := range ix.reviews {
		n += len(r.Actions)
	}
	if n == 0 {
		return nil
	}
	out := make([]Tracked, 0, n) // tens of thousands: grown, they were copied over and over
	for k, r := range ix.reviews {
		if len(r.Actions) == 0 {
			continue
		}
		recurred := ix.HasSeenAgain(r)
		for i, a := range r.Actions {
			t := Tracked{Action: a, Review: r, Index: i, Overdue: a.Overdue(now), Recurred: recurred}
			if a.Status == "open" {
				if d := ix.dayOf[k]; d > 0 && today >= d {
					t.Age = int(today - d)
				}
			}
			out = append(out, t)
		}
	}
	return out
}

// rank orders actions by status: overdue, open, wontfix, done, other.
func rank(t Tracked) int {
	switch {
	case t.Overdue:
		return 0
	case t.Status == "open":
		return 1
	case t.Status == "wontfix":
		return 2
	case t.Status == "done":
		return 3
	}
	return 4
}

// dueOrder puts the earlier due date first, no due date last.
func dueOrder(a, b Tracked) int {
	if (a.Due == "") != (b.Due == "") {
		if a.Due == "" {
			return 1
		}
		return -1
	}
	return cmp.Compare(a.Due, b.Due)
}

// Figures are the counts of a team's actions (or of all), with the sample
// size they rest on.
type Figures struct {
	Team                      string // "" for all teams
	Total                     int
	Done, Open, Wontfix       int
	Overdue                   int
	MedianOpenAge, OldestOpen int // days, over the open actions
	Recurred, RecurredOpen    int // actions of reviews seen again; of those, not done
}

// CountFigures returns the figures of all actions, and of each team
// (owner), teams by name.
func CountFigures(ts []Tracked) (all Figures, teams []Figures) {
	byTeam := map[string]*Figures{}
	var ages = map[string][]int{}
	for _, t := range ts {
		f := byTeam[t.Owner]
		if f == nil {
			f = &Figures{Team: t.Owner}
			byTeam[t.Owner] = f
		}
		for _, f := range []*Figures{&all, f} {
			f.Total++
			switch t.Status {
			case "done":
				f.Done++
			case "open":
				f.Open++
			case "wontfix":
				f.Wontfix++
			}
			if t.Overdue {
				f.Overdue++
			}
			if t.Recurred {
				f.Recurred++
				if t.Status != "done" {
					f.RecurredOpen++
				}
			}
		}
		if t.Status == "open" {
			ages[""] = append(ages[""], t.Age)
			ages[t.Owner] = append(ages[t.Owner], t.Age)
		}
	}
	setAges := func(f *Figures, a []int) {
		if len(a) == 0 {
			return
		}
		slices.Sort(a)
		f.MedianOpenAge = a[len(a)/2]
		f.OldestOpen = a[len(a)-1]
	}
	setAges(&all, ages[""])
	for name, f := range byTeam {
		setAges(f, ages[name])
		teams = append(teams, *f)
	}
	slices.SortFunc(teams, func(a, b Figures) int { return cmp.Compare(a.Team, b.Team) })
	return all, teams
}
