package history

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// sameFiles compares the files of an incremental or cached Load with those
// of a cold one.
func sameFiles(t *testing.T, r *testRepo, got *History) {
	t.Helper()
	cold, err := Load(r.repo, Options{Commit: plumbing.NewHash(got.Head)})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(cold.Files, got.Files, cmpopts.EquateComparable()); diff != "" {
		t.Errorf("files differ from a cold Load (-cold +got):\n%s", diff)
	}
}

func TestCache(t *testing.T) {
	first := []step{
		{id: "a", author: "Alice", write: map[string]string{"reviews/a.md": "1", "reviews/b.md": "1"}},
		{id: "side1", author: "Bob", branch: "side", write: map[string]string{"reviews/s.md": "0"}},
		{id: "side2", author: "Bob", branch: "side", write: map[string]string{"reviews/s.md": "1"}},
		{id: "b", author: "Bob", parents: []string{"a"}, write: map[string]string{"reviews/a.md": "2"}},
		{id: "c", author: "Carol", write: map[string]string{"README.md": "1"}},
	}
	tests := []struct {
		name      string
		ref       string                        // the first Load's ref; main when empty
		then      func(r *testRepo, dir string) // between the two Loads
		walked    int                           // by the second Load
		warnings  int
		wantFiles map[string]string
	}{
		{
			name:   "current",
			then:   func(r *testRepo, dir string) {},
			walked: 0,
		},
		{
			name: "extended",
			then: func(r *testRepo, dir string) {
				r.apply(
					step{id: "d", author: "Dan", write: map[string]string{"reviews/a.md": "3"}},
					step{id: "e", author: "Alice", remove: []string{"reviews/b.md"}, write: map[string]string{"reviews/c.md": "new"}},
				)
			},
			walked: 2,
			wantFiles: map[string]string{
				"reviews/a.md": "first=a last=d commits=3 by=Alice,Bob,Dan",
				"reviews/c.md": "first=e last=e commits=1 by=Alice",
			},
		},
		{
			name: "extended through a merge",
			ref:  "side",
			then: func(r *testRepo, dir string) {
				r.apply(
					step{id: "m1", author: "Dan", parents: []string{"a"}, write: map[string]string{"reviews/m.md": "1"}},
					step{id: "merge", author: "Dan", parents: []string{"m1", "side2"}, write: map[string]string{"reviews/s.md": "1"}},
				)
			},
			walked: 2,
			wantFiles: map[string]string{
				"reviews/a.md": "first=a last=a commits=1 by=Alice",
				"reviews/b.md": "first=a last=a commits=1 by=Alice",
				"reviews/m.md": "first=m1 last=m1 commits=1 by=Dan",
				"reviews/s.md": "first=side1 last=side2 commits=2 by=Bob",
			},
		},
		{
			name: "renamed after caching",
			then: func(r *testRepo, dir string) {
				r.apply(step{id: "mv", author: "Dan", remove: []string{"reviews/a.md"}, write: map[string]string{"reviews/z.md": "2"}})
			},
			walked: 1,
			wantFiles: map[string]string{
				"reviews/b.md": "first=a last=a commits=1 by=Alice",
				"reviews/z.md": "first=a last=mv commits=3 by=Alice,Bob,Dan",
			},
		},
		{
			name: "force-push",
			then: func(r *testRepo, dir string) {
				r.apply(step{id: "c2", author: "Dan", parents: []string{"b"}, write: map[string]string{"reviews/b.md": "2"}})
			},
			walked: 3, // a, b, c2
			wantFiles: map[string]string{
				"reviews/a.md": "first=a last=b commits=2 by=Alice,Bob",
				"reviews/b.md": "first=a last=c2 commits=2 by=Alice,Dan",
			},
		},
		{
			name:   "reset to an ancestor",
			then:   func(r *testRepo, dir string) { r.setBranch("main", r.ids["b"]) },
			walked: 2,
		},
		{
			name:     "corrupt",
			then:     func(r *testRepo, dir string) { writeFile(r, dir, `{"version": 1, "head": `) },
			walked:   3,
			warnings: 1,
		},
		{
			name: "truncated",
			then: func(r *testRepo, dir string) {
				data, err := os.ReadFile(filepath.Join(dir, CacheFile))
				if err != nil {
					r.t.Fatal(err)
				}
				writeFile(r, dir, string(data[:len(data)/2]))
			},
			walked:   3,
			warnings: 1,
		},
		{
			name:     "emptied",
			then:     func(r *testRepo, dir string) { writeFile(r, dir, "") },
			walked:   3,
			warnings: 1,
		},
		{
			name: "random bytes",
			then: func(r *testRepo, dir string) {
				data := make([]byte, 300)
				for i := range data {
					data[i] = byte(rand.N(256))
				}
				writeFile(r, dir, string(data))
			},
			walked:   3,
			warnings: 1,
		},
		{
			name:   "head not in the repository",
			then:   func(r *testRepo, dir string) { replaceHead(r, dir, strings.Repeat("ab", 20)) },
			walked: 3,
		},
		{
			name:     "not a commit hash",
			then:     func(r *testRepo, dir string) { writeFile(r, dir, `{"version": 1, "head": "HEAD", "files": {}}`) },
			walked:   3,
			warnings: 1,
		},
		{
			name:   "old version",
			then:   func(r *testRepo, dir string) { writeFile(r, dir, `{"version": 0, "files": []}`) },
			walked: 3,
		},
		{
			name: "unreadable",
			then: func(r *testRepo, dir string) {
				name := filepath.Join(dir, CacheFile)
				if err := os.Remove(name); err != nil {
					r.t.Fatal(err)
				}
				if err := os.Mkdir(name, 0o755); err != nil { // a directory in its place
					r.t.Fatal(err)
				}
			},
			walked:   3,
			warnings: 1, // cannot read it nor write it: said once
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newTestRepo(t)
			r.apply(first...)
			dir := filepath.Join(t.TempDir(), ".fupan")
			ref := tt.ref
			if ref == "" {
				ref = "main"
			}
			h, err := Load(r.repo, Options{CacheDir: dir, Commit: r.resolve(ref)})
			if err != nil {
				t.Fatal(err)
			}
			if h.Walked == 0 || len(h.Warnings) > 0 {
				t.Fatalf("first Load: Walked = %d, Warnings = %v", h.Walked, h.Warnings)
			}

			tt.then(r, dir)
			h, err = Load(r.repo, Options{CacheDir: dir})
			if err != nil {
				t.Fatal(err)
			}
			if h.Walked != tt.walked {
				t.Errorf("second Load: Walked = %d, want %d", h.Walked, tt.walked)
			}
			if len(h.Warnings) != tt.warnings {
				t.Errorf("second Load: Warnings = %q, want %d", h.Warnings, tt.warnings)
			}
			if tt.wantFiles != nil {
				if diff := cmp.Diff(tt.wantFiles, r.summary(h)); diff != "" {
					t.Errorf("files (-want +got):\n%s", diff)
				}
			}
			sameFiles(t, r, h)
		})
	}
}

