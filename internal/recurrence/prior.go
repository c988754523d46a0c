package recurrence

import "github.com/fupan/fupan/internal/review"

// A Prior is a match as 'fupan similar --review --json' prints it.
type Prior struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Date    string   `json:"date"`
	Path    string   `json:"path"`
	Score   int      `json:"score"`
	Reasons []string `json:"reasons"`
	// Outstanding are its actions still open or wontfix.
	Outstanding []ActionItem `json:"outstanding_actions"`
}

// An ActionItem is an action in JSON: its public shape, as in reviews.json.
type ActionItem = review.PublicAction

// Item returns a as an ActionItem.
func Item(a review.Action) ActionItem { return review.PublicAction(a) }

// Priors returns ms as Priors.
func Priors(ms []Match) []Prior {
	out := make([]Prior, 0, len(ms))
	for _, m := range ms {
		p := Prior{ID: m.Review.ID, Title: m.Review.Title, Date: m.Review.Date, Path: m.Review.Path,
			Score: m.Score, Reasons: m.Reasons, Outstanding: []ActionItem{}}
		for _, a := range Outstanding(m.Review) {
			p.Outstanding = append(p.Outstanding, Item(a))
		}
		out = append(out, p)
	}
	return out
}
