package recurrence

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
)

// TestCarry changes generated reviews step by step, as edits, additions,
// removals and renames do, and checks after each step that an index
// carried over from the last one answers every question the site and the
// commands ask exactly as a new index of the same reviews does.
func TestCarry(t *testing.T) {
	repo, err := review.Load(gen.MapFS(gen.Options{N: 400, Seed: 5}), review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cur := slices.Clone(repo.Reviews)
	slices.SortFunc(cur, review.NewestFirst)
	// version returns a new version of the review at i, changed by f.
	version := func(i int, f func(r *review.Review)) {
		r := *cur[i]
		f(&r)
		cur[i] = &r
		slices.SortFunc(cur, review.NewestFirst)
	}
	n := 0
	copyOf := func(i int) *review.Review {
		n++
		r := *cur[i]
		r.ID = fmt.Sprintf("%s-copy-%d", r.ID, n)
		r.Path = "reviews/" + r.ID + ".md"
		return &r
	}
	add := func(rs ...*review.Review) {
		cur = append(cur, rs...)
		slices.SortFunc(cur, review.NewestFirst)
	}
	remove := func(rs ...*review.Review) {
		cur = slices.DeleteFunc(cur, func(r *review.Review) bool { return slices.Contains(rs, r) })
	}
	var copies []*review.Review

	steps := []struct {
		name string
		do   func(ix *Index)
		// carried: every match of the last index is kept (none stale).
		carried bool
	}{
		{"body", func(*Index) { version(100, func(r *review.Review) { r.Body += "\nAn added sentence.\n" }) }, true},
		{"title and actions", func(*Index) {
			version(150, func(r *review.Review) { r.Title = "Renamed"; r.Actions = nil })
		}, true},
		{"exception", func(*Index) {
			other := cur[20]
			version(200, func(r *review.Review) { r.Failure.Exceptions = other.Failure.Exceptions; r.Parsed = other.Parsed })
		}, false},
		{"dependency and function", func(*Index) {
			other := cur[30]
			version(210, func(r *review.Review) {
				r.Failure.Dependency, r.Failure.Function = other.Failure.Dependency, other.Failure.Function
			})
		}, false},
		{"date", func(*Index) { version(250, func(r *review.Review) { r.Date = "2026-11-11" }) }, false},
		{"removed", func(*Index) { remove(cur[40]) }, false},
		{"added", func(*Index) { add(copyOf(60)) }, false},
		{"renamed", func(*Index) { r, c := cur[70], copyOf(70); remove(r); add(c) }, false},
		{"an exception becomes rare", func(ix *Index) {
			// Reviews that match none, enough to make the least raised
			// of the common exceptions rare.
			least := 0
			for e, raisers := range ix.byException {
				if ix.common(e) && (least == 0 || len(raisers) < least) {
					least = len(raisers)
				}
			}
			for least*25 >= len(cur) {
				r := copyOf(len(cur) / 2)
				r.Failure, r.Parsed = review.Failure{}, nil
				copies = append(copies, r)
				add(r)
			}
		}, false},
		{"and common again", func(*Index) { remove(copies...) }, false},
		{"two at once", func(*Index) {
			version(5, func(r *review.Review) { r.Body = "" })
			version(300, func(r *review.Review) { r.Failure.Exceptions = nil; r.Parsed = nil })
		}, false},
		{"nothing", func(*Index) {}, true},
	}
	reclassified := map[string]bool{"an exception becomes rare": true, "and common again": true}
	ix := New(slices.Clone(cur))
	for _, r := range cur[:len(cur)/2] {
		ix.SeenBefore(r, 10) // the last index knows some matches only
	}
	for _, step := range steps {
		step.do(ix)
		reviews := slices.Clone(cur)
		last := ix
		ix = Carry(last, reviews)
		if step.carried && len(ix.cache) != len(last.cache) {
			t.Errorf("%s: %d reviews' matches carried over, want all %d", step.name, len(ix.cache), len(last.cache))
		}
		t.Logf("%s: %d of %d carried over", step.name, len(ix.cache), len(reviews))
		if r := ix.Reclassified(last); reclassified[step.name] != (len(r) > 0) {
			t.Errorf("%s: %d reviews reclassified", step.name, len(r))
		}
		sameAnswers(t, step.name, ix, New(reviews))
	}
}

// sameAnswers fails unless ix answers every question as want does.
func sameAnswers(t *testing.T, step string, ix, want *Index) {
	t.Helper()
	errs := 0
	check := func(what string, got, want any) {
		if errs < 10 && !reflect.DeepEqual(got, want) {
			errs++
			t.Errorf("%s: %s:\n got %v\nwant %v", step, what, got, want)
		}
	}
	for _, r := range want.reviews {
		check("SeenBefore("+r.ID+")", ix.SeenBefore(r, 0), want.SeenBefore(r, 0))
		check("SeenAgain("+r.ID+")", ix.SeenAgain(r, maxSeenTest), want.SeenAgain(r, maxSeenTest))
		check("Like("+r.ID+")", ix.Like(r, 0), want.Like(r, 0))
		check("HasSeenBefore("+r.ID+")", ix.HasSeenBefore(r), want.HasSeenBefore(r))
		check("HasSeenAgain("+r.ID+")", ix.HasSeenAgain(r), want.HasSeenAgain(r))
		check("Peers("+r.ID+")", ix.Peers(r), want.Peers(r))
	}
	check("Recurring", ix.Recurring(), want.Recurring())
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	check("Actions", ix.Actions(now), want.Actions(now))
	all, teams := ix.Figures(now)
	wantAll, wantTeams := CountFigures(want.Actions(now))
	check("Figures", []any{all, teams}, []any{wantAll, wantTeams})
}

// maxSeenTest is a limit, as the site asks with one.
const maxSeenTest = 10
