package webindex

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fupan/fupan/internal/search"
)

// TestMergeDictionaries merges the fields' dictionaries into one: every
// term once, in byte order, with the fields that hold it ascending and
// their counts.
func TestMergeDictionaries(t *testing.T) {
	d := func(terms ...string) []search.DictTerm {
		var out []search.DictTerm
		for i, term := range terms {
			out = append(out, search.DictTerm{Term: term, Count: 10*len(term) + i})
		}
		return out
	}
	tests := []struct {
		name  string
		lists [][]search.DictTerm
		want  []dictTerm
	}{
		{"none", [][]search.DictTerm{nil, nil}, []dictTerm{}},
		{"one field", [][]search.DictTerm{nil, d("a", "b")}, []dictTerm{
			{"a", []int32{1}, []int32{10}},
			{"b", []int32{1}, []int32{11}},
		}},
		{"shared and not", [][]search.DictTerm{d("b", "redis", "超时"), d("a", "redis"), nil, d("redis", "z", "超时")}, []dictTerm{
			{"a", []int32{1}, []int32{10}},
			{"b", []int32{0}, []int32{10}},
			{"redis", []int32{0, 1, 3}, []int32{51, 51, 50}},
			{"z", []int32{3}, []int32{11}},
			{"超时", []int32{0, 3}, []int32{62, 62}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mergeDictionaries(tt.lists)
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(dictTerm{})); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			for i := range got {
				// Each term's lists end where they end: appending to one
				// does not write over the next term's.
				if cap(got[i].fields) != len(got[i].fields) || cap(got[i].counts) != len(got[i].counts) {
					t.Errorf("%s: fields and counts of capacity %d, %d for %d", got[i].term, cap(got[i].fields), cap(got[i].counts), len(got[i].fields))
				}
			}
		})
	}
}
