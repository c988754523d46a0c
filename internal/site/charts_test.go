package site

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/fupan/fupan/reviews"
)

// TestInsights checks the figures of the insights page on the examples:
// a failure inside the process is no dependency, every median comes with
// its sample size, and the bars of the top lists are to one scale.
func TestInsights(t *testing.T) {
	files := build(t, reviews.Repo(), Options{})
	page := string(files["insights/index.html"])
	if strings.Contains(page, "in-process") {
		t.Error("the insights count a failure inside the process as a dependency")
	}
	for name := range files {
		if strings.HasPrefix(name, "dependencies/") && strings.Contains(name, "in-process") {
			t.Errorf("a dependency page for an in-process failure: %s", name)
		}
	}

	rows := regexp.MustCompile(`<tr><th scope="row">(\d{4} Q\d)</th><td>([^<]*)(?:<span class="n">n = (\d+)</span>)?</td>`).FindAllStringSubmatch(page, -1)
	if len(rows) < 4 {
		t.Fatalf("%d quarters in the medians' table", len(rows))
	}
	for _, r := range rows {
		if strings.TrimSpace(r[2]) != "—" && r[3] == "" {
			t.Errorf("%s: a median without its sample size: %q", r[1], r[0])
		}
	}

	bars := regexp.MustCompile(`<span class="n">(\d+)</span><span class="bar" style="width: ([\d.]+)%"></span>`).FindAllStringSubmatch(page, -1)
	scale := regexp.MustCompile(`a full bar is (\d+) `).FindStringSubmatch(page)
	if len(bars) == 0 || scale == nil {
		t.Fatal("no bars or no scale in the top lists")
	}
	full, _ := strconv.Atoi(scale[1])
	for _, b := range bars[:min(10, len(bars))] { // the exceptions' list, whose scale is the first
		n, _ := strconv.Atoi(b[1])
		pct, _ := strconv.ParseFloat(b[2], 64)
		if want := 100 * float64(n) / float64(full); pct < want-0.1 || pct > want+0.1 {
			t.Errorf("a bar of %d is %.1f%% of a scale of %d, want %.1f%%", n, pct, full, want)
		}
	}
}

func TestIsDependency(t *testing.T) {
	for dep, want := range map[string]bool{
		"redis://prod-cache:6379":         true,
		"kafka topic session-revocations": true,
		"none (in-process)":               false,
		"None":                            false,
		"n/a":                             false,
		"in-process cache":                false,
		"无（进程内）":                          false,
		"":                                false,
	} {
		if got := isDependency(dep); got != want {
			t.Errorf("isDependency(%q) = %v, want %v", dep, got, want)
		}
	}
}
