package corpus

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
)

func load(t *testing.T) *review.Repo {
	t.Helper()
	dir := Dir()
	if dir == "" {
		t.Skip("the shared corpus of public postmortems is not beside this repository")
	}
	fsys, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	repo, err := review.Load(fsys, review.Options{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return repo
}

// The checker reads 242 real postmortems, converted to drafts, without an
// error: nothing in real prose trips the parser or the rules.
func TestCorpusChecks(t *testing.T) {
	repo := load(t)
	if len(repo.Reviews) < 200 {
		t.Fatalf("%d reviews, want the whole corpus", len(repo.Reviews))
	}
	errs, warns := review.Count(repo.Findings)
	for _, f := range repo.Findings {
		if f.Severity == review.Error {
			t.Errorf("%v", f.Error())
		}
	}
	t.Logf("%d reviews: %d errors, %d warnings (speculation and unmeasured summaries in real prose)", len(repo.Reviews), errs, warns)
}

// Search over real text: each query finds, first, a postmortem that shows
// the words: in its title, or in a highlighted fragment.
func TestCorpusSearch(t *testing.T) {
	dir := Dir()
	if dir == "" {
		t.Skip("the shared corpus of public postmortems is not beside this repository")
	}
	fsys, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.Open(t.Context(), fsys, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, q := range []struct{ query, inTitle string }{
		{"SimpleDB handshake timeout", "simpledb"},
		{"BGP", ""},
		{"DNS", "dns"},
		{"certificate expired", "certificate"},
	} {
		hits, err := ix.Search(context.Background(), q.query, 10)
		if err != nil {
			t.Fatalf("%s: %v", q.query, err)
		}
		if len(hits) == 0 {
			t.Errorf("%s: no hits", q.query)
			continue
		}
		if !strings.Contains(strings.ToLower(hits[0].Title), q.inTitle) {
			// q.inTitle "" passes: the fragments are checked below.
			var titles []string
			for _, h := range hits {
				titles = append(titles, h.Title)
			}
			t.Errorf("%s: first hit %q, want one with %q in its title; hits: %s", q.query, hits[0].Title, q.inTitle, strings.Join(titles, " | "))
		}
		word := strings.ToLower(strings.Fields(q.query)[0])
		if !slices.ContainsFunc(hits[0].Fragments, func(f search.Fragment) bool {
			for _, h := range f.Highlights {
				if strings.ToLower(f.Text[h[0]:h[1]]) == word {
					return true
				}
			}
			return false
		}) {
			t.Errorf("%s: no fragment of the first hit highlights %q: %+v", q.query, word, hits[0].Fragments)
		}
	}
}
