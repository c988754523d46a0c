package review

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fupan/fupan/internal/corpus"
)

// cacheRepo writes a repository to a new folder: the example reviews and
// their fupan.yaml, files that exercise what the cache must give back
// (related to nothing, overdue and not yet due actions, a secret, YAML
// that does not parse, no front matter), and, when the public corpus is
// there, its postmortems as drafts and a few as they are written.
func cacheRepo(t *testing.T) string {
	t.Helper()
	dir := copyExamples(t)
	write := func(p string, data []byte) {
		t.Helper()
		p = filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile("../../reviews/_fupan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	write(ConfigFile, cfg)
	valid := validReview(t)
	write("reviews/2026-02-17-related-to-nothing.md", []byte(strings.Replace(valid, "\nstatus:", "\nrelated: [2026-02-16-no-such-review, 2026-02-17-related-to-nothing]\nstatus:", 1)))
	write("reviews/sub/2026-02-18-actions-due.md", []byte(strings.Replace(valid, "\nstatus:", "\nactions:\n  - do: add a timeout to the pool\n    owner: team-platform\n    status: open\n    due: 2026-02-19\n  - do: alert on the pool\n    owner: team-platform\n    status: open\n    due: 2026-02-22\n  - {do: write it down, owner: team-platform, status: done, due: 2020-01-01}\nstatus:", 1)))
	write("reviews/2026-02-19-secret.md", []byte(strings.Replace(valid, "\nstatus:", "\nsumary: password = hunter2-Xk9wQz7LmP3v\nstatus:", 1)))
	write("reviews/2026-02-20-bad-yaml.md", []byte("---\ntitle: [unclosed\nstatus: draft\n---\nbody\n"))
	write("reviews/2026-02-21-no-front-matter.md", []byte("# Just a heading\n\nNo front matter.\n"))
	write("reviews/2026-02-22-empty-lists.md", []byte(strings.Replace(valid, "\nstatus:", "\ntags: []\nedge_inputs: {}\nstatus:", 1)))
	if cdir := corpus.Dir(); cdir != "" {
		drafts, err := corpus.Load(cdir)
		if err != nil {
			t.Fatal(err)
		}
		for p, f := range drafts {
			write(p, f.Data)
		}
		raw, _ := filepath.Glob(filepath.Join(cdir, "*.md"))
		for i, p := range raw[:min(len(raw), 5)] {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			write(fmt.Sprintf("reviews/raw/2026-03-0%d-raw.md", i+1), data)
		}
	}
	return dir
}

// sameLoad fails unless got is the repository of a Load without cache.
func sameLoad(t *testing.T, fsys fs.FS, got *Repo, opt Options) {
	t.Helper()
	opt.CacheDir = ""
	want, err := Load(fsys, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Config, want.Config) {
		t.Errorf("Config differs from a Load without cache:\n%s", cmp.Diff(want.Config, got.Config, cmpopts.IgnoreUnexported(Config{})))
	}
	if !reflect.DeepEqual(got.Reviews, want.Reviews) {
		t.Errorf("Reviews differ from a Load without cache:\n%s", cmp.Diff(want.Reviews, got.Reviews))
	}
	if !reflect.DeepEqual(got.Findings, want.Findings) {
		t.Errorf("Findings differ from a Load without cache:\n%s", cmp.Diff(lines(want.Findings), lines(got.Findings)))
	}
}

// reviewOpens counts the review files opened: a file taken from the
// caches is not.
type reviewOpens struct {
	fs.FS
	mu     sync.Mutex
	opened []string
}

func (c *reviewOpens) Open(name string) (fs.File, error) {
	if strings.HasPrefix(name, Dir+"/") && strings.HasSuffix(name, ".md") {
		c.mu.Lock()
		c.opened = append(c.opened, name)
		c.mu.Unlock()
	}
	return c.FS.Open(name)
}

func (c *reviewOpens) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(c.FS, name) }

func (c *reviewOpens) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.opened
	c.opened = nil
	slices.Sort(out)
	return out
}

