package webindex

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"

	"github.com/fupan/fupan/internal/search"
)

// spliceMin is the number of documents a term's last entry must hold for
// the export to splice it (see splice) rather than read its postings
// whole: below it, reading them is as cheap.
const spliceMin = 64

// spliceMax is the most changed documents an export splices for.
const spliceMax = 16

// splice returns the entry of term from old, its entry in the last
// export, with the postings of the changed documents (ascending) read
// again from the index and those of the others as old has them: the
// entry a full read makes, when only those documents changed. fields
// are the text fields that hold the term now (by the dictionary); ok is
// false when old cannot be read back, and the caller reads the term
// whole.
func splice(ex *search.Export, term string, old *termEntry, fields []int32, changed []int) (e *termEntry, ok bool, err error) {
	lists, ok := decodeEntry(old)
	if !ok {
		return nil, false, nil
	}
	var fps []fieldPostings
	for _, f := range fields {
		fi := int(f)
		if fi >= len(ex.Fields) {
			return nil, false, nil // the raised names are read whole
		}
		now, err := ex.PostingsOf(fi, term, changed)
		if err != nil {
			return nil, false, err
		}
		list := slices.DeleteFunc(lists[fi], func(p search.ExportPosting) bool {
			_, found := slices.BinarySearch(changed, p.Doc)
			return found
		})
		list = append(list, now...)
		slices.SortFunc(list, func(a, b search.ExportPosting) int { return a.Doc - b.Doc })
		if len(list) > 0 {
			fps = append(fps, fieldPostings{fi, list})
		}
	}
	if len(fps) == 0 {
		return nil, true, nil
	}
	return entry(term, fps), true, nil
}

// decodeEntry reads back the postings of each field of an entry, as
// entry wrote them; ok is false when its bytes are not an entry's.
func decodeEntry(t *termEntry) (lists map[int][]search.ExportPosting, ok bool) {
	key, err := json.Marshal(t.Term)
	if err != nil {
		return nil, false
	}
	tr := entryReader{data: t.T, off: len(key) + 2}
	pr := entryReader{data: t.P, off: len(key) + 2}
	if len(t.T) < tr.off || len(t.P) < pr.off || string(t.T[:len(key)]) != string(key) || string(t.P[:len(key)]) != string(key) {
		return nil, false
	}
	lists = map[int][]search.ExportPosting{}
	// The positions of all postings, in one array: as many as P has
	// numbers, at most.
	all := make([]int, 0, bytes.Count(t.P, []byte{','})+1)
	for i, fi := range t.Fields {
		if i > 0 {
			tr.expect(',')
			pr.expect(',')
		}
		if tr.int() != int(fi) || pr.int() != int(fi) {
			return nil, false
		}
		tr.expect(',')
		tr.expect('[')
		pr.expect(',')
		pr.expect('[')
		list := make([]search.ExportPosting, 0, t.DF[i])
		doc, firstPos := 0, true
		for j := 0; j < int(t.DF[i]) && tr.err == nil; j++ {
			if j > 0 {
				tr.expect(',')
			}
			doc += tr.int()
			tr.expect(',')
			p := search.ExportPosting{Doc: doc, Freq: tr.int()}
			tr.expect(',')
			p.Len = tr.int()
			last, from := 0, len(all)
			for range p.Freq {
				if !firstPos {
					pr.expect(',')
				}
				firstPos = false
				last += pr.int()
				all = append(all, last)
			}
			p.Pos = all[from:len(all):len(all)]
			list = append(list, p)
		}
		tr.expect(']')
		pr.expect(']')
		lists[int(fi)] = list
	}
	tr.expect(']')
	pr.expect(']')
	if tr.err != nil || pr.err != nil || tr.off != len(t.T) || pr.off != len(t.P) {
		return nil, false
	}
	return lists, true
}

// entryReader reads the numbers and brackets of an entry; err is set by
// the first that is not there.
type entryReader struct {
	data []byte
	off  int
	err  error
}

var errEntry = errors.New("not an entry")

func (r *entryReader) expect(c byte) {
	if r.err != nil || r.off >= len(r.data) || r.data[r.off] != c {
		r.err = errEntry
		return
	}
	r.off++
}

// int reads a number as entry writes it: decimal digits, without a sign
// or leading zeros (every number of an entry is at least 0).
func (r *entryReader) int() int {
	if r.err != nil {
		return 0
	}
	n, end := 0, r.off
	for end < len(r.data) && r.data[end] >= '0' && r.data[end] <= '9' && end-r.off < 10 {
		n = n*10 + int(r.data[end]-'0')
		end++
	}
	if end == r.off || (r.data[r.off] == '0' && end-r.off > 1) {
		r.err = errEntry
		return 0
	}
	r.off = end
	return n
}
