package review

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// copyExamples writes the example reviews into a new folder.
func copyExamples(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src, err := filepath.Glob("../../reviews/*.md")
	if err != nil || len(src) == 0 {
		t.Fatalf("no example reviews: %v", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, Dir), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range src {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, Dir, filepath.Base(p)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// countingFS counts the files opened for reading.
type countingFS struct {
	fs.FS
	opened atomic.Int64
}

func (c *countingFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err == nil {
		if st, err := f.Stat(); err == nil && !st.IsDir() {
			c.opened.Add(1)
		}
	}
	return f, err
}

func (c *countingFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(c.FS, name) }

// TestSnapshot loads a repository again after each kind of change: the
// repository is that of review.Load, the update names what changed, and
// the reviews that did not change are the same pointers, not read again.
func TestSnapshot(t *testing.T) {
	dir := copyExamples(t)
	fsys := &countingFS{FS: os.DirFS(dir)}
	snap := NewSnapshot(fsys)
	opt := Options{Now: now}
	const edited = "reviews/2025-03-18-profile-cache-redis-timeout.md"
	const target = "reviews/2026-08-18-invoice-charge-readtimeout-not-retried.md" // named in another's related
	file := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	write := func(p, data string) {
		if err := os.WriteFile(file(p), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(p string) string {
		b, err := os.ReadFile(file(p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	later := time.Now().Add(time.Hour)

	var prev *Repo
	for _, step := range []struct {
		name   string
		change func()
		want   Update
		read   int64 // review files read, at most
	}{
		{"first", func() {}, Update{Config: true}, 100},
		{"nothing", func() {}, Update{}, 0},
		{"touched", func() { os.Chtimes(file(edited), later, later) }, Update{}, 1},
		{"edited", func() {
			write(edited, strings.Replace(read(edited), "title: ", "title: Edited: ", 1))
		}, Update{Changes: Changes{Changed: []string{edited}}}, 1},
		{"added", func() {
			write("reviews/2026-11-01-copy.md", strings.Replace(read(edited), "date: 2025-03-18", "date: 2026-11-01", 1))
		}, Update{Changes: Changes{Added: []string{"reviews/2026-11-01-copy.md"}}}, 1},
		{"removed, breaking a related", func() {
			os.Remove(file(target))
		}, Update{Changes: Changes{Removed: []string{target}}}, 0},
		{"config", func() { write(ConfigFile, "severities: [SEV1, SEV2, SEV3]\n") }, Update{Config: true}, 100},
	} {
		t.Run(step.name, func(t *testing.T) {
			step.change()
			fsys.opened.Store(0)
			got, u, err := snap.Load(opt)
			if err != nil {
				t.Fatal(err)
			}
			if step.name == "first" {
				step.want.Added = u.Added // every review
				if len(u.Added) != 17 {
					t.Errorf("first Load added %d reviews, want 17", len(u.Added))
				}
			}
			if diff := cmp.Diff(step.want, u); diff != "" {
				t.Errorf("update (-want +got):\n%s", diff)
			}
			if n := fsys.opened.Load(); n > step.read+1 { // +1: fupan.yaml
				t.Errorf("read %d files, want at most %d", n, step.read+1)
			}
			want, err := Load(os.DirFS(dir), opt)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(lines(want.Findings), lines(got.Findings)); diff != "" {
				t.Errorf("findings differ from Load's (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(want.Reviews, got.Reviews); diff != "" {
				t.Errorf("reviews differ from Load's (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(want.Config, got.Config); diff != "" {
				t.Errorf("config differs from Load's (-want +got):\n%s", diff)
			}
			if prev != nil && !u.Config {
				changed := slices.Concat(u.Added, u.Changed)
				for _, rv := range got.Reviews {
					i := slices.IndexFunc(prev.Reviews, func(o *Review) bool { return o.Path == rv.Path })
					if same := i >= 0 && prev.Reviews[i] == rv; same == slices.Contains(changed, rv.Path) {
						t.Errorf("%s: same pointer = %v, changed = %v", rv.Path, same, !same)
					}
				}
			}
			prev = got
		})
	}
}

// TestScanStatCache checks that a scan with a cache read back from disk
// reads no file whose size and time are unchanged, and reads one that
// changed.
func TestScanStatCache(t *testing.T) {
	dir := copyExamples(t)
	name := filepath.Join(dir, ".fupan", "stat")
	fsys := &countingFS{FS: os.DirFS(dir)}
	c, err := ReadStatCache(name)
	if err != nil {
		t.Fatal(err)
	}
	first, err := Scan(fsys, c)
	if err != nil {
		t.Fatal(err)
	}
	if n := fsys.opened.Load(); n != int64(len(first)) {
		t.Errorf("cold scan read %d files, want %d", n, len(first))
	}
	if err := c.Write(name); err != nil {
		t.Fatal(err)
	}
	c, err = ReadStatCache(name)
	if err != nil {
		t.Fatal(err)
	}
	fsys.opened.Store(0)
	again, err := Scan(fsys, c)
	if err != nil {
		t.Fatal(err)
	}
	if n := fsys.opened.Load(); n != 0 {
		t.Errorf("warm scan read %d files, want 0", n)
	}
	if diff := cmp.Diff(first, again); diff != "" {
		t.Errorf("warm scan differs (-cold +warm):\n%s", diff)
	}
	if c.dirty {
		t.Error("a scan that found nothing new marks the cache changed")
	}
	p := filepath.Join(dir, "reviews", "2025-03-18-profile-cache-redis-timeout.md")
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(p, later, later); err != nil {
		t.Fatal(err)
	}
	fsys.opened.Store(0)
	touched, err := Scan(fsys, c)
	if err != nil {
		t.Fatal(err)
	}
	if n := fsys.opened.Load(); n != 1 {
		t.Errorf("scan after a touch read %d files, want 1", n)
	}
	if c := Diff(Hashes(first), Hashes(touched)); !c.Empty() {
		t.Errorf("a touched file is a change: %+v", c)
	}
}

// TestStatCacheDamaged checks that a damaged cache is reported as such
// and gives an empty cache.
func TestStatCacheDamaged(t *testing.T) {
	for _, tc := range []struct{ name, data string }{
		{"random bytes", "\x00\xff garbage\n"},
		{"truncated line", statCacheHeader + "\nreviews/a.md\t12\n"},
		{"bad hash", statCacheHeader + "\nreviews/a.md\t12\t34\tnothex\n"},
		{"empty", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name := filepath.Join(t.TempDir(), "stat")
			if err := os.WriteFile(name, []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			c, err := ReadStatCache(name)
			if !errors.Is(err, ErrDamagedCache) {
				t.Errorf("err = %v, want ErrDamagedCache", err)
			}
			if c == nil || len(c.m) != 0 {
				t.Errorf("cache = %+v, want empty", c)
			}
		})
	}
}

func TestDiff(t *testing.T) {
	got := Diff(map[string]string{"a": "1", "b": "2", "c": "3", "e": ""}, map[string]string{"a": "1", "b": "9", "d": "4", "e": ""})
	want := Changes{Added: []string{"d"}, Changed: []string{"b", "e"}, Removed: []string{"c"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Diff (-want +got):\n%s", diff)
	}
}
