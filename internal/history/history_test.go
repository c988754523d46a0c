package history

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// summary describes each file of h in one line, naming commits by step id.
func (r *testRepo) summary(h *History) map[string]string {
	r.t.Helper()
	out := map[string]string{}
	for path, f := range h.Files {
		if f.Path != path {
			r.t.Errorf("Files[%q].Path = %q", path, f.Path)
		}
		var by []string
		for _, p := range f.Contributors {
			by = append(by, p.Name)
		}
		out[path] = fmt.Sprintf("first=%s last=%s commits=%d by=%s",
			r.step(f.First.Hash), r.step(f.Last.Hash), f.Commits, strings.Join(by, ","))
	}
	return out
}

func (r *testRepo) step(hash string) string {
	for h, id := range r.names {
		if h.String() == hash {
			return id
		}
	}
	return "?" + hash
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name   string
		steps  []step
		prefix string
		ref    string
		want   map[string]string
	}{
		{
			name: "linear",
			steps: []step{
				{id: "a", author: "Alice", write: map[string]string{"reviews/a.md": "1"}},
				{id: "b", author: "Bob", write: map[string]string{"reviews/a.md": "2"}},
				{id: "c", author: "Alice", write: map[string]string{"reviews/b.md": "1", "README.md": "x"}},
				{id: "d", author: "Bob", write: map[string]string{"reviews/a.md": "3", "src/main.go": "x"}},
				{id: "e", author: "Carol", write: map[string]string{"src/main.go": "y"}},
			},
			want: map[string]string{
				"reviews/a.md": "first=a last=d commits=3 by=Bob,Alice",
				"reviews/b.md": "first=c last=c commits=1 by=Alice",
			},
		},
		{
			name: "subfolders",
			steps: []step{
				{id: "a", author: "Alice", write: map[string]string{"reviews/2023/a.md": "1", "reviews/b.md": "1"}},
				{id: "b", author: "Bob", write: map[string]string{"reviews/2023/a.md": "2", "reviews/2024/c.md": "1"}},
				{id: "c", author: "Carol", write: map[string]string{"reviews/2023/a.md": "3"}},
			},
			want: map[string]string{
				"reviews/2023/a.md": "first=a last=c commits=3 by=Alice,Bob,Carol",
				"reviews/2024/c.md": "first=b last=b commits=1 by=Bob",
				"reviews/b.md":      "first=a last=a commits=1 by=Alice",
			},
		},
		{
			name: "other prefix",
			steps: []step{
				{id: "a", author: "Alice", write: map[string]string{"reviews/a.md": "1", "docs/postmortems/x.md": "1"}},
				{id: "b", author: "Bob", write: map[string]string{"docs/postmortems/x.md": "2"}},
			},
			prefix: "./docs/postmortems",
			want: map[string]string{
				"docs/postmortems/x.md": "first=a last=b commits=2 by=Alice,Bob",
			},
		},
		{
			name: "merge with changes on both sides",
			steps: []step{
				{id: "base", author: "Alice", write: map[string]string{
					"reviews/a.md": "1", "reviews/b.md": "1", "reviews/c.md": "1", "reviews/d.md": "1",
				}},
				{id: "side", author: "Carol", branch: "side", write: map[string]string{
					"reviews/a.md": "side", "reviews/c.md": "side", "reviews/d.md": "side", "reviews/new.md": "1",
				}},
				{id: "main", author: "Bob", parents: []string{"base"}, write: map[string]string{
					"reviews/b.md": "main", "reviews/c.md": "main", "reviews/d.md": "main",
				}},
				// Takes a.md and new.md from side, b.md and d.md from main
				// (a merge that is no change of them), and writes c.md anew.
				{id: "merge", author: "Dan", parents: []string{"main", "side"}, write: map[string]string{
					"reviews/a.md": "side", "reviews/new.md": "1", "reviews/c.md": "both",
				}},
			},
			want: map[string]string{
				"reviews/a.md":   "first=base last=side commits=2 by=Alice,Carol",
				"reviews/b.md":   "first=base last=main commits=2 by=Alice,Bob",
				"reviews/c.md":   "first=base last=merge commits=4 by=Alice,Bob,Carol,Dan",
				"reviews/d.md":   "first=base last=main commits=3 by=Alice,Bob,Carol",
				"reviews/new.md": "first=side last=side commits=1 by=Carol",
			},
		},
		{
			name: "merge identical to a parent",
			steps: []step{
				{id: "base", author: "Alice", write: map[string]string{"reviews/a.md": "1"}},
				{id: "side", author: "Bob", branch: "side", write: map[string]string{"reviews/a.md": "2"}},
				{id: "merge", author: "Carol", parents: []string{"base", "side"}, write: map[string]string{"reviews/a.md": "2"}},
			},
			want: map[string]string{
				"reviews/a.md": "first=base last=side commits=2 by=Alice,Bob",
			},
		},
		{
			name: "rename keeps the history",
			steps: []step{
				{id: "a", author: "Alice", write: map[string]string{"reviews/old.md": "text", "reviews/same.md": "same"}},
				{id: "b", author: "Bob", write: map[string]string{"reviews/old.md": "text 2"}},
				{id: "mv", author: "Carol", remove: []string{"reviews/old.md"}, write: map[string]string{"reviews/2024/new.md": "text 2"}},
				{id: "c", author: "Dan", write: map[string]string{"reviews/2024/new.md": "text 3"}},
			},
			want: map[string]string{
				"reviews/2024/new.md": "first=a last=c commits=4 by=Alice,Bob,Carol,Dan",
				"reviews/same.md":     "first=a last=a commits=1 by=Alice",
			},
		},
		{
			name: "copy is not a rename",
			steps: []step{
				{id: "a", author: "Alice", write: map[string]string{"reviews/a.md": "text"}},
				{id: "cp", author: "Bob", write: map[string]string{"reviews/b.md": "text"}},
			},
			want: map[string]string{
				"reviews/a.md": "first=a last=a commits=1 by=Alice",
				"reviews/b.md": "first=cp last=cp commits=1 by=Bob",
			},
		},
		{
			name: "rename with edits starts anew",
			steps: []step{
				{id: "a", author: "Alice", write: map[string]string{"reviews/old.md": "text"}},
				{id: "mv", author: "Bob", remove: []string{"reviews/old.md"}, write: map[string]string{"reviews/new.md": "edited"}},
			},
			want: map[string]string{
				"reviews/new.md": "first=mv last=mv commits=1 by=Bob",
			},
		},
		{
			name: "delete and add again",
			steps: []step{
				{id: "a", author: "Alice", write: map[string]string{"reviews/x.md": "1", "reviews/y.md": "1"}},
				{id: "rm", author: "Bob", remove: []string{"reviews/x.md"}},
				{id: "b", author: "Carol", write: map[string]string{"reviews/y.md": "2"}},
				{id: "add", author: "Carol", write: map[string]string{"reviews/x.md": "2"}},
			},
			want: map[string]string{
				"reviews/x.md": "first=a last=add commits=3 by=Alice,Bob,Carol",
				"reviews/y.md": "first=a last=b commits=2 by=Alice,Carol",
			},
		},
		{
			name: "whole folder removed",
			steps: []step{
				{id: "a", author: "Alice", write: map[string]string{"reviews/x.md": "1", "README.md": "1"}},
				{id: "rm", author: "Bob", remove: []string{"reviews/x.md"}},
			},
			want: map[string]string{},
		},
		{
			name: "at a ref",
			steps: []step{
				{id: "a", author: "Alice", write: map[string]string{"reviews/x.md": "1"}},
				{id: "b", author: "Bob", branch: "draft", write: map[string]string{"reviews/x.md": "2"}},
				{id: "c", author: "Carol", parents: []string{"a"}, write: map[string]string{"reviews/y.md": "1"}},
			},
			ref: "draft",
			want: map[string]string{
				"reviews/x.md": "first=a last=b commits=2 by=Alice,Bob",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newTestRepo(t)
			r.apply(tt.steps...)
			opts := Options{Prefix: tt.prefix}
			if tt.ref != "" {
				opts.Commit = r.resolve(tt.ref)
			}
			h, err := Load(r.repo, opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, r.summary(h)); diff != "" {
				t.Errorf("files (-want +got):\n%s", diff)
			}
			if h.Shallow || len(h.Warnings) > 0 {
				t.Errorf("Shallow = %v, Warnings = %v; want none", h.Shallow, h.Warnings)
			}
		})
	}
}

