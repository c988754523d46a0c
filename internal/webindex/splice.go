package webindex

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"

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
	now := make([][]search.ExportPosting, len(fields))
	for i, f := range fields {
		if int(f) >= len(ex.Fields) {
			return nil, false, nil // the raised names are read whole
		}
		if now[i], err = ex.PostingsOf(int(f), term, changed); err != nil {
			return nil, false, err
		}
	}
	e, ok = spliceEntry(old, fields, now, changed)
	return e, ok, nil
}

// spliceEntry returns old with the postings of the documents changed
// (ascending) in place of those it has of them: now[i] in field
// fields[i] (the fields that hold the term now, ascending), and none in
// the fields old has and fields lacks. It copies the bytes of the other
// postings, rewriting only the document deltas that follow a change, so
// that it is the entry entry makes of the same postings; nil when no
// posting is left. ok is false when old's bytes are not an entry's.
func spliceEntry(old *termEntry, fields []int32, now [][]search.ExportPosting, changed []int) (e *termEntry, ok bool) {
	key, err := json.Marshal(old.Term)
	if err != nil {
		return nil, false
	}
	tr := entryReader{data: old.T, off: len(key) + 2}
	pr := entryReader{data: old.P, off: len(key) + 2}
	if len(old.T) < tr.off || len(old.P) < pr.off || string(old.T[:tr.off]) != string(key)+":[" || string(old.P[:pr.off]) != string(key)+":[" {
		return nil, false
	}
	e = &termEntry{Term: old.Term}
	// Room for the postings read again, so that the copies are not made
	// twice as the buffers grow.
	extra, room := 64, 0
	for _, list := range now {
		room += len(list)
		for _, p := range list {
			extra += 24 + 11*len(p.Pos)
		}
	}
	for _, n := range old.DF {
		room += int(n)
	}
	tb := make([]byte, 0, len(old.T)+extra)
	pb := make([]byte, 0, len(old.P)+extra)
	tb = append(tb, old.T[:tr.off]...)
	pb = append(pb, old.P[:pr.off]...)
	// The documents of every field's postings, field after field: the
	// entry's, once sorted.
	docs := make([]int32, 0, room)
	oi, ni := 0, 0 // the next field of old, of fields
	for oi < len(old.Fields) || ni < len(fields) {
		f := int32(-1)
		hasOld, hasNow := oi < len(old.Fields), ni < len(fields)
		switch {
		case hasOld && hasNow:
			f = min(old.Fields[oi], fields[ni])
			hasOld, hasNow = old.Fields[oi] == f, fields[ni] == f
		case hasOld:
			f = old.Fields[oi]
		default:
			f = fields[ni]
		}
		if hasOld {
			if oi > 0 {
				tr.expect(',')
				pr.expect(',')
			}
			if tr.int() != int(f) || pr.int() != int(f) {
				return nil, false
			}
			tr.expect(',')
			tr.expect('[')
			pr.expect(',')
			pr.expect('[')
		}
		var list []search.ExportPosting
		if hasNow {
			list = now[ni]
		}
		// The field's group, written and then taken back when it holds no
		// posting.
		tmark, pmark := len(tb), len(pb)
		if len(e.Fields) > 0 {
			tb = append(tb, ',')
			pb = append(pb, ',')
		}
		tb = strconv.AppendInt(tb, int64(f), 10)
		tb = append(tb, ",["...)
		pb = strconv.AppendInt(pb, int64(f), 10)
		pb = append(pb, ",["...)
		w := groupWriter{t: tb, p: pb, docs: docs, start: len(docs)}
		doc := 0
		if hasOld {
			for j := 0; j < int(old.DF[oi]) && tr.err == nil && pr.err == nil; j++ {
				if j > 0 {
					tr.expect(',')
				}
				doc += tr.int()
				ts := tr.off
				tr.expect(',')
				q := tr.int()
				tr.expect(',')
				tr.int()
				te := tr.off
				ps := pr.off
				if j > 0 {
					ps++ // the comma before, which pr.expect checks
				}
				for k := 0; k < q && pr.err == nil; k++ {
					if j > 0 || k > 0 {
						pr.expect(',')
					}
					pr.int()
				}
				if tr.err != nil || pr.err != nil || q == 0 {
					return nil, false
				}
				for len(list) > 0 && list[0].Doc < doc {
					w.posting(list[0])
					list = list[1:]
				}
				if _, found := slices.BinarySearch(changed, doc); found || !hasNow {
					continue
				}
				w.copied(doc, old.T[ts:te], old.P[ps:pr.off])
			}
			tr.expect(']')
			pr.expect(']')
			if tr.err != nil || pr.err != nil {
				return nil, false
			}
			oi++
		}
		for _, p := range list {
			w.posting(p)
		}
		if hasNow {
			ni++
		}
		tb, pb, docs = w.t, w.p, w.docs
		if w.written() == 0 {
			tb, pb = tb[:tmark], pb[:pmark]
			continue
		}
		tb = append(tb, ']')
		pb = append(pb, ']')
		e.Fields = append(e.Fields, f)
		e.DF = append(e.DF, int32(w.written()))
	}
	tr.expect(']')
	pr.expect(']')
	if tr.err != nil || pr.err != nil || tr.off != len(old.T) || pr.off != len(old.P) {
		return nil, false
	}
	if len(e.Fields) == 0 {
		return nil, true
	}
	e.T, e.P = append(tb, ']'), append(pb, ']')
	if len(e.Fields) > 1 {
		slices.Sort(docs)
		docs = slices.Compact(docs)
	}
	e.Docs = docs
	return e, true
}

// A groupWriter writes the postings of one field of an entry, as entry
// does, after its "f,[".
type groupWriter struct {
	t, p  []byte
	docs  []int32 // the documents written, from start on, ascending
	start int
}

// written is the number of postings written.
func (w *groupWriter) written() int { return len(w.docs) - w.start }

// copied writes a posting of doc whose ",q,l" in the terms file and
// positions in the positions file are copied from an entry.
func (w *groupWriter) copied(doc int, ql, pos []byte) {
	w.delta(doc)
	w.t = append(w.t, ql...)
	w.p = append(w.p, pos...)
}

// posting writes a posting read from the index.
func (w *groupWriter) posting(p search.ExportPosting) {
	w.delta(p.Doc)
	w.t = append(w.t, ',')
	w.t = strconv.AppendInt(w.t, int64(p.Freq), 10)
	w.t = append(w.t, ',')
	w.t = strconv.AppendInt(w.t, int64(p.Len), 10)
	last := 0
	for i, x := range p.Pos {
		if i > 0 {
			w.p = append(w.p, ',')
		}
		w.p = strconv.AppendInt(w.p, int64(x-last), 10)
		last = x
	}
}

// delta writes the document number of the next posting, doc, as the
// difference from the last (the first absolute), and the commas before
// it and before its positions.
func (w *groupWriter) delta(doc int) {
	prev := 0
	if n := len(w.docs); n > w.start {
		prev = int(w.docs[n-1])
		w.t = append(w.t, ',')
		w.p = append(w.p, ',')
	}
	w.t = strconv.AppendInt(w.t, int64(doc-prev), 10)
	w.docs = append(w.docs, int32(doc))
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