// TestLoadCache loads a repository with the cache cold, warm, and after
// each kind of change: every time the Repo is that of a Load without
// cache, and only the files that changed are read.
func TestLoadCache(t *testing.T) {
	dir := cacheRepo(t)
	cache := filepath.Join(t.TempDir(), ".fupan")
	fsys := &reviewOpens{FS: os.DirFS(dir)}
	file := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	opt := Options{Now: now, CacheDir: cache}
	const edited = "reviews/2025-03-18-profile-cache-redis-timeout.md"

	for _, step := range []struct {
		name   string
		change func(t *testing.T)
		opt    Options
		read   []string // the review files read; nil for all
		// overdue is how many actions of actions-due.md are overdue.
		overdue int
	}{
		{name: "cold", opt: opt, overdue: 1},
		{name: "warm", opt: opt, read: []string{}, overdue: 1},
		{name: "days later", opt: Options{Now: now.AddDate(0, 0, 3), CacheDir: cache}, read: []string{}, overdue: 2},
		{name: "edit", change: func(t *testing.T) {
			data, err := os.ReadFile(file(edited))
			if err != nil {
				t.Fatal(err)
			}
			data = bytes.Replace(data, []byte("\nstatus:"), []byte("\nrelated: [2026-02-16-nope]\nstatus:"), 1)
			if err := os.WriteFile(file(edited), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}, opt: opt, read: []string{edited}},
		{name: "add", change: func(t *testing.T) {
			if err := os.WriteFile(file("reviews/2026-02-23-added.md"), []byte(validReview(t)), 0o644); err != nil {
				t.Fatal(err)
			}
		}, opt: opt, read: []string{"reviews/2026-02-23-added.md"}},
		{name: "delete", change: func(t *testing.T) {
			if err := os.Remove(file("reviews/2026-08-18-invoice-charge-readtimeout-not-retried.md")); err != nil {
				t.Fatal(err)
			}
		}, opt: opt, read: []string{}},
		{name: "rename", change: func(t *testing.T) {
			if err := os.Rename(file("reviews/2026-02-23-added.md"), file("reviews/sub/2026-02-16-order-api-profile-cache.md")); err != nil {
				t.Fatal(err)
			}
		}, opt: opt, read: []string{"reviews/sub/2026-02-16-order-api-profile-cache.md"}},
		{name: "fupan.yaml", change: func(t *testing.T) {
			f, err := os.OpenFile(file(ConfigFile), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := f.WriteString("lint:\n  unmeasured_summary: error\n  overdue_action: error\n"); err != nil {
				t.Fatal(err)
			}
		}, opt: opt},
		{name: "schema file", change: func(t *testing.T) {
			if err := os.MkdirAll(filepath.Dir(file(SchemaPath)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file(SchemaPath), []byte("{}\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, opt: opt},
		{name: "warm again", opt: opt, read: []string{}},
	} {
		t.Run(step.name, func(t *testing.T) {
			if step.change != nil {
				step.change(t)
			}
			fsys.take()
			repo, err := Load(fsys, step.opt)
			if err != nil {
				t.Fatal(err)
			}
			read := fsys.take()
			sameLoad(t, fsys, repo, step.opt)
			fsys.take()
			// The files that cannot be cached (their findings hold an
			// error value) are read every time.
			uncached := map[string]bool{}
			for _, f := range repo.Findings {
				if f.Err != nil {
					uncached[f.File] = true
				}
			}
			read = slices.DeleteFunc(read, func(p string) bool { return uncached[p] })
			if step.read != nil && !slices.Equal(read, step.read) {
				t.Errorf("read %q, want %q", read, step.read)
			}
			overdue := 0
			for _, f := range repo.Findings {
				if f.File == "reviews/sub/2026-02-18-actions-due.md" && strings.Contains(f.Message, "past its due date") {
					overdue++
				}
			}
			if step.overdue != 0 && overdue != step.overdue {
				t.Errorf("%d overdue actions, want %d", overdue, step.overdue)
			}
			if step.read == nil && len(read) < len(repo.Reviews)-1 {
				t.Errorf("read %d files of %d, want all (the cache is of another key)", len(read), len(repo.Reviews))
			}
		})
	}
}

// cacheFiles returns the content of each file of the parsed-review cache
// of the folder cache, by name; a file that does not read as a cache of
// key fails the test.
func cacheFiles(t testing.TB, cache string, key cacheKey) map[string][]byte {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(cache, parsedCacheFile, "*"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := parseParsedCache(data, key); err != nil {
			t.Fatalf("%s does not read: %v", name, err)
		}
		files[name] = data
	}
	if len(files) != parsedCacheShards {
		t.Fatalf("the cache has %d files, want %d", len(files), parsedCacheShards)
	}
	return files
}

// TestLoadCacheDamaged: cache files that are damaged, cut short, of
// another program or not caches at all are ignored and written again, as
// is the one cache file of fupan before v2.
func TestLoadCacheDamaged(t *testing.T) {
	dir := copyExamples(t)
	fsys := os.DirFS(dir)
	cache := t.TempDir()
	opt := Options{Now: now, CacheDir: cache}
	if _, err := Load(fsys, opt); err != nil {
		t.Fatal(err)
	}
	key, _ := newCacheKey(nil, nil)
	good := cacheFiles(t, cache, key)
	for _, tc := range []struct {
		name   string
		damage func(good []byte) []byte
	}{
		{"empty", func([]byte) []byte { return nil }},
		{"cut short", func(good []byte) []byte { return good[:len(good)*2/3] }},
		{"a byte changed", func(good []byte) []byte {
			flipped := slices.Clone(good)
			flipped[len(flipped)/2] ^= 0x40
			return flipped
		}},
		{"stat cache", func([]byte) []byte {
			return []byte(statCacheHeader + "\nreviews/a.md\t1\t2\t" + strings.Repeat("0", 64) + "\n")
		}},
		{"another key", func([]byte) []byte { return append([]byte(parsedCacheMagic), bytes.Repeat([]byte{7}, 40)...) }},
		{"garbage", func([]byte) []byte { return bytes.Repeat([]byte{0xff}, 1000) }},
		{"v1", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.damage == nil {
				// fupan before v2 kept the cache in one file.
				if err := os.RemoveAll(filepath.Join(cache, parsedCacheFile)); err != nil {
					t.Fatal(err)
				}
				v1 := append([]byte("fupan parsed-review cache v1\n"), bytes.Repeat([]byte{7}, 40)...)
				if err := os.WriteFile(filepath.Join(cache, parsedCacheFile), v1, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for name, data := range good {
				if tc.damage == nil {
					break
				}
				if err := os.WriteFile(name, tc.damage(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			repo, err := Load(fsys, opt)
			if err != nil {
				t.Fatal(err)
			}
			sameLoad(t, fsys, repo, opt)
			again := cacheFiles(t, cache, key)
			for name, data := range good {
				if !bytes.Equal(again[name], data) {
					t.Errorf("%s was not written again as it was (%d bytes, want %d)", name, len(again[name]), len(data))
				}
			}
		})
	}
}

// TestLoadCacheRewritesOne: a Load after one review file changed
// rewrites the one cache file that holds it, and none after nothing
// changed.
func TestLoadCacheRewritesOne(t *testing.T) {
	dir := copyExamples(t)
	cache := t.TempDir()
	opt := Options{Now: now, CacheDir: cache}
	if _, err := Load(os.DirFS(dir), opt); err != nil {
		t.Fatal(err)
	}
	stats := func() map[string]os.FileInfo {
		names, _ := filepath.Glob(filepath.Join(cache, parsedCacheFile, "*"))
		infos := map[string]os.FileInfo{}
		for _, name := range names {
			info, err := os.Stat(name)
			if err != nil {
				t.Fatal(err)
			}
			infos[filepath.Base(name)] = info
		}
		return infos
	}
	rewritten := func(before, after map[string]os.FileInfo) (names []string) {
		for name, info := range after {
			if !os.SameFile(before[name], info) {
				names = append(names, name)
			}
		}
		return names
	}
	before := stats()
	if _, err := Load(os.DirFS(dir), opt); err != nil {
		t.Fatal(err)
	}
	if got := rewritten(before, stats()); len(got) != 0 {
		t.Errorf("nothing changed, yet %q were written", got)
	}
	const edited = "reviews/2025-03-18-profile-cache-redis-timeout.md"
	data, err := os.ReadFile(filepath.Join(dir, edited))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, edited), append(data, "\nEdited.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	before = stats()
	repo, err := Load(os.DirFS(dir), opt)
	if err != nil {
		t.Fatal(err)
	}
	sameLoad(t, os.DirFS(dir), repo, opt)
	if got, want := rewritten(before, stats()), []string{fmt.Sprintf("%02x", shardOf(edited))}; !slices.Equal(got, want) {
		t.Errorf("one review edited: %q written, want %q", got, want)
	}
}

// TestCacheKey: the key changes with each thing a parse depends on.
func TestCacheKey(t *testing.T) {
	base, ok := newCacheKey([]byte("teams: [a]\n"), nil)
	if !ok {
		t.Skip("this test binary cannot be identified")
	}
	for _, tc := range []struct {
		name           string
		config, schema []byte
	}{
		{"another config", []byte("teams: [b]\n"), nil},
		{"no config", nil, nil},
		{"a schema file", []byte("teams: [a]\n"), []byte("{}")},
	} {
		if k, _ := newCacheKey(tc.config, tc.schema); k == base {
			t.Errorf("%s: the key did not change", tc.name)
		}
	}
	if k, _ := newCacheKey([]byte{}, nil); k == func() cacheKey { k, _ := newCacheKey(nil, nil); return k }() {
		t.Errorf("an empty fupan.yaml has the key of none")
	}
	if k, _ := newCacheKey([]byte("teams: [a]\n"), nil); k != base {
		t.Errorf("the key of the same inputs changed")
	}
}

// TestLoadCacheConcurrent: processes loading one repository at once
// leave a cache that reads, whichever wrote last.
func TestLoadCacheConcurrent(t *testing.T) {
	dir := copyExamples(t)
	cache := t.TempDir()
	opt := Options{Now: now, CacheDir: cache}
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			if _, _, err := NewSnapshot(os.DirFS(dir)).Load(opt); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	key, _ := newCacheKey(nil, nil)
	cacheFiles(t, cache, key)
	c := readParsedCache(filepath.Join(cache, parsedCacheFile), key)
	if n, _ := filepath.Glob(filepath.Join(cache, parsedCacheFile, ".*")); len(n) != 0 {
		t.Errorf("temporary files left: %q", n)
	}
	repo, err := Load(os.DirFS(dir), opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.entries) != len(repo.Reviews) {
		t.Errorf("the cache holds %d reviews, want %d", len(c.entries), len(repo.Reviews))
	}
	sameLoad(t, os.DirFS(dir), repo, opt)
}

// FuzzParsedCache: no cache file makes the reader panic, and what it
// reads decodes or is parsed again.
func FuzzParsedCache(f *testing.F) {
	dir := f.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, Dir), 0o755); err != nil {
		f.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, validName), []byte(validReviewForFuzz), 0o644); err != nil {
		f.Fatal(err)
	}
	cache := f.TempDir()
	if _, err := Load(os.DirFS(dir), Options{Now: now, CacheDir: cache}); err != nil {
		f.Fatal(err)
	}
	key, _ := newCacheKey(nil, nil)
	good := cacheFiles(f, cache, key)[shardName(filepath.Join(cache, parsedCacheFile), shardOf(validName))]
	f.Add(good)
	f.Add(good[:len(good)-1])
	f.Add([]byte(parsedCacheMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		// The fuzzer rarely finds the key: put it in.
		if rest, ok := bytes.CutPrefix(data, []byte(parsedCacheMagic)); ok && len(rest) >= len(key) {
			data = slices.Concat([]byte(parsedCacheMagic), key[:], rest[len(key):])
		}
		c, err := parseParsedCache(data, key)
		if err != nil {
			return
		}
		for p, e := range c.entries {
			if k := c.lookup(p, e.hash); k != nil && k.review == nil {
				t.Fatalf("%s: an entry without a review", p)
			}
		}
	})
}

// TestCacheCodecCutShort: every prefix of an entry is an error, never a
// panic or a review.
func TestCacheCodecCutShort(t *testing.T) {
	r, d, fs := parseFile(validName, []byte(validReviewForFuzz), &Config{})
	k := &kept{review: r, findings: fs, related: relatedAt(r, d)}
	b, ok := encodeKept(nil, k)
	if !ok {
		t.Fatal("the valid review cannot be cached")
	}
	for n := range len(b) {
		if _, err := decodeKept(b[:n], "h"); err == nil {
			t.Fatalf("%d of %d bytes decoded", n, len(b))
		}
	}
	if _, err := decodeKept(append(slices.Clone(b), 0), "h"); err == nil {
		t.Fatal("a byte too many decoded")
	}
}

// TestCacheCodecEveryField fills every field of a kept file, by
// reflection, with values (and then with empty lists, maps and structs)
// and wants them back: a field added to Review or Finding that the codec
// forgets fails here.
func TestCacheCodecEveryField(t *testing.T) {
	// Finding's unexported fields are set by hand: a new one must be
	// added to the codec and here.
	var unexported []string
	ft := reflect.TypeFor[Finding]()
	for i := range ft.NumField() {
		if f := ft.Field(i); !f.IsExported() {
			unexported = append(unexported, f.Name)
		}
	}
	if want := []string{"missing", "meant", "due"}; !slices.Equal(unexported, want) {
		t.Fatalf("Finding's unexported fields are %q, the codec knows %q", unexported, want)
	}
	for _, empty := range []bool{false, true} {
		t.Run(fmt.Sprintf("empty=%v", empty), func(t *testing.T) {
			n := 0
			k := &kept{hash: "h", review: &Review{}}
			fill(reflect.ValueOf(k.review).Elem(), empty, &n)
			k.findings = make([]Finding, 2)
			k.related = make([]Finding, 1)
			for _, fs := range [][]Finding{k.findings, k.related} {
				for i := range fs {
					fill(reflect.ValueOf(&fs[i]).Elem(), empty, &n)
					fs[i].Err = nil
					fs[i].missing, fs[i].meant, fs[i].due = true, "meant", "2026-01-02"
				}
			}
			b, ok := encodeKept(nil, k)
			if !ok {
				t.Fatal("not encoded")
			}
			got, err := decodeKept(b, "h")
			if err != nil {
				t.Fatal(err)
			}
			got.blob = nil
			if !reflect.DeepEqual(got, k) {
				t.Errorf("decoded differs:\n%s", cmp.Diff(k.review, got.review))
			}
		})
	}
}

// fill sets every exported field under v: strings, numbers and booleans
// to values, lists to two items (none with empty), maps to two entries
// (none), pointers to a value, times to a time with an offset.
func fill(v reflect.Value, empty bool, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", *n))
	case reflect.Int:
		v.SetInt(int64(*n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		l := 2
		if empty {
			l = 0
		}
		v.Set(reflect.MakeSlice(v.Type(), l, l))
		for i := range l {
			fill(v.Index(i), empty, n)
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		if empty {
			return
		}
		for range 2 {
			key, val := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(key, empty, n)
			fill(val, empty, n)
			v.SetMapIndex(key, val)
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		if !empty {
			fill(v.Elem(), empty, n)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[Time]() {
			v.Set(reflect.ValueOf(Time{time.Date(2026, 2, 16, 5, 9, *n%60, 0, time.FixedZone("", 8*3600))}))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), empty, n)
			}
		}
	case reflect.Interface:
		// Finding.Err: never cached.
	default:
		panic("fill: a field of kind " + v.Kind().String() + ": teach the codec and fill")
	}
}
