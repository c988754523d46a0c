package mcpserver

import (
	"testing"

	"github.com/fupan/fupan/internal/review"
)

// TestKnownTeam: a team is known from fupan.yaml's teams or from an
// action's owner, in any case; an unknown one is answered with the teams,
// each once, sorted, or the one it most likely meant.
func TestKnownTeam(t *testing.T) {
	repo := &review.Repo{
		Config: review.Config{Teams: []string{"team-search", "team-orders"}},
		Reviews: []*review.Review{
			{ID: "a", Actions: []review.Action{{Owner: "team-orders"}, {Owner: ""}, {Owner: "team-data"}}},
			{ID: "b", Actions: []review.Action{{Owner: "team-data"}, {Owner: "team-payments"}}},
		},
	}
	for _, tc := range []struct {
		team, want string
	}{
		{"team-search", ""}, // from fupan.yaml only
		{"TEAM-DATA", ""},   // from an owner, in another case
		{"team-paymnts", `no action is owned by team "team-paymnts": did you mean "team-payments"?`},
		{"platform", `no action is owned by team "platform": the teams are team-data, team-orders, team-payments, team-search`},
	} {
		err := knownTeam(tc.team, repo)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("knownTeam(%q) = %q, want %q", tc.team, got, tc.want)
		}
	}
	if err := knownTeam("x", &review.Repo{}); err == nil || err.Error() != `no action is owned by team "x": no review has actions yet` {
		t.Errorf("knownTeam in an empty repository: %v", err)
	}
}
