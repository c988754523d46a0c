package webindex

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
)

// TestWriteCached changes a generated repository step by step, with its
// index kept on disk as 'fupan build' keeps it, and checks after each step
// that the export from the cache is, byte for byte, a full export's, and
// that it kept the terms no changed review holds.
func TestWriteCached(t *testing.T) {
	fsys := gen.MapFS(gen.Options{N: 200, Seed: 4, ChineseShare: 0.25})
	dir := t.TempDir()
	opt := search.Options{Dir: filepath.Join(dir, "search")}
	cache := filepath.Join(dir, "export")
	paths := slices.Sorted(maps.Keys(fsys))
	paths = slices.DeleteFunc(paths, func(p string) bool { return !strings.HasPrefix(p, "reviews/") })
	edit := func(p, old, new string) func() {
		return func() {
			data := string(fsys[p].Data)
			if !strings.Contains(data, old) {
				t.Fatalf("%s has no %q", p, old)
			}
			fsys[p] = &fstest.MapFile{Data: []byte(strings.Replace(data, old, new, 1))}
		}
	}
	a, b := paths[10], paths[len(paths)/2]
	var many strings.Builder // enough new terms to cut shards of their own
	for i := range 3000 {
		fmt.Fprintf(&many, "zzmany%04d ", i)
	}
	damage := func(match string, f func([]byte) []byte) func() {
		return func() {
			files, _ := filepath.Glob(filepath.Join(cache, match))
			if len(files) == 0 {
				t.Fatalf("no %s in the cache", match)
			}
			for _, file := range files {
				data, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, f(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	steps := []struct {
		name string
		do   func()
		kept bool // whether terms are kept from the cache
	}{
		{"first", func() {}, false},
		{"nothing changed", func() {}, true},
		{"body", edit(a, "\n## ", "\nA sentence with zzuniqueword and 独一无二的词 in it.\n\n## "), true},
		{"word dropped", edit(a, "zzuniqueword", "connection"), true},
		{"title", edit(b, "\ntitle: ", "\ntitle: Checkout failed again, "), true},
		{"exception", edit(b, "exceptions: [", "exceptions: [acme.errors.BrandNewError, "), true},
		{"exception dropped", edit(b, "acme.errors.BrandNewError, ", ""), true},
		{"two reviews", func() {
			edit(a, "\n## ", "\nAnother line.\n\n## ")()
			edit(paths[3], "\n## ", "\nrequests.exceptions.ReadTimeout again.\n\n## ")()
		}, true},
		{"terms across shards", edit(a, "\n## ", "\n"+many.String()+"\n\n## "), true},
		{"across shards undone", edit(a, many.String(), "again"), true},
		{"removed", func() { delete(fsys, paths[20]) }, false},
		{"added", func() {
			fsys["reviews/2026-01-02-a-new-review.md"] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(string(fsys[paths[30]].Data), paths[30][len("reviews/"):len("reviews/")+10], "2026-01-02"))}
		}, false},
		{"after the added", edit(b, "\n## ", "\nYet another line.\n\n## "), true},
		{"renamed", func() {
			fsys["reviews/2026-01-03-a-new-name.md"] = fsys["reviews/2026-01-02-a-new-review.md"]
			delete(fsys, "reviews/2026-01-02-a-new-review.md")
		}, false},
		{"index rebuilt", func() { os.RemoveAll(opt.Dir) }, true},
		{"edit after the rebuild", edit(b, "\n## ", "\nA line after the rebuild.\n\n## "), true},
		{"head damaged", damage(headFile, func([]byte) []byte { return []byte("not a cache") }), false},
		{"after the damage", edit(a, "\n## ", "\nOne more.\n\n## "), true},
		{"head cut short", damage(headFile, func(b []byte) []byte { return b[:len(b)-1] }), false},
		{"records damaged", func() {
			damage("*"+packExt, func(b []byte) []byte { // a byte of every record
				for i := 0; i < len(b); i += 256 {
					b[i] ^= 1
				}
				return b
			})()
			edit(a, "\n## ", "\nAnd one more.\n\n## ")()
		}, false},
		{"records cut short", func() {
			damage("*"+packExt, func(b []byte) []byte { return b[:len(b)-1] })()
			edit(a, "\n## ", "\nAnd again.\n\n## ")()
		}, false},
		{"records gone", func() {
			damage("*"+packExt, func(b []byte) []byte { return b })()
			files, _ := filepath.Glob(filepath.Join(cache, "*"+packExt))
			for _, f := range files {
				os.Remove(f)
			}
			edit(a, "\n## ", "\nOnce again.\n\n## ")()
		}, false},
		{"older version", func() {
			os.RemoveAll(cache)
			if err := os.WriteFile(cache, []byte("fupan search export cache\nan older one"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"after the older version", edit(b, "\n## ", "\nThe last line.\n\n## "), true},
	}
	for _, step := range steps {
		step.do()
		repo, err := review.Load(fsys, review.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ix, err := search.Open(t.Context(), fsys, opt)
		if err != nil {
			t.Fatal(err)
		}
		o, err := ExportCached(ix, repo.Reviews, cache)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		st := o.Stats
		want := map[string][]byte{}
		full, err := Write(want, ix, repo.Reviews)
		ix.Close()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: kept %d of %d terms, %d of %d files", step.name, st.Kept, st.Terms, len(o.Same), st.Files)
		if st.Docs != len(repo.Reviews) || st.Terms != full.Terms || st.Files != full.Files || st.Bytes != full.Bytes {
			t.Errorf("%s: stats %+v, a full export's %+v", step.name, st, full)
		}
		// No review changed, or none since the cache: a rebuilt index holds
		// each from the same file, by the same fupan.
		same := step.name == "nothing changed" || step.name == "index rebuilt"
		if step.kept != (st.Kept > 0) || (step.kept && st.Kept == st.Terms && !same) {
			t.Errorf("%s: kept %d of %d terms", step.name, st.Kept, st.Terms)
		}
		// Of an index without deleted documents (their terms count in the
		// dictionary until merged away), every shard is kept.
		if (!step.kept && len(o.Same) > 0) || (same && len(o.Same) != 2*st.Shards) {
			t.Errorf("%s: %d files kept of %d shards", step.name, len(o.Same), st.Shards)
		}
		// A term of most reviews is read for the changed ones only.
		if spliced := st.Spliced > 0; spliced != (step.kept && !same) {
			t.Errorf("%s: %d terms spliced", step.name, st.Spliced)
		}
		for _, name := range slices.Sorted(maps.Keys(want)) {
			sum := sha256.Sum256(want[name])
			if data, ok := o.Files[name]; ok {
				if string(data) != string(want[name]) {
					t.Errorf("%s: %s differs from a full export's", step.name, name)
				}
			} else if h, ok := o.Same[name]; !ok {
				t.Errorf("%s: %s is missing", step.name, name)
			} else if h != hex.EncodeToString(sum[:]) {
				t.Errorf("%s: %s kept, of another hash than a full export's", step.name, name)
			} else if data, err := o.Load(name); err != nil || string(data) != string(want[name]) {
				t.Errorf("%s: %s loaded (%v) is not a full export's", step.name, name, err)
			}
		}
		if n := len(o.Files) + len(o.Same); n != len(want) {
			t.Errorf("%s: %d files, a full export has %d", step.name, n, len(want))
		}
	}
}

// TestWriteCachedFromReviews: with an index that does not say what its
// documents were indexed from (search.FromReviews), the export from the
// cache finds the changed reviews by their search.DocSum, and is a full
// export's.
func TestWriteCachedFromReviews(t *testing.T) {
	fsys := gen.MapFS(gen.Options{N: 40, Seed: 6})
	cache := filepath.Join(t.TempDir(), "export")
	repo, err := review.Load(fsys, review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for step, title := range []string{"", "A title of the second export", "Another title"} {
		if title != "" {
			repo.Reviews[7].Title = title
		}
		ix, err := search.FromReviews(repo.Reviews)
		if err != nil {
			t.Fatal(err)
		}
		o, err := ExportCached(ix, repo.Reviews, cache)
		if err != nil {
			t.Fatal(err)
		}
		got, err := o.All()
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]byte{}
		if _, err := Write(want, ix, repo.Reviews); err != nil {
			t.Fatal(err)
		}
		ix.Close()
		if step > 0 && (o.Stats.Kept == 0 || len(o.Same) == 0) {
			t.Errorf("step %d: kept %d terms, %d files", step, o.Stats.Kept, len(o.Same))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("step %d: not a full export's (-want +got):\n%.2000s", step, diff)
		}
	}
}

// TestLoadDamaged checks that a kept file whose record was damaged since
// is not loaded.
func TestLoadDamaged(t *testing.T) {
	fsys := gen.MapFS(gen.Options{N: 40, Seed: 5})
	dir := t.TempDir()
	cache := filepath.Join(dir, "export")
	ix, err := search.Open(t.Context(), fsys, search.Options{Dir: filepath.Join(dir, "search")})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	repo, err := review.Load(fsys, review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ExportCached(ix, repo.Reviews, cache); err != nil {
		t.Fatal(err)
	}
	o, err := ExportCached(ix, repo.Reviews, cache)
	if err != nil || len(o.Same) == 0 {
		t.Fatalf("nothing kept: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(cache, "*"+packExt))
	for _, f := range files {
		if err := os.WriteFile(f, []byte("damaged"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name := range o.Same {
		if _, err := o.Load(name); !errors.Is(err, errDamaged) {
			t.Errorf("%s loaded from a damaged record: %v", name, err)
		}
	}
	if _, err := o.Load(Dir + "s/000000000000.t.json"); err == nil {
		t.Error("loaded a file the export did not keep")
	}
}

// testCache is a cache of two documents and one shard, with its record.
func testCache() (*exportCache, []byte) {
	entries := []*termEntry{
		{Term: "redis", T: []byte(`"redis":[0,[0,1,3]]`), P: []byte(`"redis":[0,[2]]`), Fields: []int32{0}, DF: []int32{1}, Docs: []int32{0}},
		{Term: "超时", T: []byte(`"超时":[1,[1,2,9]]`), P: []byte(`"超时":[1,[4,1]]`), Fields: []int32{1}, DF: []int32{1}, Docs: []int32{1}},
	}
	s := makeShard(entries, 2)
	s.sumRecord()
	record := encodeRecord(s.entries)
	pack := packPrefix + strings.Repeat("0a", packHex/2) + packExt
	s.head.Pack, s.head.Offset, s.head.Length = pack, 3, len(record)
	packs := map[string]int{pack: 3 + len(record), packPrefix + strings.Repeat("0b", packHex/2) + packExt: 7}
	return &exportCache{IDs: []string{"2026-01-02-a", "2025-12-01-b"}, Sums: [][16]byte{{1}, {2}}, Shards: []*shardHead{s.head}, packs: packs}, record
}

// encodeRecord returns the record file of entries, as writeRecord writes
// it.
func encodeRecord(entries []*termEntry) []byte {
	var b bytes.Buffer
	writeRecord(&b, entries)
	return b.Bytes()
}

// FuzzCache decodes damaged head and record files: never a panic, and a
// file that decodes is one that encodes to the same bytes.
func FuzzCache(f *testing.F) {
	c, record := testCache()
	for _, good := range [][]byte{c.encodeHead(), record} {
		f.Add(good)
		for _, n := range []int{0, 10, len(good) / 2, len(good) - 1} {
			f.Add(good[:n])
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, ok := decodeHead(data, c.IDs); ok {
			if again := got.encodeHead(); string(again) != string(data) {
				t.Errorf("head decoded and encoded again:\n%q\nwas\n%q", again, data)
			}
		}
		if got, ok := decodeRecord(data); ok {
			if again := encodeRecord(got); string(again) != string(data) {
				t.Errorf("record decoded and encoded again:\n%q\nwas\n%q", again, data)
			}
		}
	})
}

// TestCacheTruncated checks that a head cut short anywhere, or with a
// byte changed, is no head, and a record cut short no record.
func TestCacheTruncated(t *testing.T) {
	c, record := testCache()
	data := c.encodeHead()
	for n := range len(data) {
		if _, ok := decodeHead(data[:n], c.IDs); ok {
			t.Errorf("head cut at %d of %d bytes: decoded", n, len(data))
		}
		bad := slices.Clone(data)
		bad[n] ^= 0x10
		if _, ok := decodeHead(bad, c.IDs); ok {
			t.Errorf("head with byte %d changed: decoded", n)
		}
	}
	got, ok := decodeHead(data, c.IDs)
	if !ok || len(got.Shards) != 1 || got.Shards[0].Record != c.Shards[0].Record || got.Sums[1] != c.Sums[1] || !got.Shards[0].holds(1) {
		t.Errorf("whole: %v %+v", ok, got)
	}
	if _, ok := decodeHead(data, []string{"2026-01-02-a", "2025-12-01-c"}); ok {
		t.Error("decoded for other reviews")
	}
	for n := range len(record) {
		if _, ok := decodeRecord(record[:n]); ok {
			t.Errorf("record cut at %d of %d bytes: decoded", n, len(record))
		}
	}
}

// TestRecordShrinking writes the records of shards of decreasing size
// one after the other, as an export does through the same buffers: each
// is the format's bytes of its own entries (a term of many documents is
// written in pieces), with nothing of the shard before it, and its sum is
// theirs.
func TestRecordShrinking(t *testing.T) {
	many := make([]int32, 5000) // over recordBufSize as deltas
	for i := range many {
		many[i] = int32(3 * i)
	}
	shards := [][]*termEntry{
		{
			{Term: "timeout", T: []byte(strings.Repeat("t", 3000)), P: []byte(strings.Repeat("p", 9000)), Fields: []int32{0, 2}, DF: []int32{5000, 7}, Docs: many},
			{Term: "超时", T: []byte(`"超时":[1,[1,2,9]]`), P: []byte(`"超时":[1,[4,1]]`), Fields: []int32{1}, DF: []int32{1}, Docs: []int32{1}},
		},
		{{Term: "redis", T: []byte(`"redis":[0,[0,1,3]]`), P: []byte(`"redis":[0,[2]]`), Fields: []int32{0}, DF: []int32{1}, Docs: []int32{0}}},
		{{Term: "a", T: []byte(`x`), P: nil, Fields: []int32{3}, DF: []int32{1}, Docs: []int32{2}}},
	}
	for i, entries := range shards {
		got := encodeRecord(entries)
		if want := recordBytes(entries); !bytes.Equal(got, want) {
			t.Errorf("shard %d: record\n%q\nwant\n%q", i, got, want)
		}
		if sum := recordSum(entries); sum != sha256.Sum256(got) {
			t.Errorf("shard %d: sum %x, of the bytes %x", i, sum, sha256.Sum256(got))
		}
		back, ok := decodeRecord(got)
		if !ok || len(back) != len(entries) {
			t.Fatalf("shard %d: decoded %v, %d entries", i, ok, len(back))
		}
		for j, e := range back {
			if diff := cmp.Diff(entries[j], e, cmp.AllowUnexported(termEntry{})); diff != "" && !(len(e.P) == 0 && len(entries[j].P) == 0) {
				t.Errorf("shard %d, entry %d (-want +got):\n%s", i, j, diff)
			}
		}
	}
}

// recordBytes is the record file of entries, as the format says it
// (record.go), made as plainly as can be.
func recordBytes(entries []*termEntry) []byte {
	b := binary.AppendUvarint(nil, uint64(len(entries)))
	for _, e := range entries {
		b = appendString(b, e.Term)
		b = binary.AppendUvarint(b, uint64(len(e.Fields)))
		for j := range e.Fields {
			b = binary.AppendUvarint(b, uint64(e.Fields[j]))
			b = binary.AppendUvarint(b, uint64(e.DF[j]))
		}
		b = binary.AppendUvarint(b, uint64(len(e.Docs)))
		for j, d := range e.Docs {
			if j > 0 {
				d -= e.Docs[j-1]
			}
			b = binary.AppendUvarint(b, uint64(d))
		}
		b = appendString(b, string(e.T))
		b = appendString(b, string(e.P))
	}
	return b
}
