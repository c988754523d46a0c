package tracker

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/fupan/fupan/internal/review"
)

func TestGitHubIssue(t *testing.T) {
	for _, c := range []struct {
		link string
		want Issue
		ok   bool
	}{
		{"https://github.com/acme/platform/issues/412", Issue{"acme", "platform", 412}, true},
		{"https://github.com/acme/platform/issues/412/", Issue{"acme", "platform", 412}, true},
		{"https://github.com/acme/platform/issues/412#issuecomment-1", Issue{"acme", "platform", 412}, true},
		{"https://github.com/acme/platform/pull/412", Issue{}, false},
		{"https://github.com/acme/platform/issues/0", Issue{}, false},
		{"https://github.com/acme/platform/issues", Issue{}, false},
		{"https://gitlab.com/acme/platform/-/issues/4", Issue{}, false},
		{"https://jira.acme.com/browse/PLAT-12", Issue{}, false},
		{"https://github.com.evil.example/acme/platform/issues/4", Issue{}, false},
		{"PLAT-12", Issue{}, false},
	} {
		got, ok := GitHubIssue(c.link)
		if got != c.want || ok != c.ok {
			t.Errorf("GitHubIssue(%q) = %v, %v; want %v, %v", c.link, got, ok, c.want, c.ok)
		}
	}
}

// actions builds a review with one action per (status, link).
func actions(id string, pairs ...string) *review.Review {
	r := &review.Review{ID: id, Path: "reviews/" + id + ".md", Pos: map[string]review.Position{}}
	for i := 0; i+1 < len(pairs); i += 2 {
		r.Actions = append(r.Actions, review.Action{Do: "do " + pairs[i+1], Owner: "team-a", Status: pairs[i], Link: pairs[i+1]})
		r.Pos["actions["+strconv.Itoa(i/2)+"]"] = review.Position{Line: 40 + i/2, Col: 5}
	}
	return r
}

func TestVerify(t *testing.T) {
	const gh = "https://github.com/acme/platform/issues/"
	tests := []struct {
		name     string
		answers  map[string]string
		review   *review.Review
		want     []string // "LINE status: message prefix"
		problems []string // substrings, one per problem
		checked  int
		skipped  int
	}{
		{
			name:    "states agree",
			answers: map[string]string{"/repos/acme/platform/issues/1": "open", "/repos/acme/platform/issues/2": "closed"},
			review:  actions("2025-01-01-a", "open", gh+"1", "done", gh+"2", "wontfix", gh+"2"),
			checked: 2, // issue 2 read once
		},
		{
			name:    "open but closed, done but open",
			answers: map[string]string{"/repos/acme/platform/issues/1": "closed", "/repos/acme/platform/issues/2": "open"},
			review:  actions("2025-01-01-a", "open", gh+"1", "done", gh+"2", "wontfix", gh+"2"),
			want: []string{
				`40 action "do ` + gh + `1" is open but ` + gh + `1 is closed: mark it done, or reopen the issue`,
				`41 action "do ` + gh + `2" is done but ` + gh + `2 is still open`,
				`42 action "do ` + gh + `2" is wontfix but ` + gh + `2 is still open`,
			},
			checked: 2,
		},
		{
			name:    "not found",
			answers: map[string]string{},
			review:  actions("2025-01-01-a", "open", gh+"9"),
			want:    []string{`40 action "do ` + gh + `9" links to ` + gh + `9, which does not exist`},
			checked: 1,
		},
		{
			name:     "primary rate limit stops the check",
			answers:  map[string]string{"/repos/acme/platform/issues/1": "403-rate", "/repos/acme/platform/issues/2": "closed"},
			review:   actions("2025-01-01-a", "open", gh+"1", "open", gh+"2"),
			problems: []string{"rate limit reached; it resets at 2030-01-02T03:04:05Z"},
			checked:  1,
			skipped:  2,
		},
		{
			name:     "secondary rate limit (429) stops the check",
			answers:  map[string]string{"/repos/acme/platform/issues/1": "429", "/repos/acme/platform/issues/2": "closed"},
			review:   actions("2025-01-01-a", "open", gh+"1", "open", gh+"2"),
			problems: []string{"rate limit reached; it resets at"},
			checked:  1,
			skipped:  2,
		},
		{
			name:     "a server error is a problem, the rest is checked",
			answers:  map[string]string{"/repos/acme/platform/issues/1": "500", "/repos/acme/platform/issues/2": "closed"},
			review:   actions("2025-01-01-a", "open", gh+"1", "open", gh+"2"),
			want:     []string{`41 action "do ` + gh + `2" is open but`},
			problems: []string{"GitHub answered 500 for " + gh + "1"},
			checked:  2,
			skipped:  1,
		},
		{
			name:    "other trackers are not checked",
			answers: map[string]string{},
			review:  actions("2025-01-01-a", "open", "https://jira.acme.com/browse/PLAT-12", "open", "https://github.com/acme/platform/pull/3"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeGitHub(t, tt.answers)
			g, err := NewGitHub("t0ken", f.URL, f.Client())
			if err != nil {
				t.Fatal(err)
			}
			rep := Verify(context.Background(), g, []*review.Review{tt.review})
			var got []string
			for _, fd := range rep.Findings {
				if fd.File != tt.review.Path || fd.Severity != review.Warning || fd.Col != 5 {
					t.Errorf("finding %+v", fd)
				}
				got = append(got, strings.TrimSpace(strings.Join([]string{strconv.Itoa(fd.Line), fd.Message}, " ")))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("findings %q, want %q", got, tt.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("finding %d:\n got %s\nwant %s…", i, got[i], tt.want[i])
				}
			}
			if len(rep.Problems) != len(tt.problems) {
				t.Fatalf("problems %q, want %q", rep.Problems, tt.problems)
			}
			for i, p := range tt.problems {
				if !strings.Contains(rep.Problems[i], p) {
					t.Errorf("problem %q, want it to say %q", rep.Problems[i], p)
				}
			}
			if rep.Checked != tt.checked || rep.Skipped != tt.skipped {
				t.Errorf("checked %d, skipped %d; want %d, %d", rep.Checked, rep.Skipped, tt.checked, tt.skipped)
			}
			if len(f.requests) != tt.checked {
				t.Errorf("%d requests %v, want %d", len(f.requests), f.requests, tt.checked)
			}
			if slices.ContainsFunc(f.auth, func(a string) bool { return a != "Bearer t0ken" }) {
				t.Errorf("authorization headers %q", f.auth)
			}
		})
	}
}
