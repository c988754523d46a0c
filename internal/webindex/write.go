package webindex

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
)

// Version is the version of the file format, "v" in entry.json and meta.
const Version = 1

// Dir is where the files go, from the site root.
const Dir = "search/index/"

// ShardBytes is the size a terms shard is cut at, before gzip.
const ShardBytes = 16 << 10

// DocsPerFragment is the number of documents per metadata fragment. One:
// the hits of a query are spread over the years, so fragments of several
// reviews would mostly bring reviews that are not shown.
const DocsPerFragment = 1

// Stats says what Write wrote.
type Stats struct {
	Docs, Terms, Shards, Files int
	Bytes                      int // all files, before compression
}

// A posting is one document of a term in a field.
type posting struct {
	doc, freq, length int
	pos               []int
}

// Write exports the index ix of the reviews into files (paths from the
// site root, as site.Files holds them), under Dir. Reviews that the index
// does not hold, and documents of the index that are not among reviews,
// are left out.
func Write(files map[string][]byte, ix *search.Index, reviews []*review.Review) (Stats, error) {
	st, err := write(files, ix, reviews)
	if err != nil {
		return st, fmt.Errorf("export the search index: %w", err)
	}
	return st, nil
}

func write(files map[string][]byte, ix *search.Index, reviews []*review.Review) (Stats, error) {
	var st Stats
	adv, err := ix.Bleve().Advanced()
	if err != nil {
		return st, err
	}
	r, err := adv.Reader()
	if err != nil {
		return st, err
	}
	defer r.Close()

	// Number the documents: date descending, id ascending.
	docs := slices.Clone(reviews)
	slices.SortFunc(docs, func(a, b *review.Review) int {
		return cmp.Or(-cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID))
	})
	num := map[string]int{} // internal id → number
	kept := docs[:0]
	for _, rv := range docs {
		iid, err := r.InternalID(rv.ID)
		if err != nil || iid == nil {
			continue
		}
		if _, dup := num[string(iid)]; dup {
			continue
		}
		num[string(iid)] = len(kept)
		kept = append(kept, rv)
	}
	docs = kept
	n := len(docs)
	st.Docs = n

	out := map[string][]byte{}
	put := func(prefix string, data []byte) string {
		name := prefix + "." + hash(data) + ".json"
		out[name] = data
		return name
	}
	// putDir puts numbered files in a folder named for their content.
	putDir := func(prefix string, names []string, data [][]byte) string {
		h := sha256.New()
		for i, d := range data {
			fmt.Fprintf(h, "%s %d\n", names[i], len(d))
			h.Write(d)
		}
		dir := prefix + "." + hex.EncodeToString(h.Sum(nil)[:6]) + "/"
		for i, d := range data {
			out[dir+names[i]] = d
		}
		return dir
	}

	// Postings of every field, by term.
	type fieldPostings struct {
		field int
		list  []posting
	}
	terms := map[string][]fieldPostings{}
	type fieldMeta struct {
		name  string
		boost float64
		avg   float64
	}
	var fields []fieldMeta
	ctx := context.Background()
	for fi, f := range search.Fields {
		avg := 0.0
		if br, ok := r.(index.BM25Reader); ok && n > 0 {
			c, err := br.FieldCardinality(f.Name)
			if err != nil {
				return st, err
			}
			avg = math.Ceil(float64(c) / float64(n))
		}
		fields = append(fields, fieldMeta{f.Name, f.Boost, avg})
		dict, err := r.FieldDict(f.Name)
		if err != nil {
			return st, err
		}
		var names []string
		for e, err := dict.Next(); e != nil || err != nil; e, err = dict.Next() {
			if err != nil {
				dict.Close()
				return st, err
			}
			names = append(names, e.Term)
		}
		dict.Close()
		for _, term := range names {
			list, err := postings(ctx, r, f.Name, term, num)
			if err != nil {
				return st, err
			}
			if len(list) > 0 {
				terms[term] = append(terms[term], fieldPostings{fi, list})
			}
		}
	}

	// Shards of the sorted dictionary.
	sorted := make([]string, 0, len(terms))
	for t := range terms {
		sorted = append(sorted, t)
	}
	slices.Sort(sorted)
	st.Terms = len(sorted)
	var firsts, shardNames []string
	var shardData [][]byte
	var tb, pb bytes.Buffer
	first := ""
	flush := func(next string) {
		if tb.Len() == 0 {
			return
		}
		tb.WriteString("}")
		pb.WriteString("}")
		i := strconv.Itoa(len(firsts))
		firsts = append(firsts, first)
		shardNames = append(shardNames, i+".t.json", i+".p.json")
		shardData = append(shardData, bytes.Clone(tb.Bytes()), bytes.Clone(pb.Bytes()))
		tb.Reset()
		pb.Reset()
		first = next
	}
	for _, t := range sorted {
		if tb.Len() >= ShardBytes {
			flush(t)
		}
		key, _ := json.Marshal(t)
		if tb.Len() == 0 {
			tb.WriteString("{")
			pb.WriteString("{")
		} else {
			tb.WriteString(",")
			pb.WriteString(",")
		}
		tb.Write(key)
		tb.WriteString(":[")
		pb.Write(key)
		pb.WriteString(":[")
		for i, fp := range terms[t] {
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
				if j > 0 {
					tb.WriteString(",")
				}
				fmt.Fprintf(&tb, "%d,%d,%d", p.doc-prev, p.freq, p.length)
				prev = p.doc
				last := 0
				for _, x := range p.pos {
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
	}
	flush("")
	st.Shards = len(firsts)
	shardDir := putDir("s", shardNames, shardData)

	// Metadata fragments.
	var fragNames []string
	var fragData [][]byte
	for k := 0; k < n; k += DocsPerFragment {
		var rows []any
		for _, rv := range docs[k:min(n, k+DocsPerFragment)] {
			rows = append(rows, []any{rv.ID, rv.Title, rv.Date, rv.Severity, nonNil(rv.Services), nonNil(rv.Exceptions()), rv.Summary})
		}
		data, err := json.Marshal(rows)
		if err != nil {
			return st, err
		}
		fragNames = append(fragNames, strconv.Itoa(k/DocsPerFragment)+".json")
		fragData = append(fragData, data)
	}
	docDir := putDir("d", fragNames, fragData)

	// Filters.
	fdata := filters(docs)
	data, err := json.Marshal(fdata)
	if err != nil {
		return st, err
	}
	filterFile := put("f", data)
	values := map[string][]string{}
	for _, key := range []string{"severity", "service", "exception"} {
		for v := range fdata[key].(map[string][]int) {
			values[key] = append(values[key], v)
		}
		slices.Sort(values[key])
	}
	for _, rv := range docs {
		if y := rv.Date[:min(4, len(rv.Date))]; !slices.Contains(values["year"], y) {
			values["year"] = append(values["year"], y)
		}
	}

	fieldRows := make([][]any, len(fields))
	for i, f := range fields {
		fieldRows[i] = []any{f.name, f.boost, f.avg}
	}
	meta, err := json.Marshal(map[string]any{
		"v": Version, "n": n, "fields": fieldRows,
		"shards":  map[string]any{"dir": shardDir, "first": nonNil(firsts)},
		"docs":    map[string]any{"dir": docDir, "per": DocsPerFragment},
		"filters": filterFile, "values": values,
	})
	if err != nil {
		return st, err
	}
	metaFile := put("meta", meta)
	entry, _ := json.Marshal(map[string]any{"v": Version, "meta": metaFile})
	out["entry.json"] = entry

	for name, data := range out {
		files[Dir+name] = data
		st.Bytes += len(data)
	}
	st.Files = len(out)
	return st, nil
}

// postings reads the postings of term in field, numbered by num, sorted
// by number.
func postings(ctx context.Context, r index.IndexReader, field, term string, num map[string]int) ([]posting, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, true, true, true)
	if err != nil {
		return nil, err
	}
	defer tfr.Close()
	var list []posting
	for {
		d, err := tfr.Next(nil)
		if err != nil {
			return nil, err
		}
		if d == nil {
			break
		}
		doc, ok := num[string(d.ID)]
		if !ok {
			continue
		}
		length := int(math.Round(1 / (d.Norm * d.Norm)))
		if norm(length) != d.Norm {
			return nil, fmt.Errorf("%s:%s: norm %v is not that of a length (%d gives %v)", field, term, d.Norm, length, norm(length))
		}
		p := posting{doc: doc, freq: int(d.Freq), length: length}
		for _, v := range d.Vectors {
			p.pos = append(p.pos, int(v.Pos))
		}
		slices.Sort(p.pos)
		if len(p.pos) != p.freq {
			return nil, fmt.Errorf("%s:%s: %d positions for a frequency of %d", field, term, len(p.pos), p.freq)
		}
		list = append(list, p)
	}
	slices.SortFunc(list, func(a, b posting) int { return cmp.Compare(a.doc, b.doc) })
	return list, nil
}

