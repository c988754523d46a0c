package webindex

import (
	"encoding/json"
	"runtime"
	"slices"
	"strconv"
	"strings"
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

	// parts, when not nil, are T and P in pieces, and T and P are nil:
	// a spliced entry (spliceEntry), until makeShard joins it.
	parts *entryParts
}

// fieldPostings are the postings of a term in one field.
type fieldPostings struct {
	field int // an index into search.Fields; len(search.Fields): raised
	list  []search.ExportPosting
}

// entry encodes the postings of a term, one list per field that holds it.
func entry(term string, fps []fieldPostings) *termEntry {
	var sc entryScratch
	return sc.entry(term, fps)
}

// An entryScratch is the buffers entry writes a term's files in, kept
// from one term to the next by a reader of many (readTerms): a term's
// entry takes as much fresh memory as it has bytes.
type entryScratch struct{ t, p []byte }

// entry is entry, writing through sc's buffers.
func (sc *entryScratch) entry(term string, fps []fieldPostings) *termEntry {
	e := &termEntry{Term: term}
	nd := 0
	for _, fp := range fps {
		nd += len(fp.list)
	}
	fd := make([]int32, 0, 2*len(fps))
	e.Docs = make([]int32, 0, nd)
	key, _ := json.Marshal(term)
	tb := append(append(sc.t[:0], key...), ":["...)
	pb := append(append(sc.p[:0], key...), ":["...)
	for i, fp := range fps {
		fd = append(fd, int32(fp.field))
		if i > 0 {
			tb = append(tb, ',')
			pb = append(pb, ',')
		}
		tb = append(strconv.AppendInt(tb, int64(fp.field), 10), ",["...)
		pb = append(strconv.AppendInt(pb, int64(fp.field), 10), ",["...)
		prev := 0
		pfirst := true
		for j, p := range fp.list {
			e.Docs = append(e.Docs, int32(p.Doc))
			if j > 0 {
				tb = append(tb, ',')
			}
			tb = strconv.AppendInt(tb, int64(p.Doc-prev), 10)
			tb = append(tb, ',')
			tb = strconv.AppendInt(tb, int64(p.Freq), 10)
			tb = append(tb, ',')
			tb = strconv.AppendInt(tb, int64(p.Len), 10)
			prev = p.Doc
			last := 0
			for _, x := range p.Pos {
				if !pfirst {
					pb = append(pb, ',')
				}
				pfirst = false
				pb = strconv.AppendInt(pb, int64(x-last), 10)
				last = x
			}
		}
		tb = append(tb, ']')
		pb = append(pb, ']')
	}
	tb = append(tb, ']')
	pb = append(pb, ']')
	for _, fp := range fps {
		fd = append(fd, int32(len(fp.list)))
	}
	e.Fields, e.DF = fd[:len(fps):len(fps)], fd[len(fps):]
	// The two files' bytes, in one array of their size.
	both := make([]byte, len(tb)+len(pb))
	copy(both[copy(both, tb):], pb)
	e.T, e.P = both[:len(tb):len(tb)], both[len(tb):]
	sc.t, sc.p = tb, pb
	slices.Sort(e.Docs)
	e.Docs = slices.Compact(e.Docs)
	return e
}

// A dictTerm is a term of the text fields' and the raised names'
// dictionaries, with the fields that hold it, ascending, and their
// counts (search.DictTerm).
type dictTerm struct {
	term           string
	fields, counts []int32
}