func TestLoadChangeDetails(t *testing.T) {
	r := newTestRepo(t)
	r.apply(
		step{id: "a", author: "Alice", write: map[string]string{"reviews/a.md": "1"}},
		step{id: "b", author: "Bob", write: map[string]string{"reviews/a.md": "2"}},
	)
	h, err := Load(r.repo, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := h.Head, r.ids["b"].String(); got != want {
		t.Errorf("Head = %s, want %s", got, want)
	}
	f := h.Files["reviews/a.md"]
	if f == nil {
		t.Fatal("no reviews/a.md")
	}
	commit, err := r.repo.CommitObject(r.ids["a"])
	if err != nil {
		t.Fatal(err)
	}
	want := Change{
		Hash:   r.ids["a"].String(),
		When:   commit.Author.When,
		Author: Person{Name: "Alice", Email: "alice@example.com"},
	}
	if diff := cmp.Diff(want, f.First); diff != "" {
		t.Errorf("First (-want +got):\n%s", diff)
	}
	if got, want := f.Last.When.Sub(f.First.When), time.Minute; got != want {
		t.Errorf("Last.When - First.When = %v, want %v", got, want)
	}
}

func TestLoadEmptyRepository(t *testing.T) {
	r := newTestRepo(t)
	h, err := Load(r.repo, Options{CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if h.Head != "" || len(h.Files) != 0 {
		t.Errorf("Load = Head %q, %d files; want none", h.Head, len(h.Files))
	}
}
