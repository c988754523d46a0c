package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/internal/webindex"
	"github.com/fupan/fupan/theme"
)

// The limits of the static hosts a site is published to.
const (
	cloudflareFiles = 20_000  // Cloudflare Pages: files per site
	githubPagesSize = 1 << 30 // GitHub Pages: bytes per site
)

// BenchmarkSiteSize1k builds the site of 1,000 generated reviews (as
// BenchmarkBuildPhases does, without git) and reports its files and bytes,
// and where they go (review pages, Markdown sources, search export,
// the rest; in all and per review), against the hosts' limits: Cloudflare Pages' 20,000 files
// and GitHub Pages' 1 GB.
func BenchmarkSiteSize1k(b *testing.B) { benchSiteSize(b, 1_000) }

// BenchmarkSiteSize10k is BenchmarkSiteSize1k at 10,000 reviews.
func BenchmarkSiteSize10k(b *testing.B) { benchSiteSize(b, 10_000) }

// BenchmarkSiteSize30k is BenchmarkSiteSize1k at 30,000 reviews.
func BenchmarkSiteSize30k(b *testing.B) { benchSiteSize(b, 30_000) }

// BenchmarkSiteSize100k is BenchmarkSiteSize1k at 100,000 reviews: it
// takes minutes and gigabytes.
func BenchmarkSiteSize100k(b *testing.B) { benchSiteSize(b, 100_000) }

func benchSiteSize(b *testing.B, n int) {
	dir := benchBuildRepo(b, n)
	fsys := os.DirFS(dir)
	for b.Loop() {
		repo, err := review.Load(fsys, review.Options{})
		if err != nil {
			b.Fatal(err)
		}
		ix, err := search.Open(context.Background(), fsys, search.Options{})
		if err != nil {
			b.Fatal(err)
		}
		files, err := site.Build(repo, site.Options{Theme: theme.FS()})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := webindex.Write(files, ix, repo.Reviews); err != nil {
			b.Fatal(err)
		}
		ix.Close()

		type part struct{ files, bytes int }
		parts := map[string]*part{}
		total := part{}
		for name, data := range files {
			k := sizeClass(name)
			if parts[k] == nil {
				parts[k] = &part{}
			}
			parts[k].files++
			parts[k].bytes += len(data)
			total.files++
			total.bytes += len(data)
		}
		var lines []string
		for k, p := range parts {
			lines = append(lines, fmt.Sprintf("%-26s %7d files %8.1f MB", k, p.files, float64(p.bytes)/1e6))
			// As metrics too: a benchmark's log is cut at ten lines.
			b.ReportMetric(float64(p.bytes)/float64(n)/1e3, "kB/review:"+strings.NewReplacer(" ", "-", "/", "").Replace(k))
		}
		sort.Strings(lines)
		b.Logf("%d reviews: %d files, %.1f MB\n%s", n, total.files, float64(total.bytes)/1e6, strings.Join(lines, "\n"))
		b.ReportMetric(float64(total.files), "files")
		b.ReportMetric(float64(total.bytes)/1e6, "MB")
		b.ReportMetric(float64(total.bytes)/float64(n)/1e3, "kB/review")
		b.ReportMetric(float64(total.files)/cloudflareFiles, "files/cloudflare-limit")
		b.ReportMetric(float64(total.bytes)/githubPagesSize, "bytes/github-pages-limit")
	}
}

// sizeClass is the part of the site a file belongs to, for the report.
func sizeClass(name string) string {
	switch {
	case strings.HasPrefix(name, webindex.Dir):
		rest := strings.TrimPrefix(name, webindex.Dir)
		if i := strings.IndexAny(rest, "./"); i > 0 {
			return "search export " + rest[:i]
		}
		return "search export"
	case strings.HasPrefix(name, "reviews/") && strings.HasSuffix(name, "/index.html") && strings.Count(name, "/") == 2 && !strings.HasPrefix(name, "reviews/page/"):
		return "review pages"
	case strings.HasPrefix(name, "reviews/") && (strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".txt")):
		return "review sources"
	}
	if i := strings.IndexByte(name, '/'); i > 0 {
		return name[:i] + "/"
	}
	return "(root files)"
}
