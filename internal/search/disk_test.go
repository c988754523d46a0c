package search

import (
	"context"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofrs/flock"
	"github.com/google/go-cmp/cmp"

	"github.com/fupan/fupan/internal/gen"
)

// notes collects the notes of an Open.
type notes struct {
	mu   sync.Mutex
	list []string
}

func (n *notes) add(s string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.list = append(n.list, s)
}

func (n *notes) all() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return slices.Clone(n.list)
}

// queries are searched to compare two indexes.
var queries = []string{"ConnectTimeout", "redis", "KeyError", "panic", "超时"}

// sameHits reports whether ix finds what an index in memory of fsys finds.
func sameHits(t *testing.T, ix *Index, fsys fs.FS) {
	t.Helper()
	mem, err := Open(t.Context(), fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	want, _ := mem.bi.DocCount()
	if n, err := ix.bi.DocCount(); err != nil || n != want {
		t.Errorf("the index holds %d reviews (%v), want %d", n, err, want)
	}
	for _, q := range queries {
		got, err := ix.Search(t.Context(), q, 20)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		want, err := mem.Search(t.Context(), q, 20)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(ids(want), ids(got)); diff != "" {
			t.Errorf("Search(%q) (-in memory +on disk):\n%s", q, diff)
		}
	}
}

// A damage is done to a state folder.
type damage struct {
	name string
	do   func(t *testing.T, state string)
	note string // what the note of the next Open says
}

// damages are the ways a state folder is found damaged: cut short,
// emptied, written over, missing, of another version. A damage "in
// place" keeps the size and modification time of the file, as bit rot
// would, so that only what Open does after it has checked the files sees
// it.
var damages = []damage{
	{"bolt file cut to 8 KiB", func(t *testing.T, s string) { truncate(t, bolt(s), 8<<10) }, "damaged (store/root.bolt has 8192 bytes"},
	{"bolt file cut mid-page", func(t *testing.T, s string) { truncate(t, bolt(s), 40000) }, "damaged (store/root.bolt has 40000 bytes"},
	{"bolt file emptied", func(t *testing.T, s string) { truncate(t, bolt(s), 0) }, "damaged (store/root.bolt has 0 bytes"},
	{"bolt file of random bytes", func(t *testing.T, s string) { scribble(t, bolt(s), 0, -1, false) }, "damaged (store/root.bolt was written"},
	{"bolt file of random bytes in place", func(t *testing.T, s string) { scribble(t, bolt(s), 0, -1, true) }, "damaged (invalid database"},
	{"bolt pages written over in place", func(t *testing.T, s string) { scribble(t, bolt(s), 8<<10, -1, true) }, "damaged (the storage layer failed"},
	{"segment missing", func(t *testing.T, s string) { remove(t, segment(t, s)) }, "is missing"},
	{"segment cut short", func(t *testing.T, s string) { truncate(t, segment(t, s), 100) }, "damaged (store/"},
	{"segment end written over in place", func(t *testing.T, s string) { scribble(t, segment(t, s), -40, -1, true) }, "damaged ("},
	{"segment written over in place", func(t *testing.T, s string) { scribble(t, segment(t, s), 1000, 200000, true) }, "damaged ("},
	{"index metadata of random bytes in place", func(t *testing.T, s string) {
		scribble(t, filepath.Join(s, bleveDir, "index_meta.json"), 0, -1, true)
	}, "damaged ("},
	{"manifest of random bytes", func(t *testing.T, s string) { scribble(t, filepath.Join(s, manifestFile), 0, -1, false) }, "damaged (the manifest does not start with"},
	{"manifest emptied", func(t *testing.T, s string) { truncate(t, filepath.Join(s, manifestFile), 0) }, "damaged (the manifest does not start with"},
	{"manifest cut short", func(t *testing.T, s string) { truncate(t, filepath.Join(s, manifestFile), 300) }, "damaged (the manifest is cut short)"},
	{"manifest line broken", func(t *testing.T, s string) {
		write(t, filepath.Join(s, manifestFile), []byte(manifestHeader+"\nbroken line\n"))
	}, "damaged (manifest line 2"},
	{"manifest with a review the index lacks", func(t *testing.T, s string) {
		f, err := os.OpenFile(filepath.Join(s, manifestFile), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString("review\tx\treviews/x.md\tabc\t1\n"); err != nil {
			t.Fatal(err)
		}
	}, "damaged (the index holds 17 reviews, the manifest 18)"},
	{"manifest gone", func(t *testing.T, s string) { remove(t, filepath.Join(s, manifestFile)) }, "damaged (no manifest)"},
	{"manifest of an older version", func(t *testing.T, s string) {
		write(t, filepath.Join(s, manifestFile), []byte("fupan search manifest v1\n"))
	}, "of another version (v1; this fupan writes v" + strconv.Itoa(Version) + ")"},
	{"state folder a file", func(t *testing.T, s string) {
		if err := os.RemoveAll(s); err != nil {
			t.Fatal(err)
		}
		write(t, s, []byte("not a folder"))
	}, "damaged ("},
}

func bolt(state string) string { return filepath.Join(state, bleveDir, "store", "root.bolt") }

// segment returns the segment file of the index in state.
func segment(t *testing.T, state string) string {
	t.Helper()
	segs, _ := filepath.Glob(filepath.Join(state, bleveDir, "store", "*.zap"))
	if len(segs) != 1 {
		t.Fatalf("segments %v, want one", segs)
	}
	return segs[0]
}

func truncate(t *testing.T, name string, size int64) {
	t.Helper()
	if err := os.Truncate(name, size); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, name string) {
	t.Helper()
	if err := os.Remove(name); err != nil {
		t.Fatal(err)
	}
}

// scribble writes random bytes over name from offset from (from the end
// when negative) to to (the end when -1). With inPlace, the file keeps
// its modification time.
func scribble(t *testing.T, name string, from, to int64, inPlace bool) {
	t.Helper()
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if from < 0 {
		from += int64(len(data))
	}
	if to < 0 {
		to = int64(len(data))
	}
	r := rand.New(rand.NewPCG(1, uint64(from)))
	for i := from; i < to; i++ {
		data[i] = byte(r.Uint32())
	}
	if err := os.WriteFile(name, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if inPlace {
		if err := os.Chtimes(name, info.ModTime(), info.ModTime()); err != nil {
			t.Fatal(err)
		}
	}
}

// An index on disk that is damaged or of another version is rebuilt, with
// a note that says which, and finds what an index in memory finds: no
// panic, no fault, no empty index.
func TestOpenDamaged(t *testing.T) {
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			root := writeExamples(t)
			fsys := os.DirFS(root)
			state := filepath.Join(root, ".fupan", "search")
			ix, err := Open(t.Context(), fsys, Options{Dir: state})
			if err != nil {
				t.Fatal(err)
			}
			ix.Close()

			d.do(t, state)
			var n notes
			ix, err = Open(t.Context(), fsys, Options{Dir: state, Name: ".fupan/search", Note: n.add})
			if err != nil {
				t.Fatal(err)
			}
			if got := n.all(); len(got) != 1 || !strings.Contains(got[0], d.note) || !strings.HasSuffix(got[0], ": rebuilding it") {
				t.Errorf("notes %q, want one that says %q…: rebuilding it", got, d.note)
			} else if want := "the search index in .fupan/search is "; !strings.HasPrefix(got[0], want) {
				t.Errorf("note %q, want it to start with %q", got[0], want)
			}
			if ix.Update.Rebuilt == Kept || ix.Update.Added != 17 {
				t.Errorf("Update = %+v, want a rebuild of 17 reviews", ix.Update)
			}
			sameHits(t, ix, fsys)
			ix.Close()

			// The next Open finds nothing to do.
			n = notes{}
			ix, err = Open(t.Context(), fsys, Options{Dir: state, Note: n.add})
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if u := ix.Update; u.Rebuilt != Kept || u.Added+u.Changed+u.Deleted != 0 || len(n.all()) > 0 {
				t.Errorf("Open after the rebuild: %+v, notes %q; want nothing to do", u, n.all())
			}
		})
	}
}

