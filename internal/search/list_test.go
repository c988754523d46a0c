package search

import (
	"context"
	"slices"
	"testing"

	"github.com/fupan/fupan/reviews"
)

func TestList(t *testing.T) {
	ix, err := Open(context.Background(), reviews.FS(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	list, err := ix.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 17 {
		t.Fatalf("List: %d reviews, want the 17 examples", len(list))
	}
	for i := 1; i < len(list); i++ {
		a, b := list[i-1], list[i]
		if a.Date < b.Date || a.Date == b.Date && a.ID > b.ID {
			t.Errorf("%s (%s) before %s (%s): want the newest first, then by id", a.ID, a.Date, b.ID, b.Date)
		}
	}
	i := slices.IndexFunc(list, func(l Listed) bool { return l.ID == profileCache })
	if i < 0 {
		t.Fatalf("no %s", profileCache)
	}
	want := Listed{ID: profileCache, Title: "Order API 500s while a KEYS scan blocked the profile cache", Date: "2025-03-18", Severity: "SEV2", Path: "reviews/" + profileCache + ".md"}
	if list[i] != want {
		t.Errorf("List has %+v, want %+v", list[i], want)
	}
}
