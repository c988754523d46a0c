package webindex

import (
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
		{"removed", func() { delete(fsys, paths[20]) }, false},
		{"added", func() {
			fsys["reviews/2026-01-02-a-new-review.md"] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(string(fsys[paths[30]].Data), paths[30][len("reviews/"):len("reviews/")+10], "2026-01-02"))}
		}, false},
		{"after the added", edit(b, "\n## ", "\nYet another line.\n\n## "), true},
		{"cache damaged", func() {
			if err := os.WriteFile(cache, []byte("not a cache"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"after the damage", edit(a, "\n## ", "\nOne more.\n\n## "), true},
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
		got := map[string][]byte{}
		st, err := WriteCached(got, ix, repo.Reviews, cache)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		want := map[string][]byte{}
		full, err := Write(want, ix, repo.Reviews)
		ix.Close()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: kept %d of %d terms", step.name, st.Kept, st.Terms)
		if st.Docs != len(repo.Reviews) || st.Terms != full.Terms || st.Files != full.Files || st.Bytes != full.Bytes {
			t.Errorf("%s: stats %+v, a full export's %+v", step.name, st, full)
		}
		if step.kept != (st.Kept > 0) || (step.kept && st.Kept == st.Terms && step.name != "nothing changed") {
			t.Errorf("%s: kept %d of %d terms", step.name, st.Kept, st.Terms)
		}
		// A term of most reviews is read for the changed ones only.
		if spliced := st.Spliced > 0; spliced != (step.kept && step.name != "nothing changed") {
			t.Errorf("%s: %d terms spliced", step.name, st.Spliced)
		}
		for _, name := range slices.Sorted(maps.Keys(want)) {
			if string(got[name]) != string(want[name]) {
				t.Errorf("%s: %s differs from a full export's", step.name, name)
			}
		}
		for name := range got {
			if _, ok := want[name]; !ok {
				t.Errorf("%s: %s is not in a full export", step.name, name)
			}
		}
	}
}

// FuzzCache decodes damaged cache files: never a panic, and a file that
// decodes is one that encodes to the same bytes.
func FuzzCache(f *testing.F) {
	ids := []string{"2026-01-02-a", "2025-12-01-b"}
	c := &exportCache{Key: cacheKey(), IDs: ids, Sums: [][16]byte{{1}, {2}}, Terms: []*termEntry{
		{Term: "redis", T: []byte(`"redis":[0,[0,1,3]]`), P: []byte(`"redis":[0,[2]]`), Fields: []int32{0}, DF: []int32{1}, Docs: []int32{0}},
		{Term: "超时", T: []byte(`"超时":[1,[1,2,9]]`), P: []byte(`"超时":[1,[4,1]]`), Fields: []int32{1}, DF: []int32{1}, Docs: []int32{1}},
	}}
	good := c.encode()
	f.Add(good)
	for _, n := range []int{0, 10, len(good) / 2, len(good) - 1} {
		f.Add(good[:n])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, ok := decodeCache(data, ids)
		if !ok {
			return
		}
		if again := got.encode(); string(again) != string(data) {
			t.Errorf("decoded and encoded again:\n%q\nwas\n%q", again, data)
		}
	})
}

// TestCacheTruncated checks that a cache cut short anywhere is no cache.
func TestCacheTruncated(t *testing.T) {
	ids := []string{"2026-01-02-a"}
	c := &exportCache{Key: cacheKey(), IDs: ids, Sums: [][16]byte{{7}}, Terms: []*termEntry{
		{Term: "redis", T: []byte(`"redis":[0,[0,1,3]]`), P: []byte(`"redis":[0,[2]]`), Fields: []int32{0}, DF: []int32{1}, Docs: []int32{0}},
	}}
	data := c.encode()
	for n := range len(data) {
		if _, ok := decodeCache(data[:n], ids); ok {
			t.Errorf("cut at %d of %d bytes: decoded", n, len(data))
		}
	}
	got, ok := decodeCache(data, ids)
	if !ok || len(got.Terms) != 1 || string(got.Terms[0].T) != string(c.Terms[0].T) || got.Sums[0] != c.Sums[0] {
		t.Errorf("whole: %v %+v", ok, got)
	}
	if _, ok := decodeCache(data, []string{"2026-01-02-b"}); ok {
		t.Error("decoded for other reviews")
	}
}

// TestDecodeEntry: an entry read back is the postings it was made of;
// bytes that are not an entry's are not read.
func TestDecodeEntry(t *testing.T) {
	fps := []fieldPostings{
		{0, []search.ExportPosting{{Doc: 0, Freq: 2, Len: 7, Pos: []int{1, 5}}, {Doc: 3, Freq: 1, Len: 12, Pos: []int{0}}}},
		{2, []search.ExportPosting{{Doc: 3, Freq: 3, Len: 40, Pos: []int{2, 9, 30}}}},
	}
	e := entry(`say "超时"`, fps)
	got, ok := decodeEntry(e)
	if !ok {
		t.Fatalf("%s / %s: not read back", e.T, e.P)
	}
	for _, fp := range fps {
		if diff := cmp.Diff(fp.list, got[fp.field]); diff != "" {
			t.Errorf("field %d (-want +got):\n%s", fp.field, diff)
		}
	}
	for _, bad := range []*termEntry{
		{Term: e.Term, T: e.T[:len(e.T)-1], P: e.P, Fields: e.Fields, DF: e.DF},
		{Term: e.Term, T: e.T, P: []byte(`"x":[0,[1]]`), Fields: e.Fields, DF: e.DF},
		{Term: "other", T: e.T, P: e.P, Fields: e.Fields, DF: e.DF},
		{Term: e.Term, T: e.T, P: e.P, Fields: e.Fields, DF: []int32{1, 1}},
	} {
		if _, ok := decodeEntry(bad); ok {
			t.Errorf("%s / %s read as an entry", bad.T, bad.P)
		}
	}
}