// Processes that open one state folder at once, on a fresh repository
// and then on a damaged index, all find the same; one builds, the others
// wait for it (each Open takes the lock on its own file descriptor, as a
// process does).
func TestOpenConcurrent(t *testing.T) {
	root := writeExamples(t)
	fsys := os.DirFS(root)
	state := filepath.Join(root, ".fupan", "search")
	for _, round := range []string{"fresh", "damaged"} {
		if round == "damaged" {
			truncate(t, bolt(state), 8<<10)
		}
		const n = 4
		var (
			wg      sync.WaitGroup
			hits    [n][]string
			updates [n]Update
			errs    [n]error
			ns      notes
		)
		for i := range n {
			wg.Go(func() {
				ix, err := Open(t.Context(), fsys, Options{Dir: state, Note: ns.add})
				if err != nil {
					errs[i] = err
					return
				}
				defer ix.Close()
				updates[i] = ix.Update
				h, err := ix.Search(t.Context(), "ConnectTimeout", 20)
				hits[i], errs[i] = ids(h), err
			})
		}
		wg.Wait()
		rebuilt := 0
		for i := range n {
			if errs[i] != nil {
				t.Fatalf("%s: Open %d: %v", round, i, errs[i])
			}
			if updates[i].Rebuilt != Kept {
				rebuilt++
			}
			if diff := cmp.Diff(hits[0], hits[i]); diff != "" {
				t.Errorf("%s: Open %d found other hits (-first +this):\n%s", round, i, diff)
			}
		}
		if rebuilt != 1 {
			t.Errorf("%s: %d Opens rebuilt the index, want 1: %+v", round, rebuilt, updates)
		}
		damaged := 0
		for _, s := range ns.all() {
			if strings.Contains(s, "damaged") {
				damaged++
			} else if !strings.HasPrefix(s, "waiting for another fupan process to finish updating ") {
				t.Errorf("%s: note %q", round, s)
			}
		}
		if want := map[string]int{"fresh": 0, "damaged": 1}[round]; damaged != want {
			t.Errorf("%s: %d notes of damage, want %d: %q", round, damaged, want, ns.all())
		}
		if !slices.Contains(hits[0], staleDNS) {
			t.Errorf("%s: hits %v, want %s", round, hits[0], staleDNS)
		}
	}
	if left, _ := filepath.Glob(state + ".tmp-*"); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// An Open that must wait for the lock says so, once, and a cancelled
// context ends the wait.
func TestOpenWaits(t *testing.T) {
	root := writeExamples(t)
	fsys := os.DirFS(root)
	state := filepath.Join(root, ".fupan", "search")
	if err := os.MkdirAll(filepath.Dir(state), 0o755); err != nil {
		t.Fatal(err)
	}
	other := flock.New(state + ".lock") // another process, updating
	if err := other.Lock(); err != nil {
		t.Fatal(err)
	}

	var n notes
	done := make(chan error, 1)
	go func() {
		ix, err := Open(t.Context(), fsys, Options{Dir: state, Name: ".fupan/search", Note: n.add})
		if err == nil {
			ix.Close()
		}
		done <- err
	}()
	want := []string{"waiting for another fupan process to finish updating .fupan/search…"}
	for deadline := time.Now().Add(10 * time.Second); len(n.all()) == 0 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	select {
	case err := <-done:
		t.Fatalf("Open returned while the lock was held: %v", err)
	case <-time.After(5 * lockPoll):
	}
	if diff := cmp.Diff(want, n.all()); diff != "" {
		t.Errorf("notes while waiting (-want +got):\n%s", diff)
	}
	other.Unlock()
	if err := <-done; err != nil {
		t.Fatalf("Open after the lock was let go: %v", err)
	}
	if diff := cmp.Diff(want, n.all()); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}

	// Held again, and the wait cancelled.
	if err := other.Lock(); err != nil {
		t.Fatal(err)
	}
	defer other.Unlock()
	ctx, cancel := context.WithCancel(t.Context())
	go func() {
		_, err := Open(ctx, fsys, Options{Dir: state, Note: func(string) { cancel() }})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Open with its wait cancelled: %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Open did not stop waiting when its context was cancelled")
	}
}