// dictionary returns the terms of every text field and of the raised
// names, in byte order; the fields' dictionaries are read on every core.
func dictionary(ex *search.Export) ([]dictTerm, error) {
	lists := make([][]search.DictTerm, len(ex.Fields)+1)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for fi := range lists {
		g.Go(func() (err error) {
			lists[fi], err = ex.Dictionary(fi)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	byTerm := func(a, b search.DictTerm) int { return strings.Compare(a.Term, b.Term) }
	for _, list := range lists {
		if !slices.IsSortedFunc(list, byTerm) { // as bleve gives them: never
			slices.SortFunc(list, byTerm)
		}
	}
	return mergeDictionaries(lists), nil
}

// mergeDictionaries merges the dictionaries of the fields, lists[fi] that
// of field fi, each in byte order, into one in byte order: each term once,
// with the fields that hold it, ascending. The fields and counts of all
// terms share two arrays, and the result is allocated at its size.
func mergeDictionaries(lists [][]search.DictTerm) []dictTerm {
	total := 0
	for _, list := range lists {
		total += len(list)
	}
	fields, counts := make([]int32, 0, total), make([]int32, 0, total)
	// merge calls each with each term, in byte order, and the fields
	// that hold it (their next terms, at[fi], are the term).
	at := make([]int, len(lists))
	merge := func(each func(term string, fis []int)) {
		var fis []int
		for {
			fis = fis[:0]
			var min string
			for fi, list := range lists {
				if at[fi] == len(list) {
					continue
				}
				switch t := list[at[fi]].Term; {
				case len(fis) == 0 || t < min:
					min, fis = t, append(fis[:0], fi)
				case t == min:
					fis = append(fis, fi)
				}
			}
			if len(fis) == 0 {
				return
			}
			each(min, fis)
			for _, fi := range fis {
				at[fi]++
			}
		}
	}
	n := 0
	merge(func(string, []int) { n++ })
	clear(at)
	dict := make([]dictTerm, 0, n)
	merge(func(term string, fis []int) {
		start := len(fields)
		for _, fi := range fis {
			fields = append(fields, int32(fi))
			counts = append(counts, int32(lists[fi][at[fi]].Count))
		}
		end := len(fields)
		dict = append(dict, dictTerm{term: term, fields: fields[start:end:end], counts: counts[start:end:end]})
	})
	return dict
}

// readTerms sets the entry of each term of dict whose index is in todo
// (nil for a term no document holds), from old, the entries of the last
// export by term, when it keeps (see keeps), else read from the index;
// of a term that many documents hold, when few changed, it reads only
// theirs (see splice). It returns how many it kept and spliced.
func readTerms(ex *search.Export, dict []dictTerm, todo []int, entries []*termEntry, old map[string]*termEntry, changed map[int32]bool) (reused, spliced int, err error) {
	var read []int
	for _, i := range todo {
		d := dict[i]
		if e := old[d.term]; e != nil && keeps(e, d.fields, d.counts, changed) {
			entries[i] = e
			reused++
		} else {
			read = append(read, i)
		}
	}
	// The changed documents, ascending, when few enough to splice.
	var few []int
	if old != nil && len(changed) <= spliceMax {
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
			var sc entryScratch
			for {
				lo := int(next.Add(readBlock)) - readBlock
				if lo >= len(read) {
					return nil
				}
				for _, i := range read[lo:min(lo+readBlock, len(read))] {
					d := dict[i]
					if e := old[d.term]; e != nil && len(few) > 0 && len(e.Docs) >= spliceMin {
						s, ok, err := splice(ex, d.term, e, d.fields, few)
						if err != nil {
							return err
						}
						if ok {
							entries[i] = s
							nspliced.Add(1)
							continue
						}
					}
					var fps []fieldPostings
					for _, fi := range d.fields {
						list, err := postings(ex, int(fi), d.term)
						if err != nil {
							return err
						}
						if len(list) > 0 {
							fps = append(fps, fieldPostings{int(fi), list})
						}
					}
					if len(fps) > 0 {
						entries[i] = sc.entry(d.term, fps)
					}
				}
			}
		})
	}
	if err := g.Wait(); err != nil {
		return 0, 0, err
	}
	return reused, int(nspliced.Load()), nil
}

// readBlock is the number of terms a reader takes at a time.
const readBlock = 256

// keeps reports whether the entry old of the last export is still the
// term's, given the fields of the dictionary that hold it now with their
// counts, and the documents that changed. A changed document that held
// the term is in old.Docs; one that holds it now, and did not, made its
// field's count pass the postings old has of it (a count is never below
// the postings). Any other document holds the term as it did.
func keeps(old *termEntry, fields, counts []int32, changed map[int32]bool) bool {
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
		if fi != old.Fields[i] || counts[i] != old.DF[i] {
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
