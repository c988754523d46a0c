package recurrence

import (
	"slices"
	"testing"
	"time"

	"github.com/fupan/fupan/internal/review"
)

func TestActionsAndFigures(t *testing.T) {
	a := failure{"2025-01-01", "stock-api", "ReadTimeout", "erp-gw:8080", "query_stock", ""}.review("a")
	a.Actions = []review.Action{
		{Do: "backoff", Owner: "team-platform", Status: "open", Due: "2025-03-01"}, // overdue
		{Do: "alert", Owner: "team-stock", Status: "done"},
	}
	b := failure{"2025-11-01", "stock-api", "ReadTimeout", "erp-gw", "other", ""}.review("b") // a seen again
	b.Actions = []review.Action{
		{Do: "pool", Owner: "team-platform", Status: "open", Due: "2099-01-01"},
		{Do: "rewrite", Owner: "team-stock", Status: "wontfix"},
		{Do: "dashboard", Owner: "team-stock", Status: "open"},
	}
	now := time.Date(2025, 12, 1, 12, 0, 0, 0, time.UTC)
	ts := New([]*review.Review{b, a}).Actions(now)
	var order []string
	for _, x := range ts {
		order = append(order, x.Do)
	}
	if want := []string{"backoff", "pool", "dashboard", "rewrite", "alert"}; !slices.Equal(order, want) {
		t.Errorf("order %v, want %v (overdue, open by due, none last, wontfix, done)", order, want)
	}
	if !ts[0].Overdue || ts[0].Age != 334 || !ts[0].Recurred || ts[1].Recurred {
		t.Errorf("first %+v, second %+v", ts[0], ts[1])
	}
	all, teams := CountFigures(ts)
	if all.Total != 5 || all.Done != 1 || all.Open != 3 || all.Wontfix != 1 || all.Overdue != 1 || all.Recurred != 2 || all.RecurredOpen != 1 {
		t.Errorf("all %+v", all)
	}
	// Open ages: 334 (a), 30 and 30 (b): median 30, oldest 334.
	if all.MedianOpenAge != 30 || all.OldestOpen != 334 {
		t.Errorf("ages: median %d, oldest %d", all.MedianOpenAge, all.OldestOpen)
	}
	if len(teams) != 2 || teams[0].Team != "team-platform" || teams[0].Total != 2 || teams[0].Overdue != 1 || teams[1].Team != "team-stock" || teams[1].Total != 3 {
		t.Errorf("teams %+v", teams)
	}
}
