package webindex

import (
	"bytes"
	"encoding/json"
	"runtime"
	"slices"
	"strconv"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/fupan/fupan/internal/search"
)

// A termEntry is a term as the shards hold it, and what tells whether
// the next export may keep it (see cache.go).
type termEntry struct {
	Term string
	T, P []byte // its entries in the terms and positions files

	Fields []int32 // the fields that hold it, ascending (len(Fields): raised)
	DF     []int32 // its postings in each of those fields
	Docs   []int32 // the documents that hold it in any, ascending
}

// fieldPostings are the postings of a term in one field.
type fieldPostings struct {
	field int // an index into search.Fields; len(search.Fields): raised
	list  []search.ExportPosting
}

// entry encodes the postings of a term, one list per field that holds it.
func entry(term string, fps []fieldPostings) *termEntry {
	e := &termEntry{Term: term}
	key, _ := json.Marshal(term)
	var tb, pb bytes.Buffer
	tb.Write(key)
	tb.WriteString(":[")
	pb.Write(key)
	pb.WriteString(":[")
	for i, fp := range fps {
		e.Fields = append(e.Fields, int32(fp.field))
		e.DF = append(e.DF, int32(len(fp.list)))
		if i > 0 {
			tb.WriteString(",")
			pb.WriteString(",")
		}
		tb.WriteString(strconv.Itoa(fp.field))
		tb.WriteString(",[")
		pb.WriteString(strconv.Itoa(fp.field))
		pb.WriteString(",[")
		prev := 0
		pfirst := true
		for j, p := range fp.list {
			e.Docs = append(e.Docs, int32(p.Doc))
			if j > 0 {
				tb.WriteString(",")
			}
			tb.WriteString(strconv.Itoa(p.Doc - prev))
			tb.WriteString(",")
			tb.WriteString(strconv.Itoa(p.Freq))
			tb.WriteString(",")
			tb.WriteString(strconv.Itoa(p.Len))
			prev = p.Doc
			last := 0
			for _, x := range p.Pos {
				if !pfirst {
					pb.WriteString(",")
				}
				pfirst = false
				pb.WriteString(strconv.Itoa(x - last))
				last = x
			}
		}
		tb.WriteString("]")
		pb.WriteString("]")
	}
	tb.WriteString("]")
	pb.WriteString("]")
	e.T, e.P = tb.Bytes(), pb.Bytes()
	slices.Sort(e.Docs)
	e.Docs = slices.Compact(e.Docs)
	return e
}

// terms returns the entry of every term of every text field and of the
// raised names, in byte order. It reads the postings of a term from the
// index unless the last export (prev, nil when none) has its entry and
// none of the documents that changed since (changed) holds it, then or
// now: such a term's postings are the same. Of a term that many
// documents hold, when few changed, it reads only theirs (see splice).
func terms(ex *search.Export, prev *exportCache, changed map[int32]bool) (_ []*termEntry, reused, spliced int, err error) {
	type seen struct {
		fields []int
		counts []int
	}
	dict := map[string]*seen{}
	var order []string
	for fi := 0; fi <= len(ex.Fields); fi++ {
		list, err := ex.Dictionary(fi)
		if err != nil {
			return nil, 0, 0, err
		}
		for _, t := range list {
			s := dict[t.Term]
			if s == nil {
				s = &seen{}
				dict[t.Term] = s
				order = append(order, t.Term)
			}
			s.fields = append(s.fields, fi)
			s.counts = append(s.counts, t.Count)
		}
	}
	slices.Sort(order)
	entries := make([]*termEntry, len(order))
	var todo []int // the terms to read, by index into order
	for i, term := range order {
		s := dict[term]
		if old := prev.entry(term); old != nil && keeps(old, s.fields, s.counts, changed) {
			entries[i] = old
		} else {
			todo = append(todo, i)
		}
	}
	reused = len(order) - len(todo)
	// The changed documents, ascending, when few enough to splice.
	var few []int
	if prev != nil && len(changed) <= spliceMax {
		for d := range changed {
			few = append(few, int(d))
		}
		slices.Sort(few)
	}
	// Read on every core, a block of terms at a time.
	var next, nspliced atomic.Int64
	var g errgroup.Group
	for range runtime.GOMAXPROCS(0) {
		g.Go(func() error {
			for {
				lo := int(next.Add(readBlock)) - readBlock
				if lo >= len(todo) {
					return nil
				}
				for _, i := range todo[lo:min(lo+readBlock, len(todo))] {
					term := order[i]
					if old := prev.entry(term); old != nil && len(few) > 0 && len(old.Docs) >= spliceMin {
						e, ok, err := splice(ex, term, old, dict[term].fields, few)
						if err != nil {
							return err
						}
						if ok {
							entries[i] = e
							nspliced.Add(1)
							continue
						}
					}
					var fps []fieldPostings
					for _, fi := range dict[term].fields {
						list, err := postings(ex, fi, term)
						if err != nil {
							return err
						}
						if len(list) > 0 {
							fps = append(fps, fieldPostings{fi, list})
						}
					}
					if len(fps) > 0 {
						entries[i] = entry(term, fps)
					}
				}
			}
		})
	}
	if err := g.Wait(); err != nil {
		return nil, 0, 0, err
	}
	return slices.DeleteFunc(entries, func(e *termEntry) bool { return e == nil }), reused, int(nspliced.Load()), nil
}

// readBlock is the number of terms a reader takes at a time.
const readBlock = 256

// keeps reports whether the entry old of the last export is still the
// term's, given the fields of the dictionary that hold it now with their
// counts, and the documents that changed. A changed document that held
// the term is in old.Docs; one that holds it now, and did not, made its
// field's count pass the postings old has of it (a count is never below
// the postings). Any other document holds the term as it did.
func keeps(old *termEntry, fields, counts []int, changed map[int32]bool) bool {
	for _, d := range old.Docs {
		if changed[d] {
			return false
		}
	}
	// Every field of old, with as many postings, and no other.
	if len(fields) != len(old.Fields) {
		return false
	}
	for i, fi := range fields {
		if int32(fi) != old.Fields[i] || int32(counts[i]) != old.DF[i] {
			return false
		}
	}
	return true
}

// postings returns the postings of a term in field fi, or the raised
// documents of a name for fi = len(ex.Fields) (frequency and length 1).
func postings(ex *search.Export, fi int, term string) ([]search.ExportPosting, error) {
	if fi < len(ex.Fields) {
		return ex.Postings(fi, term)
	}
	docs, err := ex.Raised(term)
	if err != nil {
		return nil, err
	}
	list := make([]search.ExportPosting, len(docs))
	for i, d := range docs {
		list[i] = search.ExportPosting{Doc: d, Freq: 1, Len: 1}
	}
	return list, nil
}
