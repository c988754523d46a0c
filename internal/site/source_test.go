package site

import (
	"context"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/internal/webindex"
	"github.com/fupan/fupan/theme"
)

func TestSourcesFor(t *testing.T) {
	for _, c := range []struct {
		n, budget int
		packs     int // 0: beside the pages
	}{
		{0, 0, 0},
		{17, 0, 0},
		{5_000, 0, 0},
		{5_001, 0, 1024}, // 626 packs of 8 at most
		{8_192, 0, 1024},
		{8_193, 0, 2048},
		{10_000, 0, 2048},
		{100_000, 0, 16384},
		{250, 1000, 0},
		{251, 1000, 32},
		{9, 20, 2},
	} {
		l := sourcesFor(c.n, c.budget)
		packs := 0
		if l.packed() {
			packs = 1 << l.bits
		}
		if packs != c.packs {
			t.Errorf("%d reviews, budget %d: %d packs, want %d", c.n, c.budget, packs, c.packs)
		}
	}
}

// packedRepo is a generated repository of n reviews, one of which holds
// runs of backticks longer than a fence, and one no final line feed.
func packedRepo(t *testing.T, n int) fstest.MapFS {
	fsys := gen.MapFS(gen.Options{N: n, Seed: 11})
	names := slices.Sorted(func(yield func(string) bool) {
		for p := range fsys {
			if strings.HasPrefix(p, "reviews/") && !yield(p) {
				return
			}
		}
	})
	fsys[names[0]] = &fstest.MapFile{Data: append(fsys[names[0]].Data, "\n`````\n````markdown\n## Not a review\n````\n`````\n"...)}
	fsys[names[1]] = &fstest.MapFile{Data: []byte(strings.TrimRight(string(fsys[names[1]].Data), "\n"))}
	return fsys
}

