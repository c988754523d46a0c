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
// the fields old has and fields lacks. It is the entry entry makes of the
// same postings, nil when no posting is left; its T and P are in parts
// (see joiner): runs of old's bytes, which it reads only up to the last
// change of each field, and the postings read again with the document
// deltas that follow a change. ok is false when old's bytes are not an
// entry's, or a document that did not change lost the term.
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
	e = &termEntry{Term: old.Term, parts: &entryParts{}}
	// Room for what is not copied: the fields' heads and the postings
	// read again, and a delta after each.
	extra := 16 + 16*(len(old.Fields)+len(fields))
	var nowDocs []int32
	for _, list := range now {
		for _, p := range list {
			extra += 48 + 11*len(p.Pos)
			nowDocs = append(nowDocs, int32(p.Doc))
		}
	}
	g := groupSplicer{old: old, tr: &tr, pr: &pr, t: &e.parts.t, p: &e.parts.p, changed: changed}
	g.t.own, g.p.own = make([]byte, 0, extra), make([]byte, 0, extra)
	g.t.copy(old.T[:tr.off])
	g.p.copy(old.P[:pr.off])
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
			ni++
		}
		// The field's group, written and then taken back when it holds no
		// posting.
		tm, pm := g.t.mark(), g.p.mark()
		if len(e.Fields) > 0 {
			g.t.byte(',')
			g.p.byte(',')
		}
		g.t.int(int(f))
		g.t.string(",[")
		g.p.int(int(f))
		g.p.string(",[")
		written := 0
		if hasOld {
			if written, ok = g.group(int(old.DF[oi]), list, hasNow); !ok {
				return nil, false
			}
			oi++
		} else {
			g.start()
			for _, p := range list {
				g.posting(p)
			}
			written = g.written
		}
		if written == 0 {
			g.t.reset(tm)
			g.p.reset(pm)
			continue
		}
		g.t.byte(']')
		g.p.byte(']')
		e.Fields = append(e.Fields, f)
		e.DF = append(e.DF, int32(written))
	}
	tr.expect(']')
	pr.expect(']')
	if tr.err != nil || pr.err != nil || tr.off != len(old.T) || pr.off != len(old.P) {
		return nil, false
	}
	if len(e.Fields) == 0 {
		return nil, true
	}
	g.t.byte(']')
	g.p.byte(']')
	e.Docs = spliceDocs(old.Docs, changed, nowDocs)
	return e, true
}

// spliceDocs returns the documents of old (ascending) that did not
// change (changed is ascending), and those of now, the changed ones that
// hold the term now (in any order), ascending and each once. The runs of
// old between two changed documents are copied whole.
func spliceDocs(old []int32, changed []int, now []int32) []int32 {
	slices.Sort(now)
	now = slices.Compact(now)
	out := make([]int32, 0, len(old)+len(now))
	for _, c := range changed {
		i, found := slices.BinarySearch(old, int32(c))
		out = append(out, old[:i]...)
		old = old[i:]
		if found {
			old = old[1:]
		}
		for len(now) > 0 && now[0] <= int32(c) {
			if now[0] == int32(c) {
				out = append(out, now[0])
			}
			now = now[1:]
		}
	}
	return append(out, old...)
}

// A groupSplicer splices the postings of one field of an entry, after
// its "f,[" (see spliceEntry).
type groupSplicer struct {
	old     *termEntry
	tr, pr  *entryReader
	t, p    *joiner
	changed []int

	written int // postings written in the group
	last    int // the document of the last posting written
	// The run of old's postings copied as they are, [runT, endT) of
	// old.T and [runP, endP) of old.P; runT < 0 when none.
	runT, runP, endT, endP int
}

// start starts a group.
func (g *groupSplicer) start() { g.written, g.last, g.runT = 0, 0, -1 }

