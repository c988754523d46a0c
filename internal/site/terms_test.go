package site

import (
	"errors"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/theme"
)

// hostileTerms is a review whose services, dependency and exceptions are
// names a term's folder must not take as they are: the site's own
// index.html, names a file system has a use for, and names that differ
// only where a file system may not tell them apart (the last is 한 in
// jamo).
const hostileTerms = `---
title: Terms named like files
date: 2026-01-05
status: draft
severity: SEV3
services: [index.html, INDEX.HTML, index-html, "..", ".", "-", con, Con.txt, nul.tar.gz, a.htm, x, σ, ς, ſ, s, 한, ` + "\u1112\u1161\u11ab" + `]
summary: 3 requests failed.
failure:
  dependency: index.html
  exceptions: [index.html, Index.html]
---
`

// TestTermPaths: whatever the terms are called, every term has a page of
// its own, and no page is a folder of another, nor shares its path with
// another on a file system that ignores case and Unicode normalisation;
// the site writes to disk.
func TestTermPaths(t *testing.T) {
	fsys := fstest.MapFS{"reviews/2026-01-05-terms.md": {Data: []byte(hostileTerms)}}
	files := build(t, fsys, Options{})

	// As macOS and Windows compare names, told here by x/text, not by
	// the code under test.
	fold := func(s string) string { return cases.Fold().String(norm.NFC.String(s)) }
	folded := map[string]string{}
	for _, name := range files.Names() {
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			if _, ok := files[dir]; ok {
				t.Errorf("%s is a file and the folder of %s", dir, name)
			}
		}
		if other, ok := folded[fold(name)]; ok {
			t.Errorf("%s and %s are the same file where case and normalisation are ignored", other, name)
		}
		folded[fold(name)] = name
	}
	s, err := newSite(load(t, fsys), Options{Theme: theme.FS()}, newRenderer(false), nil)
	if err != nil {
		t.Fatal(err)
	}
	terms := 0
	for _, k := range kinds {
		for _, term := range s.ix.byKind[k.Dir] {
			terms++
			page := string(files[term.URL()+"index.html"])
			if !strings.Contains(page, "<span class=\"count\">") {
				t.Errorf("%s %q: no page of its own at %s", k.Dir, term.Name, term.URL())
			}
			if strings.HasSuffix(term.Slug, ".html") || strings.HasSuffix(term.Slug, ".htm") {
				t.Errorf("%s %q: slug %q ends like a page", k.Dir, term.Name, term.Slug)
			}
		}
		if idx := string(files[k.Dir+"/index.html"]); !strings.Contains(idx, `<ul class="terms">`) {
			t.Errorf("%s/index.html is not the index of %s", k.Dir, k.Dir)
		}
	}
	if terms < 20 {
		t.Errorf("only %d terms", terms)
	}
	if err := files.WriteDir(t.TempDir()+"/public", ""); err != nil {
		t.Errorf("WriteDir: %v", err)
	}
}

// A build error that a review's content causes names the review and the
// field, and, as a finding, their line and column.
func TestBuildErrorNamesReview(t *testing.T) {
	const rv = "---\ntitle: Boom\ndate: 2026-01-05\nstatus: draft\nseverity: SEV3\nservices: [order-api, boom]\nsummary: 3 requests failed.\n---\n\nBody.\n"
	fsys := fstest.MapFS{"reviews/2026-01-05-boom.md": {Data: []byte(rv)}}
	for _, tc := range []struct {
		name, file, tmpl string
		want             string // the error
		wantFinding      string // the finding
	}{
		{
			name:        "a term page",
			file:        "templates/term.html",
			tmpl:        `{{define "main"}}{{if eq .Data.Name "boom"}}{{index .Data.Reviews 9}}{{end}}{{end}}`,
			want:        `reviews/2026-01-05-boom.md: services[1] "boom": render services/boom/index.html: template: term.html:1:46: executing "main" at <index .Data.Reviews 9>: error calling index: index out of range: 9`,
			wantFinding: `reviews/2026-01-05-boom.md:6:23: cannot build the site: services[1] "boom": render services/boom/index.html: template: term.html:1:46: executing "main" at <index .Data.Reviews 9>: error calling index: index out of range: 9`,
		},
		{
			name:        "a review page",
			file:        "templates/review.html",
			tmpl:        `{{define "main"}}{{index .Data.Services 9}}{{end}}`,
			want:        `reviews/2026-01-05-boom.md: render reviews/2026-01-05-boom/index.html: template: review.html:1:19: executing "main" at <index .Data.Services 9>: error calling index: index out of range: 9`,
			wantFinding: `reviews/2026-01-05-boom.md:1:1: cannot build the site: render reviews/2026-01-05-boom/index.html: template: review.html:1:19: executing "main" at <index .Data.Services 9>: error calling index: index out of range: 9`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			th := theme.Overlay(fstest.MapFS{tc.file: {Data: []byte(tc.tmpl)}}, theme.FS())
			_, err := Build(load(t, fsys), Options{Theme: th})
			if err == nil {
				t.Fatal("Build succeeded, want an error")
			}
			if err.Error() != tc.want {
				t.Errorf("error:\n got %s\nwant %s", err, tc.want)
			}
			re, ok := errors.AsType[*ReviewError](err)
			if !ok {
				t.Fatalf("error %T is not a *ReviewError", err)
			}
			f := re.Finding(fsys)
			if f.Severity != review.Error || f.Error() != tc.wantFinding {
				t.Errorf("finding:\n got %s: %s\nwant %s", f.Severity, f.Error(), tc.wantFinding)
			}
		})
	}
}
