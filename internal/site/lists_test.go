package site

import (
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/theme"
)

var (
	hrefRE      = regexp.MustCompile(`href="([^"#?]*)"`)
	reviewRefRE = regexp.MustCompile(`<li>\s*<span class="sev[^"]*">[^<]*</span>\s*<a href="[./]*reviews/([^/"]+)/">`)
)

// TestListsArePaged builds a repository with more reviews and actions
// than a page holds: the review list is split into pages grouped by
// year, each review on exactly one page; the open actions are split by
// team; every link between the pages of a list leads to a page.
func TestListsArePaged(t *testing.T) {
	repo, err := review.Load(gen.MapFS(gen.Options{N: 3 * perPage, Seed: 3}), review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, err := Build(repo, Options{Theme: theme.FS()})
	if err != nil {
		t.Fatal(err)
	}
	if name, size := largestPage(files); size >= maxPage {
		t.Errorf("%s is %d kB, over %d kB", name, size>>10, maxPage>>10)
	}

	// Every review once, newest first, across reviews/ and its pages.
	var listed []string
	for n := 1; ; n++ {
		page, ok := files[pageFile("reviews/", n)]
		if !ok {
			if n < 3 {
				t.Fatalf("reviews/ has %d pages, want 3 or more for %d reviews", n-1, len(repo.Reviews))
			}
			break
		}
		for _, m := range reviewRefRE.FindAllSubmatch(page, -1) {
			listed = append(listed, string(m[1]))
		}
		if c := strings.Count(string(page), `class="year-group"`); c == 0 {
			t.Errorf("%s: no year groups", pageFile("reviews/", n))
		}
		checkLinks(t, files, pageFile("reviews/", n))
	}
	if len(listed) != len(repo.Reviews) {
		t.Errorf("the review list shows %d reviews, want %d", len(listed), len(repo.Reviews))
	}
	seen := map[string]bool{}
	for i, id := range listed {
		if seen[id] {
			t.Errorf("%s is listed twice", id)
		}
		seen[id] = true
		if i > 0 && listed[i-1] < id[:10] {
			t.Errorf("%s after %s: not newest first", id, listed[i-1])
		}
	}

	// The open actions: all of them on actions/, and each team's on its own pages.
	open := 0
	for _, rv := range repo.Reviews {
		for _, a := range rv.Actions {
			if a.Status == "open" {
				open++
			}
		}
	}
	rows := func(dir string) int {
		n := 0
		for i := 1; ; i++ {
			page, ok := files[pageFile(dir, i)]
			if !ok {
				return n
			}
			checkLinks(t, files, pageFile(dir, i))
			n += strings.Count(string(page), `<td class="owner">`)
		}
	}
	if got := rows("actions/"); got != open {
		t.Errorf("actions/ lists %d open actions, want %d", got, open)
	}
	teams, byTeam := 0, 0
	for name := range files {
		if dir, ok := strings.CutSuffix(name, "index.html"); ok && strings.HasPrefix(dir, teamsDir) && !strings.Contains(strings.TrimPrefix(dir, teamsDir), "/page/") {
			teams++
			byTeam += rows(dir)
		}
	}
	if teams < 2 || byTeam != open {
		t.Errorf("%d team pages list %d open actions, want 2 or more listing %d", teams, byTeam, open)
	}
}

// checkLinks fails t for a link of the page file to a page of the site
// that is not there.
func checkLinks(t *testing.T, files Files, file string) {
	t.Helper()
	dir := path.Dir(file)
	for _, m := range hrefRE.FindAllSubmatch(files[file], -1) {
		href := string(m[1])
		if href == "" || strings.Contains(href, ":") || !strings.HasSuffix(href, "/") && href != "./" {
			continue
		}
		target := path.Join(dir, href) + "/index.html"
		if strings.HasPrefix(target, "../") {
			t.Errorf("%s: link %s leaves the site", file, href)
			continue
		}
		target = strings.TrimPrefix(target, "./")
		if _, ok := files[target]; !ok && !strings.HasPrefix(target, "search/") {
			t.Errorf("%s: link %s leads to no page (%s)", file, href, target)
		}
	}
}