// flush writes the run of copied postings.
func (g *groupSplicer) flush() {
	if g.runT >= 0 {
		g.t.copy(g.old.T[g.runT:g.endT])
		g.p.copy(g.old.P[g.runP:g.endP])
		g.runT = -1
	}
}

// group splices a field of old that has df postings, with list, the
// postings of its changed documents now; hasNow is false when no
// document holds the term in the field now. It returns the postings
// written.
func (g *groupSplicer) group(df int, list []search.ExportPosting, hasNow bool) (written int, ok bool) {
	tr, pr := g.tr, g.pr
	g.start()
	lastChange := -1
	if len(g.changed) > 0 {
		lastChange = g.changed[len(g.changed)-1]
	}
	doc := 0
	for j := 0; j < df; j++ {
		if j > 0 {
			tr.expect(',')
		}
		doc += tr.int()
		ql := tr.off // ",q,l"
		tr.expect(',')
		q := tr.int()
		tr.expect(',')
		tr.int()
		if j > 0 {
			pr.expect(',')
		}
		ps := pr.off
		pr.skipInts(q)
		if tr.err != nil || pr.err != nil || q == 0 {
			return 0, false
		}
		for len(list) > 0 && list[0].Doc < doc {
			g.posting(list[0])
			list = list[1:]
		}
		if _, found := slices.BinarySearch(g.changed, doc); found {
			g.flush() // the run ends before it
			continue
		}
		if !hasNow {
			return 0, false // a document that did not change lost the term
		}
		if g.runT >= 0 {
			// Right after the last posting copied: its delta is the same.
			g.endT, g.endP = tr.off, pr.off
		} else {
			if g.written > 0 {
				g.t.byte(',')
				g.p.byte(',')
			}
			g.t.int(doc - g.last)
			g.runT, g.runP, g.endT, g.endP = ql, ps, tr.off, pr.off
		}
		g.last = doc
		g.written++
		if doc > lastChange && len(list) == 0 && j+1 < df {
			// Every posting after it is copied as it is.
			if !g.rest(df - j - 1) {
				return 0, false
			}
			break
		}
	}
	for _, p := range list {
		g.posting(p)
	}
	g.flush()
	tr.expect(']')
	pr.expect(']')
	if tr.err != nil || pr.err != nil {
		return 0, false
	}
	return g.written, true
}

// rest adds the n postings that follow the run to it, up to the end of
// the group, without reading them but for counting their commas.
func (g *groupSplicer) rest(n int) bool {
	tr, pr := g.tr, g.pr
	te := bytes.IndexByte(g.old.T[tr.off:], ']')
	pe := bytes.IndexByte(g.old.P[pr.off:], ']')
	// ",d,q,l" a posting.
	if te < 0 || pe < 0 || bytes.Count(g.old.T[tr.off:tr.off+te], []byte{','}) != 3*n {
		return false
	}
	tr.off += te
	pr.off += pe
	g.endT, g.endP = tr.off, pr.off
	g.written += n
	return true
}

// posting writes a posting read from the index.
func (g *groupSplicer) posting(p search.ExportPosting) {
	g.flush()
	if g.written > 0 {
		g.t.byte(',')
		g.p.byte(',')
	}
	g.t.int(p.Doc - g.last)
	g.t.byte(',')
	g.t.int(p.Freq)
	g.t.byte(',')
	g.t.int(p.Len)
	last := 0
	for i, x := range p.Pos {
		if i > 0 {
			g.p.byte(',')
		}
		g.p.int(x - last)
		last = x
	}
	g.last = p.Doc
	g.written++
}

// entryReader reads the numbers and brackets of an entry; err is set by
// the first that is not there.
type entryReader struct {
	data []byte
	off  int
	err  error
}

var errEntry = errors.New("not an entry")

// skipInts reads n numbers, a comma between two.
func (r *entryReader) skipInts(n int) {
	for k := 0; k < n && r.err == nil; k++ {
		if k > 0 {
			r.expect(',')
		}
		r.int()
	}
}

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
