package site

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/theme"
)

var testNow = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// sameFiles fails unless got and want hold the same files, byte for byte.
func sameFiles(t *testing.T, got, want Files) {
	t.Helper()
	for _, name := range want.Names() {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s: missing", name)
			continue
		}
		if w := want[name]; string(g) != string(w) {
			gl, wl := strings.Split(string(g), "\n"), strings.Split(string(w), "\n")
			i := 0
			for i < len(gl) && i < len(wl) && gl[i] == wl[i] {
				i++
			}
			line := func(l []string) string {
				if i < len(l) {
					return l[i]
				}
				return "(end)"
			}
			t.Errorf("%s: differs at line %d:\n got: %.300s\nwant: %.300s", name, i+1, line(gl), line(wl))
		}
	}
	for _, name := range got.Names() {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: left over", name)
		}
	}
}

// TestIncremental edits a generated repository step by step, rebuilding
// with one Builder from what a review.Snapshot read again, and
// checks after each step that the site is the one a full build of the same
// files makes, while only some pages were rendered again. Again with
// lists split into pages of 5, so that a list's pages that a change does
// not reach are kept, and those it does rendered again.
func TestIncremental(t *testing.T) {
	n := 600 // enough for lists longer than twice maxNeighbours
	if testing.Short() {
		n = 150
	}
	t.Run("pages of 200", func(t *testing.T) { incremental(t, n) })
	t.Run("pages of 5", func(t *testing.T) {
		defer func(n int) { perPage = n }(perPage)
		perPage = 5
		incremental(t, 150)
	})
}

