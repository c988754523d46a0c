package search

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fupan/fupan/reviews"
)

// writeExamples writes the example reviews into a new repository folder.
func writeExamples(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	fsys := reviews.FS()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		name := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		return os.WriteFile(name, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func TestIncremental(t *testing.T) {
	const newID = "2026-10-01-search-test-zanzibar"
	newReview := []byte("---\ntitle: Zanzibar quota exhausted\ndate: 2026-10-01\nstatus: draft\nseverity: SEV3\nservices: [order-api]\nsummary: For 3 minutes 2% of calls failed with ZanzibarQuotaError.\n---\nBody.\n")
	tests := []struct {
		name   string
		change func(t *testing.T, root, state string)
		want   Update
		query  string
		found  []string // ids the query must find after the change
		gone   string   // an id it must not find
	}{
		{"unchanged", func(*testing.T, string, string) {}, Update{}, "ConnectTimeout", []string{staleDNS}, ""},
		{"added", func(t *testing.T, root, _ string) {
			write(t, filepath.Join(root, "reviews", newID+".md"), newReview)
		}, Update{Added: 1}, "ZanzibarQuotaError", []string{newID}, ""},
		{"edited", func(t *testing.T, root, _ string) {
			name := filepath.Join(root, "reviews", profileCache+".md")
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			write(t, name, append(data, "\nA flamingo appeared.\n"...))
		}, Update{Changed: 1}, "flamingo", []string{profileCache}, ""},
		{"touched only", func(t *testing.T, root, _ string) {
			name := filepath.Join(root, "reviews", profileCache+".md")
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(name, later, later); err != nil {
				t.Fatal(err)
			}
		}, Update{}, "get_user_profile", []string{profileCache}, ""},
		{"deleted", func(t *testing.T, root, _ string) {
			if err := os.Remove(filepath.Join(root, "reviews", kafka+".md")); err != nil {
				t.Fatal(err)
			}
		}, Update{Deleted: 1}, "CommitFailedException", nil, kafka},
		{"corrupt index", func(t *testing.T, _, state string) {
			files, _ := filepath.Glob(filepath.Join(state, bleveDir, "*"))
			for _, f := range files {
				if err := os.RemoveAll(f); err != nil {
					t.Fatal(err)
				}
			}
			write(t, filepath.Join(state, bleveDir, "index_meta.json"), []byte("{not json"))
		}, Update{Rebuilt: Damaged}, "ConnectTimeout", []string{staleDNS}, ""},
		{"corrupt manifest", func(t *testing.T, _, state string) {
			write(t, filepath.Join(state, manifestFile), []byte(manifestHeader+"\nbroken line\n"))
		}, Update{Rebuilt: Damaged}, "ConnectTimeout", []string{staleDNS}, ""},
		{"old version", func(t *testing.T, _, state string) {
			write(t, filepath.Join(state, manifestFile), []byte("fupan search manifest v0\n"))
		}, Update{Rebuilt: OtherVersion}, "ConnectTimeout", []string{staleDNS}, ""},
		{"no index", func(t *testing.T, _, state string) {
			if err := os.RemoveAll(state); err != nil {
				t.Fatal(err)
			}
		}, Update{Rebuilt: NoIndex}, "ConnectTimeout", []string{staleDNS}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := writeExamples(t)
			state := filepath.Join(root, ".fupan", "search")
			fsys := os.DirFS(root)
			ix, err := Open(t.Context(), fsys, Options{Dir: state})
			if err != nil {
				t.Fatal(err)
			}
			if ix.Update.Rebuilt != NoIndex {
				t.Errorf("first Open: Rebuilt = %v, want %v", ix.Update.Rebuilt, NoIndex)
			}
			n := ix.Update.Added
			ix.Close()

			tt.change(t, root, state)
			ix, err = Open(t.Context(), fsys, Options{Dir: state})
			if err != nil {
				t.Fatal(err)
			}
			got := ix.Update
			if tt.want.Rebuilt != Kept {
				// Why says what was found, in the words of the rebuild.
				if got.Rebuilt != tt.want.Rebuilt || (got.Rebuilt != NoIndex && !strings.HasPrefix(got.Why, tt.want.Rebuilt.String())) {
					t.Errorf("Update = %+v, want %v, why %q…", got, tt.want.Rebuilt, tt.want.Rebuilt)
				}
			} else {
				if got.Rebuilt != Kept || got.Added != tt.want.Added || got.Changed != tt.want.Changed || got.Deleted != tt.want.Deleted {
					t.Errorf("Update = %+v, want %+v", got, tt.want)
				}
				if want := n - tt.want.Changed - tt.want.Deleted; got.Unchanged != want {
					t.Errorf("Unchanged = %d, want %d", got.Unchanged, want)
				}
			}
			hits, err := ix.Search(context.Background(), tt.query+" ", 20)
			ix.Close()
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range tt.found {
				if !slices.Contains(ids(hits), id) {
					t.Errorf("Search(%q) = %v, want %s", tt.query, ids(hits), id)
				}
			}
			if tt.gone != "" && slices.Contains(ids(hits), tt.gone) {
				t.Errorf("Search(%q) = %v, want no %s", tt.query, ids(hits), tt.gone)
			}

			// A third Open finds nothing to do.
			ix, err = Open(t.Context(), fsys, Options{Dir: state})
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if u := ix.Update; u.Rebuilt != Kept || u.Added+u.Changed+u.Deleted != 0 {
				t.Errorf("Open after the update: %+v, want nothing to do", u)
			}
		})
	}
}

func write(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