// hash is the content hash of a file name: 12 hex digits of its SHA-256.
func hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:6])
}

// norm is the field norm bleve (zap) keeps for a field of length tokens.
func norm(length int) float64 {
	return float64(float32(1 / math.Sqrt(float64(length))))
}

// filters returns the content of the filter file.
func filters(docs []*review.Review) map[string]any {
	lists := map[string]map[string][]int{}
	add := func(key, value string, doc int) {
		if value == "" {
			return
		}
		value = strings.ToLower(value)
		m := lists[key]
		if m == nil {
			m = map[string][]int{}
			lists[key] = m
		}
		if l := m[value]; len(l) > 0 && l[len(l)-1] == doc {
			return
		}
		m[value] = append(m[value], doc)
	}
	var dates [][2]any
	for i, rv := range docs {
		add("severity", rv.Severity, i)
		add("status", string(rv.Status), i)
		for _, s := range rv.Services {
			add("service", s, i)
		}
		for _, s := range rv.Tags {
			add("tag", s, i)
		}
		for _, s := range rv.Exceptions() {
			add("exception", s, i)
		}
		if k := len(dates) - 1; k >= 0 && dates[k][0] == rv.Date {
			dates[k][1] = dates[k][1].(int) + 1
		} else {
			dates = append(dates, [2]any{rv.Date, 1})
		}
	}
	out := map[string]any{"dates": nonNil(dates)}
	for _, key := range []string{"severity", "status", "service", "tag", "exception"} {
		enc := map[string][]int{}
		for v, l := range lists[key] {
			d := make([]int, len(l))
			prev := 0
			for i, x := range l {
				d[i] = x - prev
				prev = x
			}
			enc[v] = d
		}
		out[key] = enc
	}
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
