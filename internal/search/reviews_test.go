package search

import (
	"context"
	"slices"
	"testing"

	"github.com/fupan/fupan/reviews"
)

// An index built from the reviews as given finds what one built from
// their files finds, in the same order.
func TestFromReviews(t *testing.T) {
	_, ix := reviewsIndex(t, reviews.FS())
	files := examples(t)
	for _, q := range []string{"ConnectTimeout", "get_user_profile", "超时", "service:order-api", "NameResolutionError", "record count"} {
		want, err := files.Search(context.Background(), q, 20)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ix.Search(context.Background(), q, 20)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids(got), ids(want)) || len(got) == 0 {
			t.Errorf("%q: %v, want %v", q, ids(got), ids(want))
		}
	}
	// contributing_factors is a text field of its own.
	hits, err := ix.Search(context.Background(), `"record count"`, 5)
	if err != nil || len(hits) == 0 || hits[0].Fragments[0].Field != "contributing_factors" {
		t.Errorf("contributing factors: %v, %v", hits, err)
	}
}