// replaceHead writes the cache with the hash of its head replaced by
// head, everywhere.
func replaceHead(r *testRepo, dir, head string) {
	r.t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, CacheFile))
	if err != nil {
		r.t.Fatal(err)
	}
	var c cache
	if err := json.Unmarshal(data, &c); err != nil {
		r.t.Fatal(err)
	}
	writeFile(r, dir, strings.ReplaceAll(string(data), c.Head, head))
}

func writeFile(r *testRepo, dir, content string) {
	r.t.Helper()
	if err := os.WriteFile(filepath.Join(dir, CacheFile), []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func TestCacheOtherPrefix(t *testing.T) {
	r := newTestRepo(t)
	r.apply(step{id: "a", author: "Alice", write: map[string]string{"reviews/a.md": "1", "docs/b.md": "1"}})
	dir := t.TempDir()
	if _, err := Load(r.repo, Options{CacheDir: dir}); err != nil {
		t.Fatal(err)
	}
	h, err := Load(r.repo, Options{CacheDir: dir, Prefix: "docs/"})
	if err != nil {
		t.Fatal(err)
	}
	if h.Walked != 1 || h.Files["docs/b.md"] == nil || len(h.Files) != 1 {
		t.Errorf("Load with another prefix: Walked = %d, files %v; want a rebuild with docs/b.md", h.Walked, h.Files)
	}
}

func TestCacheFormat(t *testing.T) {
	r := newTestRepo(t)
	r.apply(
		step{id: "a", author: "Alice", write: map[string]string{"reviews/a.md": "1", "reviews/gone.md": "1"}},
		step{id: "b", author: "Bob", remove: []string{"reviews/gone.md"}},
	)
	dir := t.TempDir()
	if _, err := Load(r.repo, Options{CacheDir: dir}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, CacheFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"version":1`,
		`"prefix":"reviews/"`,
		`"head":"` + r.ids["b"].String() + `"`,
		`"reviews/gone.md":{`,
		`"deleted":true`,
		`"authors":[{"name":"Alice","email":"alice@example.com","commits":1}]`,
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("cache lacks %s:\n%s", want, data)
		}
	}
}
