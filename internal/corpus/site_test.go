package corpus

import (
	"bytes"
	"html"
	"strings"
	"testing"

	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/theme"
)

// The site of 242 real postmortems: every one gets a page, no page holds
// more script or iframe tags than the template's own (real prose, with its
// angle brackets and links, never becomes markup), and two builds are
// byte-identical.
func TestCorpusSite(t *testing.T) {
	repo := load(t)
	files, err := site.Build(repo, site.Options{Theme: theme.FS(), BaseURL: "https://acme.github.io/reviews/"})
	if err != nil {
		t.Fatal(err)
	}
	again, err := site.Build(repo, site.Options{Theme: theme.FS(), BaseURL: "https://acme.github.io/reviews/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(again) {
		t.Fatalf("two builds wrote %d and %d files", len(files), len(again))
	}
	for name, data := range files {
		if !bytes.Equal(data, again[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}

	tags := func(page []byte) (scripts, frames int) {
		lower := bytes.ToLower(page)
		return bytes.Count(lower, []byte("<script")), bytes.Count(lower, []byte("<iframe"))
	}
	wantScripts := -1
	for _, r := range repo.Reviews {
		name := "reviews/" + r.ID + "/index.html"
		page, ok := files[name]
		if !ok {
			t.Errorf("no page %s for %s", name, r.Path)
			continue
		}
		if !bytes.Contains(page, []byte("<h1")) || !strings.Contains(string(page), html.EscapeString(r.Title)) {
			t.Errorf("%s: the title %q is not on the page", name, r.Title)
		}
		s, f := tags(page)
		if wantScripts < 0 {
			wantScripts = s
		}
		if s != wantScripts || f != 0 {
			t.Errorf("%s: %d script and %d iframe tags, want the template's %d and 0", name, s, f, wantScripts)
		}
	}
}
