package site

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/reviews"
	"github.com/fupan/fupan/theme"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// load reads and checks a repository and fails on any error finding.
func load(t testing.TB, fsys fs.FS) *review.Repo {
	t.Helper()
	repo, err := review.Load(fsys, review.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range repo.Findings {
		if f.Severity == review.Error {
			t.Fatalf("fixture has an error: %v", &f)
		}
	}
	return repo
}

func build(t testing.TB, fsys fs.FS, opt Options) Files {
	t.Helper()
	if opt.Theme == nil {
		opt.Theme = theme.FS()
	}
	files, err := Build(load(t, fsys), opt)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestGolden compares representative pages with testdata/golden; run
// with -update to rewrite them after an intended change.
func TestGolden(t *testing.T) {
	files := build(t, os.DirFS("testdata/repo"), Options{BaseURL: "https://acme.github.io/reviews/"})
	for _, name := range []string{
		"index.html",
		"reviews/2025-03-18-profile-cache-redis-timeout/index.html",
		"reviews/2026-09-30-profile-cache-timeout-again/index.html",
		"exceptions/requests.exceptions.readtimeout/index.html",
		"actions/index.html",
		"insights/index.html",
		"404.html",
		"atom.xml",
		"llms.txt",
	} {
		t.Run(name, func(t *testing.T) {
			got, ok := files[name]
			if !ok {
				t.Fatalf("no %s in the site; have %v", name, files.Names())
			}
			golden := filepath.Join("testdata", "golden", strings.ReplaceAll(name, "/", "__"))
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s differs from %s (-want +got):\n%s", name, golden, diff)
			}
		})
	}
}

// TestWholeSite builds the example reviews from memory and checks that
// every kind of page is there.
func TestWholeSite(t *testing.T) {
	files := build(t, reviews.FS(), Options{})
	for _, name := range []string{
		"index.html", "reviews/index.html", "actions/index.html", "insights/index.html",
		"search/index.html", "404.html", "atom.xml", "reviews.json", "sitemap.xml", "llms.txt",
		"assets/style.css", "assets/site.js", "assets/chroma.css",
		"exceptions/index.html", "services/index.html", "dependencies/index.html", "tags/index.html", "years/index.html",
		"exceptions/requests.exceptions.readtimeout/index.html",
	} {
		if _, ok := files[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
	repo := load(t, reviews.FS())
	for _, rv := range repo.Reviews {
		if _, ok := files["reviews/"+rv.ID+"/index.html"]; !ok {
			t.Errorf("no page for %s", rv.ID)
		}
		// The Markdown source beside the page, as the file is written.
		src, err := fs.ReadFile(reviews.FS(), rv.Path)
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := files["reviews/"+rv.ID+"/index.md"]; !ok || !bytes.Equal(got, src) {
			t.Errorf("reviews/%s/index.md is not %s", rv.ID, rv.Path)
		}
	}
}

func TestChinese(t *testing.T) {
	fsys := fstest.MapFS{"fupan.yaml": {Data: []byte("language: zh-CN\n")}}
	for name, f := range reviews.FS().(fstest.MapFS) {
		fsys[name] = f
	}
	files := build(t, fsys, Options{})
	home := string(files["index.html"])
	for _, want := range []string{`<html lang="zh-CN">`, "最近的复盘", "跳到正文"} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a := build(t, reviews.FS(), Options{})
	b := build(t, reviews.FS(), Options{})
	if diff := cmp.Diff(a.Names(), b.Names()); diff != "" {
		t.Fatalf("file lists differ:\n%s", diff)
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func TestWriteDir(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	files := build(t, reviews.FS(), Options{})
	if err := files.WriteDir(out, ""); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "stale.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A rebuild replaces the folder: the stale file is gone.
	if err := files.WriteDir(out, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "stale.html")); err == nil {
		t.Error("stale.html survived a rebuild")
	}
	got, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil || !bytes.Equal(got, files["index.html"]) {
		t.Errorf("index.html on disk differs: %v", err)
	}
}

// TestWriteDirFailure: a write that fails leaves the previous site whole
// and no temporary folder behind.
func TestWriteDirFailure(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	good := Files{"index.html": []byte("good"), "a/b.html": []byte("b")}
	if err := good.WriteDir(out, ""); err != nil {
		t.Fatal(err)
	}
	bad := Files{"index.html": []byte("new"), "zz/../../escape.html": []byte("x")}
	if err := bad.WriteDir(out, ""); err == nil {
		t.Fatal("WriteDir of an invalid path succeeded")
	}
	if got, _ := os.ReadFile(filepath.Join(out, "index.html")); string(got) != "good" {
		t.Errorf("index.html = %q after a failed build, want the previous %q", got, "good")
	}
	if got, _ := os.ReadFile(filepath.Join(out, "a", "b.html")); string(got) != "b" {
		t.Errorf("a/b.html = %q after a failed build", got)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("left behind: %v", names)
	}
}

var linkRE = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// TestLinksResolve: under a sub-path, every link of every page is
// external, or relative and resolves to a file of the site (404.html, shown
// at any depth, is prefixed with the base path instead).
func TestLinksResolve(t *testing.T) {
	const base = "/reviews/"
	files := build(t, reviews.FS(), Options{BaseURL: "https://acme.github.io" + base})
	checked := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range linkRE.FindAllSubmatch(data, -1) {
			link := strings.ReplaceAll(string(m[1]), "&amp;", "&")
			if strings.HasPrefix(link, "https://") || strings.HasPrefix(link, "http://") || strings.HasPrefix(link, "mailto:") {
				continue
			}
			target, _, _ := strings.Cut(link, "#")
			target, _, _ = strings.Cut(target, "?")
			if target == "" {
				continue // a fragment of the same page
			}
			var p string
			if name == "404.html" {
				if !strings.HasPrefix(target, base) {
					t.Errorf("404.html: link %q is not under %s", link, base)
					continue
				}
				p = strings.TrimPrefix(target, base)
			} else {
				if strings.HasPrefix(target, "/") {
					t.Errorf("%s: link %q is absolute", name, link)
					continue
				}
				p = path.Join(path.Dir(name), target)
			}
			if strings.HasPrefix(p, "..") {
				t.Errorf("%s: link %q leaves the site", name, link)
				continue
			}
			if p == "." || strings.HasSuffix(target, "/") {
				p = path.Join(p, "index.html")
			}
			if _, ok := files[p]; !ok && !strings.HasPrefix(p, "_fupan/") {
				t.Errorf("%s: link %q → %s, not in the site", name, link, p)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("checked only %d links", checked)
	}

	// llms.txt links with the base URL, to files of the site.
	llms := 0
	for _, m := range llmsLinkRE.FindAllStringSubmatch(string(files["llms.txt"]), -1) {
		p, ok := strings.CutPrefix(m[1], "https://acme.github.io"+base)
		if !ok {
			t.Errorf("llms.txt: link %q is not under the base URL", m[1])
			continue
		}
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		if _, ok := files[p]; !ok {
			t.Errorf("llms.txt: link %q → %s, not in the site", m[1], p)
		}
		llms++
	}
	if repo := load(t, reviews.FS()); llms < len(repo.Reviews)+3 {
		t.Errorf("llms.txt: %d links for %d reviews", llms, len(repo.Reviews))
	}
}

// llmsLinkRE is a link of a list item of llms.txt: "- [text](URL)".
var llmsLinkRE = regexp.MustCompile(`(?m)^- \[(?:[^\]\\]|\\.)*\]\(([^)]*)\)`)

// TestHostile: what a review says never reaches the HTML unescaped.
func TestHostile(t *testing.T) {
	const hostile = `---
title: <script>alert("title")</script> broke
date: 2026-01-05
status: draft
severity: SEV3
services: ["<b>svc</b>"]
tags: [xss]
summary: 12% of requests failed <img src=x onerror=alert("summary")>
actions:
  - {do: "<script>alert('do')</script>", owner: team-a, status: open, link: "javascript:alert('action')"}
---

Hello <img src=x onerror=alert("body")> and <script>alert("body")</script>.

[click](javascript:alert('link')) and [data](data:text/html;base64,PHNjcmlwdD4=)
and <a href="javascript:alert('raw')">raw</a>.

<iframe src="https://evil.example"></iframe>
`
	fsys := fstest.MapFS{"reviews/2026-01-05-hostile.md": {Data: []byte(hostile)}}
	files := build(t, fsys, Options{})
	bad := regexp.MustCompile(`(?i)<script>alert|<img|javascript:|<iframe|<b>svc|data:text/html`)
	pages := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".xml") {
			continue
		}
		pages++
		if m := bad.Find(data); m != nil {
			i := bytes.Index(data, m)
			t.Errorf("%s holds %q: …%s…", name, m, data[max(0, i-80):min(len(data), i+80)])
		}
	}
	if !bytes.Contains(files["reviews/2026-01-05-hostile/index.html"], []byte("&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; broke")) {
		t.Error("the title is not shown escaped")
	}
	if pages < 10 {
		t.Errorf("only %d pages", pages)
	}
}

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"requests.exceptions.ConnectTimeout", "requests.exceptions.connecttimeout"},
		{"runtime error: invalid memory address or nil pointer dereference", "runtime-error-invalid-memory-address-or-nil-pointer-dereference"},
		{"redis://prod-cache:6379", "redis-prod-cache-6379"},
		{"com.acme.Outer$Inner", "com.acme.outer-inner"},
		{"缓存", "缓存"},
		{"../..", "x"},
		{"", "x"},
		{".", "x"},
		{"-", "x"},
		// Never the site's index.html, nor like a page.
		{"index.html", "index-html"},
		{"INDEX.HTML", "index-html"},
		{"a.htm", "a-htm"},
		{"page.html.bak", "page.html.bak"},
		// Never a name Windows keeps for a device.
		{"con", "con_"},
		{"Con.txt", "con_.txt"},
		{"lpt9.tar.gz", "lpt9_.tar.gz"},
		{"console", "console"},
		// Cut at 80 bytes inside 缓: the split rune goes, then the "-".
		{strings.Repeat("a", 78) + "-缓存", strings.Repeat("a", 78)},
	}
	for _, tt := range tests {
		if got := slugify(tt.in); got != tt.want {
			t.Errorf("slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSafeLink(t *testing.T) {
	for in, want := range map[string]string{
		"https://jira.example/X-1": "https://jira.example/X-1",
		"javascript:alert(1)":      "",
		" JavaScript:alert(1)":     "",
		"mailto:team@example.com":  "mailto:team@example.com",
		"/relative":                "",
	} {
		if got := safeLink(in); got != want {
			t.Errorf("safeLink(%q) = %q, want %q", in, got, want)
		}
	}
}

// With more severities than the theme has colours, every severity beyond
// the fourth takes the fourth's class, on every page alike.
func TestManySeverities(t *testing.T) {
	fsys := fstest.MapFS{
		"fupan.yaml": {Data: []byte("severities: [P0, P1, P2, P3, P4, P5]\n")},
	}
	for i, sev := range []string{"P0", "P5"} {
		date := fmt.Sprintf("2026-01-0%d", i+1)
		fsys["reviews/"+date+"-x.md"] = &fstest.MapFile{Data: []byte("---\ntitle: X\ndate: " + date +
			"\nstatus: draft\nseverity: " + sev + "\nservices: [a]\nsummary: 3 failed.\n---\n")}
	}
	files := build(t, fsys, Options{})
	for _, name := range []string{"index.html", "insights/index.html", "reviews/2026-01-02-x/index.html"} {
		page := string(files[name])
		if page == "" {
			t.Fatalf("no %s", name)
		}
		if strings.Contains(page, "sev5") || strings.Contains(page, "sev6") {
			t.Errorf("%s uses a severity class the theme has no colour for (sev5 or sev6)", name)
		}
		if !strings.Contains(page, "sev4") {
			t.Errorf("%s: P5 should take the class sev4", name)
		}
	}
}