// A state folder that cannot be written gives an index in memory, with a
// note, that finds what any index finds.
func TestOpenUnwritable(t *testing.T) {
	tests := []struct {
		name     string
		rootOnly bool // permissions do not stop root
		setup    func(t *testing.T, root, state string)
		notes    int // 0: read from the folder, without a note
	}{
		{"parent a file", false, func(t *testing.T, root, state string) {
			write(t, filepath.Dir(state), []byte("a file where .fupan should be"))
		}, 1},
		{"read-only, no index", true, func(t *testing.T, root, state string) {
			readOnly(t, filepath.Dir(state))
		}, 1},
		{"read-only, index up to date", true, func(t *testing.T, root, state string) {
			build(t, root, state)
			readOnly(t, filepath.Dir(state))
		}, 0},
		{"read-only, index out of date", true, func(t *testing.T, root, state string) {
			build(t, root, state)
			write(t, filepath.Join(root, "reviews", "2026-10-01-zanzibar.md"), []byte("---\ntitle: Zanzibar quota exhausted\ndate: 2026-10-01\nstatus: draft\nseverity: SEV3\nservices: [order-api]\nsummary: ZanzibarQuotaError.\n---\nBody.\n"))
			readOnly(t, filepath.Dir(state))
		}, 1},
		{"read-only, index damaged", true, func(t *testing.T, root, state string) {
			build(t, root, state)
			truncate(t, bolt(state), 0)
			readOnly(t, filepath.Dir(state))
		}, 2}, // damaged, and it cannot be rebuilt
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.rootOnly && os.Geteuid() == 0 {
				t.Skip("root writes to read-only folders")
			}
			root := writeExamples(t)
			fsys := os.DirFS(root)
			state := filepath.Join(root, ".fupan", "search")
			tt.setup(t, root, state)
			var n notes
			ix, err := Open(t.Context(), fsys, Options{Dir: state, Name: ".fupan/search", Note: n.add})
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			got := n.all()
			if len(got) != tt.notes {
				t.Errorf("notes %q, want %d", got, tt.notes)
			}
			switch {
			case tt.notes == 0 && ix.Update.Rebuilt != Kept:
				t.Errorf("Rebuilt = %v, want the index of the folder", ix.Update.Rebuilt)
			case tt.notes == 0:
			case !strings.HasPrefix(got[len(got)-1], "cannot use the search index in .fupan/search (") ||
				!strings.HasSuffix(got[len(got)-1], "): using one in memory this time"):
				t.Errorf("notes %q, want the last to say it uses an index in memory", got)
			case ix.Update.Rebuilt != MemoryFallback || ix.Update.Why == "":
				t.Errorf("Update = %+v, want in memory, with why", ix.Update)
			}
			sameHits(t, ix, fsys)
		})
	}
}

