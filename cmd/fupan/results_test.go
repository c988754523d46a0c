package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/fupan/fupan/internal/recurrence"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/reviews"
)

// heads are the facts lines of a text list of results.
var heads = regexp.MustCompile(`(?m)^  (\d{4}-\d\d-\d\d  .*)$`)

// TestSimilarTextFollowsOrder runs 'fupan similar' on the traceback of
// each example review: the text shows the hits in the order of --json,
// each with the tiers --json gives it and no score, and the tiers never
// rise down the list, so nothing printed is out of order. The scores of
// --json may rise down the list from one tier to the next.
func TestSimilarTextFollowsOrder(t *testing.T) {
	repo, err := review.Load(reviews.Repo(), review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	risen := 0
	for _, r := range repo.Reviews {
		if r.Traceback == "" {
			continue
		}
		file := filepath.Join(dir, r.ID+".log")
		if err := os.WriteFile(file, []byte(r.Traceback), 0o644); err != nil {
			t.Fatal(err)
		}
		_, text, errOut := runCLI(t, "similar", file)
		_, js, _ := runCLI(t, "similar", "--json", file)
		var hits []search.Hit
		if err := json.Unmarshal([]byte(js), &hits); err != nil {
			t.Fatalf("%s: %v: %s%s", r.ID, err, js, errOut)
		}
		if strings.Contains(text, "score") {
			t.Errorf("%s: the text shows a score:\n%s", r.ID, text)
		}
		lines := heads.FindAllStringSubmatch(text, -1)
		if len(lines) != len(hits) {
			t.Fatalf("%s: %d hits in the text, %d in --json:\n%s", r.ID, len(lines), len(hits), text)
		}
		for i, h := range hits {
			want := strings.Join(append([]string{h.Date, h.Severity, h.Path}, hitTiers(h)...), "  ")
			if lines[i][1] != want {
				t.Errorf("%s: hit %d is shown as %q, want %q", r.ID, i+1, lines[i][1], want)
			}
			if i > 0 && h.Raised && !hits[i-1].Raised {
				t.Errorf("%s: hit %d raised the exception, the one above did not", r.ID, i+1)
			}
			if i > 0 && h.Score > hits[i-1].Score {
				risen++
			}
		}
	}
	t.Logf("%d scores rose down a list", risen)
}

// TestSimilarReviewTextFollowsOrder: 'fupan similar --review' shows the
// prior incidents in the order of --json, with no score.
func TestSimilarReviewTextFollowsOrder(t *testing.T) {
	repo, err := review.Load(reviews.Repo(), review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	shown := 0
	for _, r := range repo.Reviews {
		_, text, _ := runCLI(t, "similar", "--review", r.ID)
		_, js, _ := runCLI(t, "similar", "--review", r.ID, "--json")
		var priors []recurrence.Prior
		if err := json.Unmarshal([]byte(js), &priors); err != nil {
			t.Fatalf("%s: %v: %s", r.ID, err, js)
		}
		lines := heads.FindAllStringSubmatch(text, -1)
		var got, want []string
		for _, l := range lines {
			got = append(got, l[1])
		}
		for _, p := range priors {
			want = append(want, p.Date+"  "+p.Path)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: the text shows\n%q\nwant\n%q", r.ID, got, want)
		}
		shown += len(priors)
	}
	if shown == 0 {
		t.Fatal("no example review has a prior incident")
	}
}
