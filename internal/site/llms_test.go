package site

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/reviews"
)

// TestLLMS checks llms.txt against the format of llmstxt.org: an H1, a
// blockquote, paragraphs, then H2 sections of link lists, "Optional"
// last; every review once, newest first, linked to its Markdown source.
func TestLLMS(t *testing.T) {
	repo := load(t, reviews.FS())
	files := build(t, reviews.FS(), Options{})
	text := string(files["llms.txt"])
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if lines[0] != "# Incident reviews" || lines[1] != "" || !strings.HasPrefix(lines[2], "> 17 incident reviews") {
		t.Fatalf("llms.txt begins:\n%s", strings.Join(lines[:3], "\n"))
	}
	var sections []string
	for _, l := range lines {
		if h, ok := strings.CutPrefix(l, "## "); ok {
			sections = append(sections, h)
		}
		if strings.HasPrefix(l, "# ") && l != lines[0] {
			t.Errorf("a second H1: %q", l)
		}
	}
	if got := strings.Join(sections, ", "); got != "Data, Reviews, Optional" {
		t.Errorf("sections %s", got)
	}
	// Relative links without a base URL: reviews.json, each source.
	for _, want := range []string{"- [reviews.json](reviews.json): ", "- [reviews.schema.json](reviews.schema.json): "} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q", want)
		}
	}
	last := -1
	newest := slices.Clone(repo.Reviews)
	slices.SortFunc(newest, review.NewestFirst)
	for _, rv := range newest {
		item := "- [" + rv.Title + "](reviews/" + rv.ID + "/index.md): " + rv.Date + " · "
		i := strings.Index(text, item)
		if i < 0 || strings.Count(text, "(reviews/"+rv.ID+"/index.md)") != 1 {
			t.Errorf("no single item %q", item)
			continue
		}
		if i < last {
			t.Errorf("%s out of order: newest first", rv.ID)
		}
		last = i
	}
}

// TestLLMSHostile: a title or summary cannot break a link or a line.
func TestLLMSHostile(t *testing.T) {
	fsys := fstest.MapFS{"reviews/2026-01-05-x.md": {Data: []byte("---\ntitle: \"a ](javascript:x) [b\\\\\\n# c\"\ndate: 2026-01-05\nstatus: draft\nseverity: SEV3\nservices: [a]\nsummary: |\n  3 failed.\n  ## Not a section\n---\n")}}
	files := build(t, fsys, Options{BaseURL: "https://acme.github.io/r/"})
	text := string(files["llms.txt"])
	want := "- [a \\](javascript:x) \\[b\\\\ # c](https://acme.github.io/r/reviews/2026-01-05-x/index.md): 2026-01-05 · SEV3 · a. 3 failed. ## Not a section\n"
	if !strings.Contains(text, want) {
		t.Errorf("llms.txt lacks\n%s\nin\n%s", want, text)
	}
	if strings.Count(text, "\n## ") != 3 {
		t.Errorf("a summary made a section:\n%s", text)
	}
}
