package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A run that finds the index up to date writes a fresh stamp; the next
// run with the files as stamped uses the index without reading the stat
// cache; an edit, even of the same size, is found all the same.
func TestFreshStamp(t *testing.T) {
	root := writeExamples(t)
	fsys := os.DirFS(root)
	state := filepath.Join(root, ".fupan", "search")
	statCache := filepath.Join(root, ".fupan", "stat")
	var notes []string
	opt := Options{Dir: state, StatCache: statCache, Note: func(s string) { notes = append(notes, s) }}
	open := func(what string) Update {
		t.Helper()
		notes = nil
		ix, err := Open(t.Context(), fsys, opt)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		defer ix.Close()
		return ix.Update
	}
	open("first run")
	if _, ok := readStamp(opt.stampFile()); ok {
		t.Fatal("the run that built the index wrote a fresh stamp; want the next one to")
	}
	files, err := listFiles(fsys, noCache)
	if err != nil {
		t.Fatal(err)
	}
	if u := open("nothing changed"); u.Unchanged != len(files) {
		t.Fatalf("nothing changed: Update = %+v, want %d unchanged", u, len(files))
	}
	st, ok := readStamp(opt.stampFile())
	if !ok || st.n != len(files) {
		t.Fatalf("fresh stamp %+v (%v), want one of %d files", st, ok, len(files))
	}

	// The stamp says it: the stat cache, damaged, is not read.
	write(t, statCache, []byte("not a stat cache\n"))
	if u := open("stamped"); u.Unchanged != len(files) || len(notes) > 0 {
		t.Fatalf("stamped: Update = %+v, notes %q; want the index used, the stat cache unread", u, notes)
	}

	// An edit of the same size, a second later.
	name := filepath.Join(root, "reviews", profileCache+".md")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.LastIndex(string(data), "the")
	if i < 0 {
		t.Fatal("no word to replace")
	}
	copy(data[i:], "emu")
	write(t, name, data)
	later := time.Now().Add(time.Second)
	if err := os.Chtimes(name, later, later); err != nil {
		t.Fatal(err)
	}
	u := open("edited")
	if u.Changed != 1 {
		t.Fatalf("edited: Update = %+v, want one review changed", u)
	}
	ix, err := Open(t.Context(), fsys, opt)
	if err != nil {
		t.Fatal(err)
	}
	hits, err := ix.Search(t.Context(), "emu", 5)
	ix.Close()
	if err != nil || len(hits) != 1 || hits[0].ID != profileCache {
		t.Errorf("Search(emu) = %v (%v), want %s", ids(hits), err, profileCache)
	}
	if st2, ok := readStamp(opt.stampFile()); !ok || st2.stat == st.stat || st2.content == st.content {
		t.Errorf("fresh stamp after the edit %+v (%v), want another than %+v", st2, ok, st)
	}
}

// A stamp that is not whole is no stamp.
func TestReadStampDamaged(t *testing.T) {
	key := strings.Repeat("ab", 32)
	dir := t.TempDir()
	for _, tt := range []struct{ name, data string }{
		{"empty", ""},
		{"header only", stampHeader + "\n"},
		{"cut short", stampHeader + "\n" + key + "\t" + key + "\t3"},
		{"bad key", stampHeader + "\n" + key + "\tzz\t3\n"},
		{"bad count", stampHeader + "\n" + key + "\t" + key + "\t-1\n"},
		{"other header", "fupan search fresh v0\n" + key + "\t" + key + "\t3\n"},
	} {
		name := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
		write(t, name, []byte(tt.data))
		if st, ok := readStamp(name); ok {
			t.Errorf("%s: readStamp = %+v, want none", tt.name, st)
		}
	}
	name := filepath.Join(dir, "whole")
	if err := writeStamp(name, freshStamp{key, key, 3}); err != nil {
		t.Fatal(err)
	}
	if st, ok := readStamp(name); !ok || st != (freshStamp{key, key, 3}) {
		t.Errorf("readStamp of a stamp written = %+v (%v)", st, ok)
	}
}