// incremental is TestIncremental of n generated reviews.
func incremental(t *testing.T, n int) {
	fsys := gen.MapFS(gen.Options{N: n, Seed: 7})
	var paths []string
	for p := range fsys {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	// A review with an open action, in the middle of the dates.
	var target string
	for _, p := range paths[len(paths)/2:] {
		if strings.Contains(string(fsys[p].Data), "    status: open") {
			target = p
			break
		}
	}
	other := paths[len(paths)/3]
	otherID := strings.TrimSuffix(other[strings.LastIndex(other, "/")+1:], ".md")
	edit := func(p, old, new string) func() []string {
		return func() []string {
			data := string(fsys[p].Data)
			if !strings.Contains(data, old) {
				t.Fatalf("%s has no %q", p, old)
			}
			fsys[p] = &fstest.MapFile{Data: []byte(strings.Replace(data, old, new, 1))}
			return []string{p}
		}
	}
	// line replaces the line that starts with prefix.
	line := func(p, prefix, new string) func() []string {
		return func() []string {
			lines := strings.Split(string(fsys[p].Data), "\n")
			i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, prefix) })
			if i < 0 {
				t.Fatalf("%s has no line %q", p, prefix)
			}
			lines[i] = new
			fsys[p] = &fstest.MapFile{Data: []byte(strings.Join(lines, "\n"))}
			return []string{p}
		}
	}
	targetPage := "reviews/" + strings.TrimSuffix(target[strings.LastIndex(target, "/")+1:], ".md") + "/index.html"
	// A file budget that packs the sources (see sourcesFor): an unpacked
	// site is cmd/fupan's TestBuildIncremental's.
	opt := Options{Theme: theme.FS(), BaseURL: "https://acme.example/reviews/", FileBudget: 2 * n}
	snap := review.NewSnapshot(fsys)
	repo, up, err := snap.Load(review.Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	b := NewBuilder()
	if _, err := b.Build(repo, up, opt); err != nil {
		t.Fatal(err)
	}
	all := b.last.pages
	// The same steps, built as fupan build does: from the last site on
	// disk and its manifest.
	// With the recurrence matches kept in a file, as fupan build keeps
	// them; at some steps, a file of other reviews or damaged, which is
	// not trusted.
	dir := filepath.Join(t.TempDir(), "site")
	diskOpt := opt
	diskOpt.Cache = Cache{File: filepath.Join(t.TempDir(), "recurrence"), Key: "test"}
	states, err := review.Scan(fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, m, err := WriteSite(repo, &Last{Hashes: review.Hashes(states)}, diskOpt, Target{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	first, err := os.ReadFile(diskOpt.Cache.File)
	if err != nil {
		t.Fatal(err)
	}
	caches := map[string][]byte{
		"new exception": first, // of other reviews (the first build's)
		"service":       append(slices.Clone(first[:len(first)/2]), "damaged"...),
		"action closed": nil, // none
	}

	steps := []struct {
		name string
		do   func() []string
	}{
		{"body", edit(target, "\n## ", "\nAn added sentence.\n\n## ")},
		{"title", line(target, "title: ", "title: A renamed review")},
		{"severity", func() []string {
			// Another severity than the one it has, whatever the seed gave.
			sev := "severity: SEV4"
			if strings.Contains(string(fsys[target].Data), "\n"+sev+"\n") {
				sev = "severity: SEV1"
			}
			return line(target, "severity: ", sev)()
		}},
		{"new tag", edit(target, "tags: [", "tags: [a-brand-new-tag, ")},
		{"new exception", edit(target, "exceptions: [", "exceptions: [acme.errors.NewError, ")},
		{"service", edit(target, "services: [", "services: [new-service, ")},
		{"action closed", edit(target, "    status: open", "    status: done")},
		{"related declared", edit(target, "related: [", "related: ["+otherID+", ")},
		{"date", line(target, "date: ", "date: 2026-11-11")},
		{"removed", func() []string { delete(fsys, other); return []string{other} }},
		{"added", func() []string {
			p := "reviews/2026-01-02-a-new-review.md"
			fsys[p] = &fstest.MapFile{Data: fsys[paths[10]].Data}
			return []string{p}
		}},
		{"renamed", func() []string {
			p := paths[len(paths)/4]
			q := strings.TrimSuffix(p, ".md") + "-renamed.md"
			fsys[q] = fsys[p]
			delete(fsys, p)
			return []string{q, p} // added, then removed
		}},
		{"two at once", func() []string {
			return append(line(paths[20], "title: ", "title: A")(), line(paths[len(paths)*5/6], "title: ", "title: B")()...)
		}},
	}
	for _, step := range steps {
		changed := step.do()
		repo, up, err := snap.Load(review.Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Concat(up.Added, up.Changed, up.Removed); !slices.Equal(got, changed) {
			t.Errorf("%s: the snapshot says %v changed, want %v", step.name, got, changed)
		}
		got, err := b.Build(repo, up, opt)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if n := b.last.pages; n*4 > all {
			t.Errorf("%s: rendered %d pages of %d: not incremental", step.name, n, all)
		}
		full, err := review.Load(fsys, review.Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		want, err := Build(full, opt)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: rendered %d of %d pages", step.name, b.last.pages, all)
		if _, ok := want[targetPage]; !ok {
			t.Fatalf("%s: the edited review is no longer in the site", step.name)
		}
		t.Run(step.name, func(t *testing.T) { sameFiles(t, got, want) })

		states, err := review.Scan(fsys, nil)
		if err != nil {
			t.Fatal(err)
		}
		if data, ok := caches[step.name]; ok {
			os.Remove(diskOpt.Cache.File)
			if data != nil {
				if err := os.WriteFile(diskOpt.Cache.File, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		o, m2, err := WriteSite(repo, &Last{Manifest: m, Dir: dir, Hashes: review.Hashes(states)}, diskOpt, Target{Dir: dir, Prev: m})
		if err != nil {
			t.Fatalf("%s, from the last site: %v", step.name, err)
		}
		if !o.Resumed {
			t.Errorf("%s: the build did not start from the last site: %s", step.name, o.Why)
		}
		m = m2
		written := Files{}
		for name, data := range readTree(t, dir) {
			if name != Marker {
				written[name] = []byte(data)
			}
		}
		t.Run(step.name+" from the last site", func(t *testing.T) { sameFiles(t, written, want) })
	}
}

// TestJSONAsEncoder checks that reviews.json, put together from each
// review's entry, is what encoding/json writes of the whole.
func TestJSONAsEncoder(t *testing.T) {
	repo := load(t, gen.MapFS(gen.Options{N: 40, Seed: 3}))
	files := build(t, gen.MapFS(gen.Options{N: 40, Seed: 3}), Options{})
	s, err := newSite(repo, Options{Theme: theme.FS()}, newRenderer(false), nil)
	if err != nil {
		t.Fatal(err)
	}
	out := jsonSite{Title: s.title, Version: review.PublicVersion, Reviews: []jsonReview{}}
	for _, rv := range s.reviews {
		j := jsonReview{Public: rv.Public()}
		j.URL = "reviews/" + rv.ID + "/"
		out.Reviews = append(out.Reviews, j)
	}
	var want strings.Builder
	enc := newIndentEncoder(&want)
	if err := enc.Encode(out); err != nil {
		t.Fatal(err)
	}
	if got := string(files["reviews.json"]); got != want.String() {
		t.Errorf("reviews.json differs from encoding/json's: %s", firstDiff(got, want.String()))
	}
	empty, err := newSite(&review.Repo{}, Options{Theme: theme.FS()}, newRenderer(false), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := empty.json(); err != nil {
		t.Fatal(err)
	}
	want.Reset()
	if err := newIndentEncoder(&want).Encode(jsonSite{Title: empty.title, Version: review.PublicVersion, Reviews: []jsonReview{}}); err != nil {
		t.Fatal(err)
	}
	if got := string(empty.out["reviews.json"]); got != want.String() {
		t.Errorf("empty reviews.json = %q, want %q", got, want.String())
	}
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return fmt.Sprintf("at byte %d: %q vs %q", i, a[i:min(len(a), i+60)], b[i:min(len(b), i+60)])
}

func newIndentEncoder(w *strings.Builder) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc
}

// TestSitemapAsEncoder checks that sitemap.xml, written by hand, is what
// encoding/xml writes of the same urlset.
func TestSitemapAsEncoder(t *testing.T) {
	repo := load(t, gen.MapFS(gen.Options{N: 40, Seed: 3}))
	s, err := newSite(repo, Options{Theme: theme.FS(), BaseURL: "https://acme.example/a&b/"}, newRenderer(false), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.sitemap(); err != nil {
		t.Fatal(err)
	}
	u := urlset{URLs: []siteURL{{Loc: s.abs("")}, {Loc: s.abs("reviews/")}, {Loc: s.abs("actions/")}, {Loc: s.abs("insights/")}}}
	for _, rv := range s.reviews {
		u.URLs = append(u.URLs, siteURL{Loc: s.abs("reviews/" + rv.ID + "/"), LastMod: s.updated(rv)[:10]})
	}
	for _, k := range kinds {
		u.URLs = append(u.URLs, siteURL{Loc: s.abs(k.Dir + "/")})
		for _, t := range s.ix.byKind[k.Dir] {
			u.URLs = append(u.URLs, siteURL{Loc: s.abs(t.URL())})
		}
	}
	var want bytes.Buffer
	want.WriteString(xml.Header)
	enc := xml.NewEncoder(&want)
	enc.Indent("", " ")
	if err := enc.Encode(u); err != nil {
		t.Fatal(err)
	}
	want.WriteByte('\n')
	if got := string(s.out["sitemap.xml"]); got != want.String() {
		t.Errorf("sitemap.xml differs from encoding/xml's: %s", firstDiff(got, want.String()))
	}
}
