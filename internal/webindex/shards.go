package webindex

import (
	"bytes"
	"strconv"
)

// writeShards writes the terms, in byte order, cut into shards of about
// ShardBytes: N.t.json holds each term's postings (document delta,
// frequency, field length), N.p.json their positions, read only for
// phrases.
func writeShards(out outFiles, terms []*termEntry, st *Stats) shardsRef {
	st.Terms = len(terms)
	var w shardWriter
	for _, t := range terms {
		if w.tb.Len() >= ShardBytes {
			w.flush(t.Term)
		}
		w.add(t)
	}
	w.flush("")
	st.Shards = len(w.firsts)
	return shardsRef{Dir: out.putDir("s", w.names, w.data), First: nonNil(w.firsts)}
}

// shardWriter writes the shards one term at a time.
type shardWriter struct {
	tb, pb bytes.Buffer // the shard in progress: postings, positions
	first  string       // its first term

	firsts []string // the first term of each shard written
	names  []string
	data   [][]byte
}

// add writes a term's entries: "term":[field,[delta,freq,len,…],…] and
// "term":[field,[pos delta,…],…].
func (w *shardWriter) add(t *termEntry) {
	if w.tb.Len() == 0 {
		w.tb.WriteString("{")
		w.pb.WriteString("{")
	} else {
		w.tb.WriteString(",")
		w.pb.WriteString(",")
	}
	w.tb.Write(t.T)
	w.pb.Write(t.P)
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
