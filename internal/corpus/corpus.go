// Package corpus turns the public postmortems in ../shared/corpus (the
// icco/postmortems data, read at run time and never copied into fupan)
// into draft reviews in memory, so that tests run the checker, the search
// and the site on real text nobody here wrote.
package corpus

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing/fstest"
	"time"

	"go.yaml.in/yaml/v3"
)

// Dir returns the folder of the corpus's Markdown files, looked for beside
// the repository (../shared/corpus/icco-postmortems/data), or "".
func Dir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ""
	}
	// internal/corpus/corpus.go → the repository's parent.
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "corpus", "icco-postmortems", "data")
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		return dir
	}
	return ""
}

// postmortem is the front matter of a corpus file.
type postmortem struct {
	UUID       string   `yaml:"uuid"`
	URL        string   `yaml:"url"`
	Title      string   `yaml:"title"`
	StartTime  string   `yaml:"start_time"`
	Published  string   `yaml:"source_published_at"`
	Fetched    string   `yaml:"source_fetched_at"`
	Categories []string `yaml:"categories"`
	Keywords   []string `yaml:"keywords"`
	Company    string   `yaml:"company"`
	Product    string   `yaml:"product"`
	Summary    string   `yaml:"summary"`
}

// Load converts every postmortem in dir into a draft review: the title,
// the date from start_time (else the day it was fetched), the company and
// product as services, categories and keywords as tags, the summary, and
// the body. It returns a repository as an fs.FS (files under reviews/).
func Load(dir string) (fstest.MapFS, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := fstest.MapFS{}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		name, review, err := convert(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		if _, dup := out["reviews/"+name]; dup {
			return nil, fmt.Errorf("%s: two postmortems convert to %s", e.Name(), name)
		}
		out["reviews/"+name] = &fstest.MapFile{Data: review, Mode: 0o644}
	}
	return out, nil
}

func convert(data []byte) (name string, review []byte, err error) {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return "", nil, fmt.Errorf("no front matter")
	}
	front, body, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		return "", nil, fmt.Errorf("front matter not closed")
	}
	var p postmortem
	if err := yaml.Unmarshal(front, &p); err != nil {
		return "", nil, err
	}
	date := "2000-01-01" // the day is unknown
	for _, s := range []string{p.StartTime, p.Published, p.Fetched} {
		if t, ok := parseDay(s); ok {
			date = t
			break
		}
	}
	title := strings.TrimSpace(p.Title)
	if title == "" {
		title = strings.TrimSpace(p.Company + " " + p.Product + " incident")
	}
	summary := strings.TrimSpace(p.Summary)
	if summary == "" {
		summary = firstParagraph(string(body))
	}
	var services []string
	for _, s := range []string{p.Product, p.Company} {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(services, s) {
			services = append(services, s)
		}
	}
	if len(services) == 0 {
		services = []string{"unknown"}
	}
	var tags []string
	for _, t := range append(slices.Clone(p.Categories), p.Keywords...) {
		if t = tag(t); t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	if len([]rune(title)) > 120 {
		title = string([]rune(title)[:119]) + "…"
	}
	fm := map[string]any{
		"title":    title,
		"date":     date,
		"status":   "draft",
		"severity": "SEV3",
		"services": services,
		"summary":  summary,
	}
	if len(tags) > 0 {
		fm["tags"] = tags
	}
	y, err := yaml.Marshal(fm)
	if err != nil {
		return "", nil, err
	}
	id := p.UUID
	if len(id) > 8 {
		id = id[:8]
	}
	slug := tag(p.Company + " " + id)
	src := fmt.Sprintf("Source: <%s>\n\n", p.URL)
	return date + "-" + slug + ".md", []byte("---\n" + string(y) + "---\n\n" + src + string(body)), nil
}

// parseDay returns the YYYY-MM-DD of an RFC 3339 timestamp or a date.
func parseDay(s string) (string, bool) {
	for _, layout := range []string{time.RFC3339Nano, time.DateOnly} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t.UTC().Format(time.DateOnly), true
		}
	}
	return "", false
}

// firstParagraph is the body's first paragraph of prose, at most 400
// characters, for a postmortem without a summary.
func firstParagraph(body string) string {
	for _, para := range strings.Split(body, "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" || strings.HasPrefix(para, "#") || strings.HasPrefix(para, "---") {
			continue
		}
		if r := []rune(para); len(r) > 400 {
			para = string(r[:399]) + "…"
		}
		return para
	}
	return "(no summary)"
}

// tag makes a tag of a category or keyword: lowercase [a-z0-9-]+.
func tag(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + ('a' - 'A')
		}
		return '-'
	}, s)
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "-")
	}
	return strings.Trim(s, "-")
}
