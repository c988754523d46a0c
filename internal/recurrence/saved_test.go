package recurrence

import (
	"crypto/sha256"
	"errors"
	"slices"
	"testing"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
)

// TestSaved saves the matches of an index, restores them into the index
// of the same reviews (as another process reads them again), and checks
// that it answers as a new index does, and that an index carried over
// from it after an edit does too.
func TestSaved(t *testing.T) {
	reviews := savedReviews(t)
	ix := New(reviews)
	ix.Recurring() // every review's matches
	data := ix.Save("key")

	// The same reviews, read again: other pointers.
	again := make([]*review.Review, len(reviews))
	for i, r := range reviews {
		c := *r
		again[i] = &c
	}
	got, err := Restore(again, data, "key")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.cache) != len(reviews) {
		t.Errorf("%d reviews' matches restored, want %d", len(got.cache), len(reviews))
	}
	sameAnswers(t, "restored", got, New(again))

	// Some matches computed only: those are restored, the others
	// computed on use.
	part := New(reviews)
	for _, r := range reviews[:len(reviews)/3] {
		part.SeenBefore(r, 10)
	}
	got, err = Restore(again, part.Save("key"), "key")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.cache) != len(part.cache) {
		t.Errorf("%d reviews' matches restored, want %d", len(got.cache), len(part.cache))
	}
	sameAnswers(t, "partly restored", got, New(again))

	// One review edited, its failure changed: carried over from the
	// restored index, the answers are those of a new one.
	restored, err := Restore(again, data, "key")
	if err != nil {
		t.Fatal(err)
	}
	edited := slices.Clone(again)
	r := *edited[100]
	r.Failure.Exceptions, r.Parsed = edited[7].Failure.Exceptions, edited[7].Parsed
	edited[100] = &r
	sameAnswers(t, "edited", Carry(restored, edited), New(edited))
}

// TestSavedNotTrusted checks that saved matches are restored only into an
// index of the very reviews they were computed of, under the same key,
// whole: anything else restores nothing, and the index computes every
// match itself.
func TestSavedNotTrusted(t *testing.T) {
	reviews := savedReviews(t)
	ix := New(reviews)
	ix.Recurring()
	data := ix.Save("key")
	body := data[:len(data)-sha256.Size]
	// resum returns body changed by f, with a checksum that holds: only
	// the checks of what it says can refuse it.
	resum := func(f func(b []byte) []byte) []byte {
		b := f(slices.Clone(body))
		sum := sha256.Sum256(b)
		return append(b, sum[:]...)
	}
	other := func(f func(r *review.Review)) []*review.Review {
		rs := slices.Clone(reviews)
		r := *rs[50]
		f(&r)
		rs[50] = &r
		return rs
	}
	// doctored saves an index whose first review matches h only.
	doctored := func(h hit) []byte {
		ix := New(reviews)
		ix.cache[0] = []hit{h}
		return ix.Save("key")
	}
	flipped := slices.Clone(data)
	flipped[len(flipped)/2] ^= 1

	tests := []struct {
		name    string
		reviews []*review.Review
		data    []byte
		key     string
	}{
		{"another key", reviews, data, "other"},
		{"no data", reviews, nil, "key"},
		{"cut short", reviews, data[:len(data)/2], "key"},
		{"a byte changed", reviews, flipped, "key"},
		{"an older format", reviews, resum(func(b []byte) []byte {
			copy(b, "fupan recurrence matches v0\n")
			return b
		}), "key"},
		{"trailing bytes", reviews, resum(func(b []byte) []byte { return append(b, 1) }), "key"},
		{"a match past the end", reviews, doctored(hit{j: int32(len(reviews)), score: Threshold}), "key"},
		{"a review its own match", reviews, doctored(hit{j: 0, score: Threshold}), "key"},
		{"a score too low", reviews, doctored(hit{j: 1, score: Threshold - 1}), "key"},
		{"a score too high", reviews, doctored(hit{j: 1, score: maxScore + 1}), "key"},
		{"a review fewer", reviews[1:], data, "key"},
		{"a review more", append(slices.Clone(reviews), reviews[0]), data, "key"},
		{"another order", append(slices.Clone(reviews[1:]), reviews[0]), data, "key"},
		{"another failure", other(func(r *review.Review) { r.Failure.Dependency = "elsewhere:5432" }), data, "key"},
		{"another date", other(func(r *review.Review) { r.Date = "2001-01-01" }), data, "key"},
		{"another id", other(func(r *review.Review) { r.ID += "-2" }), data, "key"},
		{"another service", other(func(r *review.Review) { r.Services = []string{"elsewhere"} }), data, "key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Restore(tt.reviews, tt.data, tt.key)
			if !errors.Is(err, ErrNotSaved) {
				t.Fatalf("Restore: %v, want ErrNotSaved", err)
			}
			if len(got.cache) > 0 {
				t.Errorf("%d reviews' matches restored, want none", len(got.cache))
			}
			sameAnswers(t, tt.name, got, New(tt.reviews))
		})
	}
}

// savedReviews are 300 generated reviews, newest first.
func savedReviews(t *testing.T) []*review.Review {
	t.Helper()
	repo, err := review.Load(gen.MapFS(gen.Options{N: 300, Seed: 9}), review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rs := slices.Clone(repo.Reviews)
	slices.SortFunc(rs, review.NewestFirst)
	return rs
}