// build builds the index of root in state.
func build(t *testing.T, root, state string) {
	t.Helper()
	ix, err := Open(t.Context(), os.DirFS(root), Options{Dir: state})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
}

// readOnly makes the folder dir and what it holds read-only until the
// test ends.
func readOnly(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var dirs []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			dirs = append(dirs, p)
		}
		return err
	})
	for _, d := range dirs {
		if err := os.Chmod(d, 0o555); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		for _, d := range dirs {
			os.Chmod(d, 0o755)
		}
	})
}

// A rebuild of more reviews than ten batches (more segments than bleve
// merges in one task by default) merges its segments into one and
// leaves no other segment behind: scorch removes the ones a merge
// replaced only in the background, and keeps those of the snapshot before
// the newest.
func TestRebuildLeavesOneSegment(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 1,050 reviews")
	}
	fsys := gen.MapFS(gen.Options{N: 10*diskBatchSize + 50, Seed: 2})
	state := filepath.Join(t.TempDir(), "search")
	for range 2 { // a rebuild, and one over the first
		ix, err := Open(t.Context(), fsys, Options{Dir: state})
		if err != nil {
			t.Fatal(err)
		}
		ix.Close()
		m, err := readManifest(filepath.Join(state, manifestFile))
		if err != nil {
			t.Fatal(err)
		}
		files, err := indexFiles(filepath.Join(state, bleveDir))
		if err != nil {
			t.Fatal(err)
		}
		segs, _ := filepath.Glob(filepath.Join(state, bleveDir, "store", "*.zap"))
		if len(segs) != 1 || len(files) != len(m.files) {
			t.Errorf("segments %v; files %v, manifest %v: want one segment, as the manifest says", segs, files, m.files)
		}
		truncate(t, bolt(state), 0)
	}
}

// removeReplaced removes a segment file the index does not refer to, and
// keeps those it does.
func TestRemoveReplaced(t *testing.T) {
	root := writeExamples(t)
	fsys := os.DirFS(root)
	state := filepath.Join(root, ".fupan", "search")
	build(t, root, state)
	live := segment(t, state)
	data, err := os.ReadFile(live)
	if err != nil {
		t.Fatal(err)
	}
	replaced := filepath.Join(filepath.Dir(live), "0000000000ff.zap")
	write(t, replaced, data)

	removeReplaced(filepath.Join(state, bleveDir))
	if _, err := os.Stat(replaced); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a segment the index does not refer to is still there (%v)", err)
	}
	if got := segment(t, state); got != live {
		t.Errorf("segment %s, want %s", got, live)
	}
	ix, err := Open(t.Context(), fsys, Options{Dir: state})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Update.Rebuilt != Kept {
		t.Errorf("Rebuilt = %v, want the index as it was", ix.Update.Rebuilt)
	}
	sameHits(t, ix, fsys)
}
