package webindex

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/reviews"
)

// export writes the index of the example reviews.
func export(t testing.TB) (map[string][]byte, Stats) {
	t.Helper()
	ix, err := search.Open(t.Context(), reviews.FS(), search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	repo, err := review.Load(reviews.FS(), review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	st, err := Write(files, ix, repo.Reviews)
	if err != nil {
		t.Fatal(err)
	}
	return files, st
}

// TestWrite checks the files against the format of the package doc:
// entry.json names meta, meta names every other file, and every file is
// there; two exports are the same bytes.
func TestWrite(t *testing.T) {
	files, st := export(t)
	var entry struct {
		V    int
		Meta string
	}
	if err := json.Unmarshal(files[Dir+"entry.json"], &entry); err != nil || entry.V != Version {
		t.Fatalf("entry.json: %+v, %v", entry, err)
	}
	var meta struct {
		V, N   int
		Fields [][]any
		Shards struct {
			Dir          string
			First, Names []string
		}
		Docs struct {
			Dirs       []string
			Group, Per int
		}
		Filters string
		Values  map[string][]string
		Vocab   string
	}
	if err := json.Unmarshal(files[Dir+entry.Meta], &meta); err != nil {
		t.Fatalf("%s: %v", entry.Meta, err)
	}
	if meta.N != 17 || st.Docs != 17 || len(meta.Fields) != len(search.Fields) {
		t.Errorf("n %d, docs %d, %d fields; want 17 reviews and %d fields", meta.N, st.Docs, len(meta.Fields), len(search.Fields))
	}
	want := []string{Dir + "entry.json", Dir + entry.Meta, Dir + meta.Filters, Dir + meta.Vocab}
	var vocab []string
	if err := json.Unmarshal(files[Dir+meta.Vocab], &vocab); err != nil || !slices.Contains(vocab, "readtimeout") || !slices.IsSorted(vocab) {
		t.Errorf("vocabulary %s: %v; want a sorted list that holds readtimeout", meta.Vocab, err)
	}
	var frags []string // the card fragments, in order
	for k := 0; k*meta.Docs.Per < meta.N; k++ {
		frags = append(frags, meta.Docs.Dirs[k/meta.Docs.Group]+strconv.Itoa(k)+".json")
	}
	if len(meta.Shards.Names) != len(meta.Shards.First) || len(meta.Docs.Dirs) != (len(frags)+meta.Docs.Group-1)/meta.Docs.Group {
		t.Fatalf("%d shard names for %d shards, %d card folders for %d fragments", len(meta.Shards.Names), len(meta.Shards.First), len(meta.Docs.Dirs), len(frags))
	}
	for _, name := range meta.Shards.Names {
		want = append(want, Dir+meta.Shards.Dir+name+".t.json", Dir+meta.Shards.Dir+name+".p.json")
	}
	for _, name := range frags {
		want = append(want, Dir+name)
	}
	slices.Sort(want)
	if got := slices.Sorted(maps.Keys(files)); !slices.Equal(got, want) {
		t.Errorf("files:\n %v\nwant\n %v", got, want)
	}
	if !slices.IsSortedFunc(meta.Shards.First, strings.Compare) || meta.Shards.First[0] != "" {
		t.Errorf("shard table not sorted from \"\": %q", meta.Shards.First)
	}
	var first []any
	if err := json.Unmarshal(files[Dir+frags[0]], &first); err != nil || len(first) != min(meta.N, meta.Docs.Per) {
		t.Fatalf("first fragment: %d cards (%v), want %d", len(first), err, min(meta.N, meta.Docs.Per))
	}
	// The cards of all fragments are the N documents, in order, once each.
	var cards int
	for k, name := range frags {
		var frag []any
		if err := json.Unmarshal(files[Dir+name], &frag); err != nil {
			t.Fatalf("fragment %d: %v", k, err)
		}
		cards += len(frag)
	}
	if cards != meta.N {
		t.Errorf("the fragments hold %d cards, want %d", cards, meta.N)
	}
	if id := first[0].([]any)[0]; id != "2026-11-24-checkout-stock-reserve-connect-timeout-again" {
		t.Errorf("document 0 is %v, want the newest review", id)
	}
	if got := meta.Values["severity"]; !slices.Equal(got, []string{"sev1", "sev2", "sev3"}) {
		t.Errorf("severity values %q", got)
	}

	again, _ := export(t)
	if !maps.EqualFunc(files, again, bytes.Equal) {
		t.Error("two exports of one index differ")
	}
}
