package webindex

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"

	"github.com/fupan/fupan/internal/search"
)

// fieldPostings are the postings of a term in one field.
type fieldPostings struct {
	field int // an index into search.Fields
	list  []search.ExportPosting
}

// writeShards writes the term dictionary of every field, cut into shards
// of about ShardBytes in term order: N.t.json holds each term's postings
// (document delta, frequency, field length), N.p.json their positions,
// read only for phrases.
func writeShards(out outFiles, ex *search.Export, st *Stats) (shardsRef, error) {
	terms := map[string][]fieldPostings{}
	for fi := range ex.Fields {
		names, err := ex.Terms(fi)
		if err != nil {
			return shardsRef{}, err
		}
		for _, term := range names {
			list, err := ex.Postings(fi, term)
			if err != nil {
				return shardsRef{}, err
			}
			if len(list) > 0 {
				terms[term] = append(terms[term], fieldPostings{fi, list})
			}
		}
	}
	// The raised field, numbered after the text fields: the documents
	// raised for a name (frequency and length 1).
	names, err := ex.RaisedTerms()
	if err != nil {
		return shardsRef{}, err
	}
	for _, name := range names {
		docs, err := ex.Raised(name)
		if err != nil {
			return shardsRef{}, err
		}
		if len(docs) == 0 {
			continue
		}
		list := make([]search.ExportPosting, len(docs))
		for i, d := range docs {
			list[i] = search.ExportPosting{Doc: d, Freq: 1, Len: 1}
		}
		terms[name] = append(terms[name], fieldPostings{len(ex.Fields), list})
	}
	sorted := make([]string, 0, len(terms))
	for t := range terms {
		sorted = append(sorted, t)
	}
	slices.Sort(sorted)
	st.Terms = len(sorted)

	var w shardWriter
	for _, t := range sorted {
		if w.tb.Len() >= ShardBytes {
			w.flush(t)
		}
		w.add(t, terms[t])
	}
	w.flush("")
	st.Shards = len(w.firsts)
	return shardsRef{Dir: out.putDir("s", w.names, w.data), First: nonNil(w.firsts)}, nil
}

// shardWriter writes the shards one term at a time.
type shardWriter struct {
	tb, pb bytes.Buffer // the shard in progress: postings, positions
	first  string       // its first term

	firsts []string // the first term of each shard written
	names  []string
	data   [][]byte
}

// add writes a term with its postings in every field:
// "term":[field,[delta,freq,len,…],…] and "term":[field,[pos delta,…],…].
func (w *shardWriter) add(t string, fps []fieldPostings) {
	key, _ := json.Marshal(t)
	if w.tb.Len() == 0 {
		w.tb.WriteString("{")
		w.pb.WriteString("{")
	} else {
		w.tb.WriteString(",")
		w.pb.WriteString(",")
	}
	w.tb.Write(key)
	w.tb.WriteString(":[")
	w.pb.Write(key)
	w.pb.WriteString(":[")
	for i, fp := range fps {
		if i > 0 {
			w.tb.WriteString(",")
			w.pb.WriteString(",")
		}
		w.tb.WriteString(strconv.Itoa(fp.field))
		w.tb.WriteString(",[")
		w.pb.WriteString(strconv.Itoa(fp.field))
		w.pb.WriteString(",[")
		prev := 0
		pfirst := true
		for j, p := range fp.list {
			if j > 0 {
				w.tb.WriteString(",")
			}
			w.tb.WriteString(strconv.Itoa(p.Doc - prev))
			w.tb.WriteString(",")
			w.tb.WriteString(strconv.Itoa(p.Freq))
			w.tb.WriteString(",")
			w.tb.WriteString(strconv.Itoa(p.Len))
			prev = p.Doc
			last := 0
			for _, x := range p.Pos {
				if !pfirst {
					w.pb.WriteString(",")
				}
				pfirst = false
				w.pb.WriteString(strconv.Itoa(x - last))
				last = x
			}
		}
		w.tb.WriteString("]")
		w.pb.WriteString("]")
	}
	w.tb.WriteString("]")
	w.pb.WriteString("]")
}

// flush ends the shard in progress, if any; next is the next one's first
// term.
func (w *shardWriter) flush(next string) {
	if w.tb.Len() == 0 {
		return
	}
	w.tb.WriteString("}")
	w.pb.WriteString("}")
	i := strconv.Itoa(len(w.firsts))
	w.firsts = append(w.firsts, w.first)
	w.names = append(w.names, i+".t.json", i+".p.json")
	w.data = append(w.data, bytes.Clone(w.tb.Bytes()), bytes.Clone(w.pb.Bytes()))
	w.tb.Reset()
	w.pb.Reset()
	w.first = next
}