// TestSourcesPacked builds a site of more reviews than a quarter of its
// file budget, with its search export: it has fewer files than the budget,
// and the link to each review's source, from its page and from llms.txt,
// leads to a pack that holds the review file as written, under the
// link's anchor.
func TestSourcesPacked(t *testing.T) {
	const n, budget = 300, 1000
	fsys := packedRepo(t, n)
	repo := load(t, fsys)
	files, err := Build(repo, Options{Theme: theme.FS(), FileBudget: budget})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.Open(context.Background(), fsys, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := webindex.Write(files, ix, repo.Reviews); err != nil {
		t.Fatal(err)
	}
	if len(files) >= budget {
		t.Errorf("%d files, over the budget of %d", len(files), budget)
	}
	t.Logf("%d reviews: %d files", n, len(files))

	packs := 0
	held := map[string]int{}
	for name, data := range files {
		if strings.HasSuffix(name, "/index.md") {
			t.Errorf("%s: a source beside its page in a packed site", name)
		}
		if strings.HasPrefix(name, sourceDir) {
			packs++
			for _, m := range regexp.MustCompile(`(?m)^## (\S+)$`).FindAllStringSubmatch(string(data), -1) {
				held[m[1]]++
			}
		}
	}
	if packs == 0 || packs > n/4 {
		t.Errorf("%d packs for %d reviews", packs, n)
	}
	pageLink := regexp.MustCompile(`<link rel="alternate" type="text/markdown" title="[^"]*" href="([^"]+)">`)
	llmsLinks := map[string]string{}
	for _, m := range regexp.MustCompile(`\]\((reviews/[^)]+)\)`).FindAllStringSubmatch(string(files["llms.txt"]), -1) {
		if i := strings.LastIndexByte(m[1], '#'); i >= 0 {
			llmsLinks[m[1][i+1:]] = m[1]
		}
	}
	for _, rv := range repo.Reviews {
		want := fsys[rv.Path].Data
		if held[rv.ID] != 1 {
			t.Errorf("%s: in %d packs, want 1", rv.ID, held[rv.ID])
		}
		page := "reviews/" + rv.ID + "/index.html"
		m := pageLink.FindSubmatch(files[page])
		if m == nil {
			t.Errorf("%s: no link to the source", page)
			continue
		}
		fromPage := path.Join(path.Dir(page), string(m[1]))
		if got := packedSource(t, files, fromPage); got != normalSource(want) {
			t.Errorf("%s: its source link %s gives %q, want the review file", page, m[1], cut(got, 80))
		}
		if !strings.Contains(string(files[page]), `href="`+string(m[1])+`" type="text/markdown"`) {
			t.Errorf("%s: the source link at the foot is not %s", page, m[1])
		}
		target, ok := llmsLinks[rv.ID]
		if !ok {
			t.Errorf("llms.txt: no link to the source of %s", rv.ID)
			continue
		}
		if target != fromPage {
			t.Errorf("llms.txt links %s to %s, its page to %s", rv.ID, target, fromPage)
		}
		if got := packedSource(t, files, target); got != normalSource(want) {
			t.Errorf("llms.txt: %s gives %q, want the review file", target, cut(got, 80))
		}
	}
}

// normalSource is a review file as a pack holds it: ending with a line
// feed.
func normalSource(data []byte) string {
	s := string(data)
	if s != "" && !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return s
}

// packedSource reads a link into a pack, FILE#ID: the text between the
// fences under the heading "## ID", as a reader of Markdown finds it.
func packedSource(t *testing.T, files Files, link string) string {
	t.Helper()
	name, id, ok := strings.Cut(link, "#")
	if !ok {
		t.Errorf("%s: no anchor", link)
		return ""
	}
	data, ok := files[name]
	if !ok {
		t.Errorf("%s: no such file", link)
		return ""
	}
	_, rest, ok := strings.Cut(string(data), "\n## "+id+"\n\n")
	if !ok {
		t.Errorf("%s: no heading %s", name, id)
		return ""
	}
	open, rest, _ := strings.Cut(rest, "\n")
	fence := strings.TrimSuffix(open, "markdown")
	if strings.Trim(fence, "`") != "" || len(fence) < 3 {
		t.Errorf("%s: %s opens with %q, not a fence", name, id, open)
		return ""
	}
	// The fence closes at the first line of as many backticks or more.
	lines := strings.SplitAfter(rest, "\n")
	for i, l := range lines {
		if l := strings.TrimSuffix(l, "\n"); len(l) >= len(fence) && strings.Trim(l, "`") == "" {
			return strings.Join(lines[:i], "")
		}
	}
	t.Errorf("%s: %s has no closing fence", name, id)
	return ""
}

// TestSourcesPackedIncremental edits, removes and adds reviews of a site
// whose sources are packed, and checks that a Builder gives what a full
// build gives.
func TestSourcesPackedIncremental(t *testing.T) {
	fsys := packedRepo(t, 120)
	opt := Options{Theme: theme.FS(), FileBudget: 100}
	snap := review.NewSnapshot(fsys)
	repo, up, err := snap.Load(review.Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	b := NewBuilder()
	if _, err := b.Build(repo, up, opt); err != nil {
		t.Fatal(err)
	}
	if !b.last.sources.packed() {
		t.Fatal("the sources are not packed")
	}
	var paths []string
	for p := range fsys {
		if strings.HasPrefix(p, "reviews/") {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	for _, step := range []struct {
		name string
		do   func()
	}{
		{"edited", func() {
			fsys[paths[5]] = &fstest.MapFile{Data: append(fsys[paths[5]].Data, "\nAn added sentence.\n"...)}
		}},
		{"removed", func() { delete(fsys, paths[6]) }},
		{"added", func() { fsys["reviews/2026-01-02-a-new-review.md"] = &fstest.MapFile{Data: fsys[paths[7]].Data} }},
		{"removed alone in its pack", func() {
			// Remove every review of one pack, one build each.
			l := b.last.sources
			pack := l.file("2026-01-02-a-new-review")
			for _, p := range paths {
				if _, ok := fsys[p]; ok && l.file(strings.TrimSuffix(path.Base(p), ".md")) == pack {
					delete(fsys, p)
				}
			}
			delete(fsys, "reviews/2026-01-02-a-new-review.md")
		}},
	} {
		step.do()
		repo, up, err := snap.Load(review.Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		got, err := b.Build(repo, up, opt)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		full, err := review.Load(fsys, review.Options{Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		want, err := Build(full, opt)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(step.name, func(t *testing.T) { sameFiles(t, got, want) })
	}
}
