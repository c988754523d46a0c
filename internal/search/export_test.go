package search

import (
	"io/fs"
	"slices"
	"testing"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
)

// TestExportOrder: an export numbers the reviews in the order given,
// leaves out the repeats of an id and the reviews the index does not
// hold, and each number's internal id is its review's.
func TestExportOrder(t *testing.T) {
	reviews, ix := reviewsIndex(t, gen.MapFS(gen.Options{N: 12, Seed: 5}))
	stranger := *reviews[0]
	stranger.ID = "not-in-the-index"
	again := *reviews[3]
	order := slices.Clone(reviews)
	slices.Reverse(order)
	order = slices.Insert(order, 2, &stranger)
	order = append(order, &again)
	ex, err := ix.Export(order)
	if err != nil {
		t.Fatal(err)
	}
	defer ex.Close()
	want := slices.Clone(reviews)
	slices.Reverse(want)
	if !slices.Equal(ex.Docs, want) {
		t.Fatalf("documents %v, want %v", reviewIDs(ex.Docs), reviewIDs(want))
	}
	for i, rv := range ex.Docs {
		iid, err := ex.r.InternalID(rv.ID)
		if err != nil || !iid.Equals(ex.ids[i]) || ex.num[string(iid)] != i {
			t.Errorf("document %d (%s): internal id %v, InternalID says %v (%v)", i, rv.ID, ex.ids[i], iid, err)
		}
	}
}

// reviewsIndex loads the reviews of fsys and indexes them as given
// (FromReviews); the index is closed when the test ends.
func reviewsIndex(t *testing.T, fsys fs.FS) ([]*review.Review, *Index) {
	t.Helper()
	repo, err := review.Load(fsys, review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := FromReviews(repo.Reviews)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return repo.Reviews, ix
}

func reviewIDs(rvs []*review.Review) []string {
	out := make([]string, len(rvs))
	for i, rv := range rvs {
		out[i] = rv.ID
	}
	return out
}
