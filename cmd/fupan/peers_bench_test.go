package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkPeers10k times a cold 'fupan build' of 10,000 generated
// reviews against its peers on the same files, in the same run: Hugo
// building a minimal site of the reviews, then Pagefind indexing it for
// search. Each runs as a process; the benchmark reports the wall time,
// CPU time and peak RSS of each, and the ratios fupan / (Hugo + Pagefind)
// of wall time (goal: at most 0.25) and of CPU time.
//
// It skips when hugo or pagefind is missing. To install them (Debian):
//
//	apt-get install -y hugo
//	npm install -g pagefind
//
// The benchmarks of this file are not run in CI.
func BenchmarkPeers10k(b *testing.B) { benchPeers(b, 10_000) }

// BenchmarkPeers30k is BenchmarkPeers10k at 30,000 reviews.
func BenchmarkPeers30k(b *testing.B) { benchPeers(b, 30_000) }

// BenchmarkPeers1k is BenchmarkPeers10k at 1,000 reviews.
func BenchmarkPeers1k(b *testing.B) { benchPeers(b, 1_000) }

func benchPeers(b *testing.B, n int) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		b.Skip("no hugo: apt-get install -y hugo")
	}
	pagefind, err := exec.LookPath("pagefind")
	if err != nil {
		b.Skip("no pagefind: npm install -g pagefind")
	}
	bin := buildFupan(b)
	dir := benchBuildRepo(b, n)
	site := hugoSite(b, filepath.Join(dir, "reviews"))
	out := filepath.Join(b.TempDir(), "site")
	for b.Loop() {
		f := coldBuild(b, bin, dir, out)

		// Hugo cold: no output, no cache of an earlier run.
		for _, p := range []string{"public", "resources", "cache"} {
			if err := os.RemoveAll(filepath.Join(site, p)); err != nil {
				b.Fatal(err)
			}
		}
		h := runChild(b, site, hugo, "--quiet", "--cacheDir", filepath.Join(site, "cache"))
		p := runChild(b, site, pagefind, "--site", "public")
		if files, _ := treeSize(b, filepath.Join(site, "public", "pagefind")); files == 0 {
			b.Fatal("pagefind wrote no index")
		}

		peers := h.wall + p.wall
		b.ReportMetric(f.wall.Seconds(), "fupan-s")
		b.ReportMetric(h.wall.Seconds(), "hugo-s")
		b.ReportMetric(p.wall.Seconds(), "pagefind-s")
		b.ReportMetric(f.wall.Seconds()/peers.Seconds(), "fupan/peers")
		b.ReportMetric(f.cpu.Seconds(), "fupan-cpu-s")
		b.ReportMetric((h.cpu + p.cpu).Seconds(), "peers-cpu-s")
		b.ReportMetric(f.cpu.Seconds()/(h.cpu+p.cpu).Seconds(), "fupan/peers-cpu")
		b.ReportMetric(float64(f.peakRSS)/mib, "fupan-MiB")
		b.ReportMetric(float64(h.peakRSS)/mib, "hugo-MiB")
		b.ReportMetric(float64(p.peakRSS)/mib, "pagefind-MiB")
		b.Logf("%d reviews: fupan %v, CPU %v (%d MiB); hugo %v, CPU %v (%d MiB) + pagefind %v, CPU %v (%d MiB): ratio %.2f, of CPU %.2f",
			n, f.wall.Round(1e6), f.cpu.Round(1e6), f.peakRSS/mib, h.wall.Round(1e6), h.cpu.Round(1e6), h.peakRSS/mib,
			p.wall.Round(1e6), p.cpu.Round(1e6), p.peakRSS/mib, f.wall.Seconds()/peers.Seconds(), f.cpu.Seconds()/(h.cpu+p.cpu).Seconds())
	}
}

// hugoSite writes a minimal Hugo site whose content is the review files
// in reviews (their YAML front matter is Hugo's too): a page per review,
// list pages of its sections and of the tags and services taxonomies,
// each with a body Pagefind indexes.
func hugoSite(b *testing.B, reviews string) string {
	b.Helper()
	site := filepath.Join(b.TempDir(), "hugo")
	page := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main data-pagefind-body><h1>{{ .Title }}</h1>%s</main></body></html>
`
	files := map[string]string{
		"config.toml": fmt.Sprintf(`baseURL = "https://example.com/"
title = "Bench"
contentDir = %q
disableKinds = ["RSS"]
[taxonomies]
  tag = "tags"
  service = "services"
[markup.goldmark.renderer]
  unsafe = false
`, reviews),
		"layouts/_default/single.html": fmt.Sprintf(page, `<p>{{ .Params.summary }}</p>{{ .Content }}`),
		"layouts/_default/list.html":   fmt.Sprintf(page, `<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>`),
	}
	for name, data := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return site
}
