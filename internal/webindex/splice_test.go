package webindex

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fupan/fupan/internal/search"
)

// TestSpliceEntry: an entry spliced with the postings of changed
// documents is, byte for byte, the entry made whole of the same
// postings, whatever changed: a posting edited, added, removed, a field
// gained or lost, the first or last document, every posting, or none
// after the first postings (whose rest is copied unread).
func TestSpliceEntry(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	posting := func(doc int) search.ExportPosting {
		p := search.ExportPosting{Doc: doc, Freq: 1 + rng.IntN(3), Len: 1 + rng.IntN(300)}
		at := rng.IntN(20)
		for range p.Freq {
			p.Pos = append(p.Pos, at)
			at += 1 + rng.IntN(500)
		}
		return p
	}
	for n := range 400 {
		docs := 1 + rng.IntN(40)
		nfields := 1 + rng.IntN(4)
		fieldOf := func(i int) int { return []int{0, 2, 5, 9}[i] }
		// A field's postings before and after, and the documents changed.
		before := make([][]search.ExportPosting, nfields)
		after := make([][]search.ExportPosting, nfields)
		var changed []int
		rate := []int{4, 30}[n%2] // many changes, or one or two
		for d := range docs {
			if rng.IntN(rate) == 0 {
				changed = append(changed, d)
			}
		}
		for f := range nfields {
			for d := range docs {
				was := rng.IntN(3) > 0
				var p search.ExportPosting
				if was {
					p = posting(d)
					before[f] = append(before[f], p)
				}
				if _, ch := slices.BinarySearch(changed, d); !ch {
					if was {
						after[f] = append(after[f], p)
					}
				} else if rng.IntN(2) == 0 {
					after[f] = append(after[f], posting(d))
				}
			}
		}
		old := entry(fmt.Sprintf("term%d \"超时\"", n), groups(before, fieldOf))
		want := entry(old.Term, groups(after, fieldOf))
		if old == nil || len(old.Fields) == 0 {
			continue
		}
		var fields []int32
		var now [][]search.ExportPosting
		for f, list := range after {
			if len(list) > 0 {
				fields = append(fields, int32(fieldOf(f)))
				var mine []search.ExportPosting
				for _, p := range list {
					if _, ch := slices.BinarySearch(changed, p.Doc); ch {
						mine = append(mine, p)
					}
				}
				now = append(now, mine)
			}
		}
		got, ok := spliceEntry(old, fields, now, changed)
		if !ok {
			t.Fatalf("%d: %s / %s not read back", n, old.T, old.P)
		}
		if len(want.Fields) == 0 {
			if got != nil {
				t.Errorf("%d: spliced %s, want no entry", n, got.joined().T)
			}
			continue
		}
		if diff := cmp.Diff(want, got.joined(), cmp.AllowUnexported(termEntry{})); diff != "" {
			t.Fatalf("%d: changed %v, from %s\n%s\n(-want +got):\n%s", n, changed, old.T, old.P, diff)
		}
	}
}

// groups are the postings of fields that hold any, as entry takes them.
func groups(lists [][]search.ExportPosting, fieldOf func(int) int) []fieldPostings {
	var fps []fieldPostings
	for f, list := range lists {
		if len(list) > 0 {
			fps = append(fps, fieldPostings{fieldOf(f), list})
		}
	}
	return fps
}

// TestSpliceEntryBad: bytes that are not an entry's are not spliced, and
// never panic.
func TestSpliceEntryBad(t *testing.T) {
	fps := []fieldPostings{
		{0, []search.ExportPosting{{Doc: 0, Freq: 2, Len: 7, Pos: []int{1, 5}}, {Doc: 3, Freq: 1, Len: 12, Pos: []int{0}}}},
		{2, []search.ExportPosting{{Doc: 3, Freq: 3, Len: 40, Pos: []int{2, 9, 30}}}},
	}
	e := entry(`say "超时"`, fps)
	fields := []int32{0, 2}
	now := [][]search.ExportPosting{nil, {{Doc: 3, Freq: 1, Len: 41, Pos: []int{2}}}}
	if _, ok := spliceEntry(e, fields, now, []int{3}); !ok {
		t.Fatalf("%s / %s: not spliced", e.T, e.P)
	}
	for _, bad := range []*termEntry{
		{Term: e.Term, T: e.T[:len(e.T)-1], P: e.P, Fields: e.Fields, DF: e.DF},
		{Term: e.Term, T: e.T, P: []byte(`"x":[0,[1]]`), Fields: e.Fields, DF: e.DF},
		{Term: "other", T: e.T, P: e.P, Fields: e.Fields, DF: e.DF},
		{Term: e.Term, T: e.T, P: e.P, Fields: e.Fields, DF: []int32{1, 1}},
		{Term: e.Term, T: e.T, P: e.P[:len(e.P)-4], Fields: e.Fields, DF: e.DF},
		{Term: e.Term, T: []byte(`"say \"超时\"":[0,[0,9999999999,7]]`), P: e.P, Fields: []int32{0}, DF: []int32{1}},
		{Term: e.Term, T: []byte(`"say \"超时\"":[0,[0,0,7]]`), P: []byte(`"say \"超时\"":[0,[]]`), Fields: []int32{0}, DF: []int32{1}},
	} {
		for cut := range len(bad.T) + 1 {
			b := *bad
			b.T = b.T[:cut]
			if _, ok := spliceEntry(&b, fields, now, []int{3}); ok && cut < len(bad.T) {
				t.Errorf("%s / %s read as an entry", b.T, b.P)
			}
		}
		if _, ok := spliceEntry(bad, fields, now, []int{3}); ok {
			t.Errorf("%s / %s read as an entry", bad.T, bad.P)
		}
	}
}
