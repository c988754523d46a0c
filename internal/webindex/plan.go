package webindex

import (
	"runtime"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/fupan/fupan/internal/search"
)

// exportShards returns the shards of the export ex, in byte order of
// their terms, and the dictionary they were cut from. From prev, the cache of the last export (nil for none),
// it keeps whole, without reading them, the shards that are clean (see
// clean), as long as the cuts fall where they fell; of the others it
// reads the records and from the index the terms that changed. The
// shards it makes are made on every core, with the sums of their
// records when sum is set (for a cache).
func exportShards(ex *search.Export, prev *exportCache, changed map[int32]bool, sum bool, st *Stats) ([]*shard, []dictTerm, error) {
	dict, err := dictionary(ex)
	if err != nil {
		return nil, nil, err
	}
	// owner[i] is the shard of prev whose range holds term i; start[j]
	// the first term in shard j's range.
	var owner, start []int
	var isClean []bool
	if prev != nil {
		owner, start, isClean = clean(prev, dict, changed)
	}
	entries := make([]*termEntry, len(dict))
	old := map[string]*termEntry{}
	var todo []int
	if prev == nil {
		old = nil
		todo = make([]int, len(dict))
		for i := range todo {
			todo[i] = i
		}
	} else {
		var dirty []int
		for j, ok := range isClean {
			if !ok {
				dirty = append(dirty, j)
			}
		}
		if err := loadRecords(prev, dirty, old); err != nil {
			return nil, nil, err
		}
		for i := range dict {
			if !isClean[owner[i]] {
				todo = append(todo, i)
			}
		}
	}
	st.Kept, st.Spliced, err = readTerms(ex, dict, todo, entries, old, changed)
	if err != nil {
		return nil, nil, err
	}

	// Cut the terms into shards, keeping whole a clean shard that begins
	// a shard, until a term that it did not hold joins it.
	var out []*shard
	var cur []*termEntry
	var kept *shardHead // the shard in progress is this one of prev
	size := 0
	flush := func() {
		switch {
		case kept != nil:
			out = append(out, &shard{head: kept})
		case len(cur) > 0:
			out = append(out, &shard{entries: cur}) // made below
		}
		cur, kept, size = nil, nil, 0
	}
	fill := func(j int) error { // the entries of the clean shard j, from its record
		es, err := prev.record(prev.Shards[j])
		if err != nil {
			return err
		}
		copy(entries[start[j]:], es)
		return nil
	}
	for i := 0; i < len(dict); {
		if prev != nil && isClean[owner[i]] && entries[i] == nil {
			j := owner[i]
			if h := prev.Shards[j]; h.First == dict[i].term && (size == 0 || cutBefore(size, h.First, h.FirstSize)) {
				flush()
				kept, size = h, h.Size
				i += h.Terms
				continue
			}
			if err := fill(j); err != nil {
				return nil, nil, err
			}
		}
		e := entries[i]
		i++
		if e == nil {
			continue // a term of no document (deleted ones) is no shard's
		}
		if size > 0 && cutBefore(size, e.Term, e.tLen()) {
			flush()
		}
		if kept != nil {
			// The kept shard goes on: made again, with the terms it held.
			es, err := prev.record(kept)
			if err != nil {
				return nil, nil, err
			}
			cur, kept = es, nil
		}
		cur = append(cur, e)
		size += e.tLen() + 1
	}
	flush()
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, s := range out {
		if s.head == nil {
			g.Go(func() error {
				*s = *makeShard(s.entries, len(ex.Docs))
				if sum {
					s.sumRecord()
				}
				return nil
			})
		}
	}
	g.Wait()
	for j, ok := range isClean {
		if ok {
			st.Kept += prev.Shards[j].Terms
		}
	}
	return out, dict, nil
}

// clean says which shards of prev the export may keep whole: those that
// no changed document holds a term of, and whose range of terms in dict
// is the terms they hold, each with the fields and counts (the postings)
// they have of it. It returns the shard of prev whose range holds each
// term of dict, and the first term of each shard's range (len(dict) for
// none).
func clean(prev *exportCache, dict []dictTerm, changed map[int32]bool) (owner, start []int, ok []bool) {
	n := len(prev.Shards)
	sums := make([]*dictSum, n)
	counts := make([]int, n)
	owner, start, ok = make([]int, len(dict)), make([]int, n), make([]bool, n)
	for j := range start {
		start[j] = len(dict)
	}
	j := 0
	for i, d := range dict {
		for j+1 < n && prev.Shards[j+1].First <= d.term {
			j++
		}
		if sums[j] == nil {
			sums[j] = newDictSum()
			start[j] = i
		}
		owner[i] = j
		sums[j].add(d.term, d.fields, d.counts)
		counts[j]++
	}
	for j, h := range prev.Shards {
		ok[j] = sums[j] != nil && counts[j] == h.Terms && sums[j].sum() == h.Dict
		for d := range changed {
			if h.holds(d) {
				ok[j] = false
				break
			}
		}
	}
	return owner, start, ok
}

// loadRecords adds to old, by term, the entries of the shards of prev
// numbered in shards, read on every core.
func loadRecords(prev *exportCache, shards []int, old map[string]*termEntry) error {
	var mu sync.Mutex
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, j := range shards {
		g.Go(func() error {
			es, err := prev.record(prev.Shards[j])
			if err != nil {
				return err
			}
			mu.Lock()
			for _, e := range es {
				old[e.Term] = e
			}
			mu.Unlock()
			return nil
		})
	}
	return g.Wait()
}
