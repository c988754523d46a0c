package server

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/theme"
)

// TestRebuild edits a repository step by step, a broken edit among them,
// and checks after each Rebuild that the site served is the one a full
// build of the same files makes, byte for byte, or after the broken edit
// the last good one.
func TestRebuild(t *testing.T) {
	fsys := gen.MapFS(gen.Options{N: 300, Seed: 5})
	var paths []string
	for p := range fsys {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	opt := site.Options{Theme: theme.FS()}
	srv, err := New(Config{Repo: fsys, Site: opt})
	if err != nil {
		t.Fatal(err)
	}
	replace := func(p, old, new string) {
		t.Helper()
		data := string(fsys[p].Data)
		if !strings.Contains(data, old) {
			t.Fatalf("%s has no %q", p, old)
		}
		// A new modification time, as an editor's save gives.
		fsys[p] = &fstest.MapFile{Data: []byte(strings.Replace(data, old, new, 1)), ModTime: time.Now()}
	}
	target := paths[150]
	steps := []struct {
		name   string
		do     func()
		broken bool
		fresh  bool // everything is rendered again
	}{
		{"body", func() { replace(target, "\n## ", "\nAn added sentence.\n\n## ") }, false, false},
		{"tag", func() { replace(target, "tags: [", "tags: [a-new-tag, ") }, false, false},
		{"broken", func() { replace(target, "severity: SEV", "severity: XSEV") }, true, false},
		{"mended with a new title", func() {
			replace(target, "severity: XSEV", "severity: SEV")
			replace(target, "title: ", "title: Edited ")
		}, false, false},
		{"same bytes, no modification time", func() {
			fsys[paths[3]] = &fstest.MapFile{Data: fsys[paths[3]].Data}
		}, false, false},
		{"added", func() {
			date := strings.TrimPrefix(paths[7], "reviews/")[:len("2006-01-02")]
			fsys["reviews/"+date+"-added.md"] = &fstest.MapFile{Data: fsys[paths[7]].Data}
		}, false, false},
		{"removed", func() { delete(fsys, paths[200]) }, false, false},
		{"config", func() { fsys["fupan.yaml"] = &fstest.MapFile{Data: []byte("title: Acme reviews\n")} }, false, true},
	}
	last := srv.files
	for _, step := range steps {
		step.do()
		if err := srv.Rebuild(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		srv.mu.RLock()
		got, problems := srv.files, srv.problems
		srv.mu.RUnlock()
		if step.broken {
			if len(problems) == 0 || problems[0].File != target {
				t.Errorf("%s: problems %v, want one in %s", step.name, problems, target)
			}
			if !sameMap(got, last) {
				t.Errorf("%s: the last good site is no longer served", step.name)
			}
			continue
		}
		if len(problems) > 0 {
			t.Fatalf("%s: problems: %v", step.name, problems)
		}
		if n := srv.builder.Rendered(); !step.fresh && n*4 > len(got) {
			t.Errorf("%s: %d pages rendered of %d: not incremental", step.name, n, len(got))
		}
		repo, err := review.Load(fsys, review.Options{})
		if err != nil {
			t.Fatal(err)
		}
		want, err := site.Build(repo, site.Options{Theme: opt.Theme, Live: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range want.Names() {
			if string(got[name]) != string(want[name]) {
				t.Errorf("%s: %s differs from a full build's", step.name, name)
			}
		}
		for _, name := range got.Names() {
			if _, ok := want[name]; !ok {
				t.Errorf("%s: %s is left over", step.name, name)
			}
		}
		last = got
	}
}

// sameMap reports whether a and b are the same map.
func sameMap(a, b site.Files) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || len(w) != len(v) || (len(v) > 0 && &w[0] != &v[0]) {
			return false
		}
	}
	return true
}
