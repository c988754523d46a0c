package webindex

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// The records of the cache are kept in packs: files of records one after
// the other, each where its shard's head says (shardHead.Pack, Offset,
// Length). A save writes one pack, with the records of the shards the
// export made that no pack of the last cache holds: an edit writes one
// file, not one per shard it changed. A pack is named for the sums of
// its records, p-HEX.pack, and written whole or not at all; the head
// gives its size, and a cache whose pack is missing or of another size
// is not trusted. A record is read only when its bytes have the sum the
// head gives.
//
// A pack stays while a shard's record is in it. So that the packs do not
// grow much past the records in use, a save copies into its pack the
// records of a pack that less than half of is still in use, which the
// save then removes.

const (
	packPrefix = "p-"
	packExt    = ".pack"
	packHex    = 24 // hex digits of a pack's name
)

// isPackName reports whether name is that of a pack.
func isPackName(name string) bool {
	h, prefixed := strings.CutPrefix(name, packPrefix)
	h, suffixed := strings.CutSuffix(h, packExt)
	if !prefixed || !suffixed || len(h) != packHex {
		return false
	}
	_, err := hex.DecodeString(h)
	return err == nil
}

// writePack places the record of every shard of c: that of a shard of a
// pack of prev (kept, or made again the same) where it is, and the others
// in a new pack, written from records (a shard's entries) or copied from
// a pack of prev that is mostly unused; and sets c.packs.
func (c *exportCache) writePack(prev *exportCache, records map[*shardHead][]*termEntry) error {
	var old map[[32]byte]*shardHead // the records of prev, by sum
	if prev != nil {
		old = make(map[[32]byte]*shardHead, len(prev.Shards))
		for _, h := range prev.Shards {
			old[h.Record] = h
		}
	}
	// Where each record is: in prev's packs, or to write (at -1).
	type place struct {
		pack           string
		offset, length int
	}
	at := make([]place, len(c.Shards))
	used := map[string]int{} // the bytes of each of prev's packs in use
	for i, h := range c.Shards {
		if o := old[h.Record]; o != nil && prev.packs[o.Pack] > 0 {
			at[i] = place{o.Pack, o.Offset, o.Length}
			used[o.Pack] += o.Length
		} else if _, ok := records[h]; !ok {
			return fmt.Errorf("keep the search export in %s: the record of the shard of %q is missing", c.dir, h.First)
		}
	}
	// The shards whose records go into the new pack, in order.
	var write []int
	for i := range c.Shards {
		if p := at[i].pack; p == "" || 2*used[p] < prev.packs[p] {
			write = append(write, i)
		}
	}
	packs := map[string]int{}
	if len(write) > 0 {
		sums := sha256.New()
		for _, i := range write {
			sums.Write(c.Shards[i].Record[:])
		}
		name := packPrefix + hex.EncodeToString(sums.Sum(nil))[:packHex] + packExt
		err := writeWhole(filepath.Join(c.dir, name), func(w io.Writer) error {
			cw := &countWriter{w: w}
			for _, i := range write {
				start := cw.n
				if entries, ok := records[c.Shards[i]]; ok {
					if err := writeRecord(cw, entries); err != nil {
						return err
					}
				} else {
					data, err := prev.mapped.slice(prev.dir, at[i].pack, at[i].offset, at[i].length)
					if err != nil {
						return err
					}
					if _, err := cw.Write(data); err != nil {
						return err
					}
				}
				at[i] = place{name, start, cw.n - start}
			}
			packs[name] = cw.n
			return nil
		})
		if err != nil {
			return err
		}
	}
	for i, h := range c.Shards {
		p := at[i]
		if _, ok := packs[p.pack]; !ok {
			packs[p.pack] = prev.packs[p.pack]
		}
		h.Pack, h.Offset, h.Length = p.pack, p.offset, p.length
	}
	c.packs = packs
	return nil
}

// A countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int
}

func (cw *countWriter) Write(b []byte) (int, error) {
	n, err := cw.w.Write(b)
	cw.n += n
	return n, err
}
