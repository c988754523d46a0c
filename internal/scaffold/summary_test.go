package scaffold

import (
	"bytes"
	"errors"
	"flag"
	htmlstd "html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
	"go.yaml.in/yaml/v3"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// summaryScript returns the run: script of the step that writes the check
// summary in fupan's reusable workflow.
func summaryScript(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, ".github", "workflows", "fupan.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				ID  string `yaml:"id"`
				Run string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatal(err)
	}
	for _, s := range wf.Jobs["check"].Steps {
		if s.ID == "summary" {
			return s.Run
		}
	}
	t.Fatal("fupan.yml: no step with id summary in job check")
	return ""
}

// TestSummaryStep runs the summary step's script as GitHub Actions would
// (bash -eo pipefail), with a stand-in fupan that prints canned JSON, and
// compares the step summary it writes with testdata/summary/NAME.md.
func TestSummaryStep(t *testing.T) {
	for _, tool := range []string{"bash", "jq"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (it is on GitHub's runners)", tool)
		}
	}
	script := summaryScript(t)
	tests := []struct {
		name     string
		baseRef  string // github.base_ref: empty outside a pull request
		json     string // what fupan check --format json prints
		status   int    // and its exit status
		wantArgs string
		wantExit int
		// wantFiles are the file cells of the table as GitHub shows them.
		wantFiles []string
	}{
		{
			name:     "clean",
			json:     "[]\n",
			wantArgs: "check --repo . --format json",
		},
		{
			name:    "pull-request",
			baseRef: "main",
			json: `[
  {"file": "reviews/2026-02-16-a.md", "line": 4, "col": 11, "severity": "error", "field": "severity", "message": "severity \"SEV9\" is not one of SEV1 | SEV2 | SEV3 | SEV4"},
  {"file": "reviews/2026-02-16-a.md", "line": 9, "col": 3, "severity": "warning", "field": "summary", "message": "a summary with no measured number:\nsay what was <measured>"}
]
`,
			status:    1,
			wantArgs:  "check --repo . --format json --changed-since origin/main",
			wantFiles: []string{"reviews/2026-02-16-a.md", "reviews/2026-02-16-a.md"},
		},
		{
			// A file name and messages that try to end the row, start
			// another, link or format, or act on a terminal; a branch
			// name with Markdown in it.
			name:    "hostile",
			baseRef: "feat/*x*|<b>",
			json: `[
  {"file": "reviews/a\n| ❌ error | ` + "`" + `reviews/fake.md` + "`" + ` | 1 | x | fake |\n.md", "line": 1, "col": 1, "severity": "error", "field": "", "message": "the file name breaks the convention"},
  {"file": "reviews/2026-02-16-` + "`" + `b` + "`" + `|*c*<img src=x>.md", "line": 2, "col": 1, "severity": "warning", "field": "tags[0]", "message": "[click](https://evil.example) www.evil.example <script>x</script> & &amp; \\| _u_ \u001b[2J \u202egnp.exe\r\nnext"}
]
`,
			status:   1,
			wantArgs: "check --repo . --format json --changed-since origin/feat/*x*|<b>",
			wantFiles: []string{
				`reviews/a\u000a| ❌ error | ` + "`reviews/fake.md`" + ` | 1 | x | fake |\u000a.md`,
				"reviews/2026-02-16-`b`|*c*<img src=x>.md",
			},
		},
		{
			name:    "seen-before",
			baseRef: "main",
			json: `[
  {"file": "reviews/2026-07-08-erp-stock-query-read-timeout.md", "line": 27, "col": 16, "severity": "warning", "field": "failure.exceptions", "message": "seen before in 2025-04-22-stock-reserve-retry-storm (same exception and dependency); its action 'shared client with backoff_factor' (team-platform, due 2025-06-30) is still open", "prior": ["2025-04-22-stock-reserve-retry-storm"], "prior_url": ["https://reviews.example.com/reviews/2025-04-22-stock-reserve-retry-storm/"]},
  {"file": "reviews/2026-07-08-erp-stock-query-read-timeout.md", "line": 27, "col": 16, "severity": "notice", "field": "failure.exceptions", "message": "seen before in 2024-01-02-x (same exception and failing function); its actions are done", "prior": ["2024-01-02-x"], "prior_url": ["javascript:alert(1)"]}
]
`,
			wantArgs:  "check --repo . --format json --changed-since origin/main",
			wantFiles: []string{"reviews/2026-07-08-erp-stock-query-read-timeout.md", "reviews/2026-07-08-erp-stock-query-read-timeout.md"},
		},
		{
			name:     "usage-failure",
			json:     "",
			status:   2,
			wantArgs: "check --repo . --format json",
			wantExit: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			bin := filepath.Join(dir, "bin")
			if err := os.Mkdir(bin, 0o755); err != nil {
				t.Fatal(err)
			}
			fake := "#!/bin/sh\necho \"$*\" >\"$FAKE_ARGS\"\ncat \"$FAKE_JSON\"\nexit \"$FAKE_STATUS\"\n"
			if err := os.WriteFile(filepath.Join(bin, "fupan"), []byte(fake), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "findings.json"), []byte(tt.json), 0o644); err != nil {
				t.Fatal(err)
			}
			summary := filepath.Join(dir, "summary.md")
			cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(),
				"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
				"BASE_REF="+tt.baseRef,
				"RUNNER_TEMP="+dir,
				"GITHUB_STEP_SUMMARY="+summary,
				"FAKE_ARGS="+filepath.Join(dir, "args"),
				"FAKE_JSON="+filepath.Join(dir, "findings.json"),
				"FAKE_STATUS="+strconv.Itoa(tt.status),
			)
			out, err := cmd.CombinedOutput()
			exit := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				exit = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if exit != tt.wantExit {
				t.Fatalf("exit status %d, want %d; output:\n%s", exit, tt.wantExit, out)
			}
			args, err := os.ReadFile(filepath.Join(dir, "args"))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(string(args)); got != tt.wantArgs {
				t.Errorf("fupan %s, want fupan %s", got, tt.wantArgs)
			}
			got, err := os.ReadFile(summary)
			if errors.Is(err, os.ErrNotExist) {
				got, err = nil, nil
			}
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "summary", tt.name+".md")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if string(got) != string(want) {
				t.Errorf("step summary:\n%s\nwant (%s):\n%s", got, golden, want)
			}
			if files := tableFiles(t, got); !slices.Equal(files, tt.wantFiles) {
				t.Errorf("the table shows the files\n%q\nwant\n%q", files, tt.wantFiles)
			}
		})
	}
}

// tableFiles renders a step summary as GitHub's Markdown does (GFM, with
// autolinks; raw HTML kept) and returns the text of the file cell of each
// row of its table. Every row must have five cells, the file cell be
// <code>TEXT</code>, and the table hold no other element than those.
func tableFiles(t *testing.T, md []byte) []string {
	t.Helper()
	var b bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe()))
	if err := gm.Convert(md, &b); err != nil {
		t.Fatal(err)
	}
	_, table, _ := strings.Cut(b.String(), "<tbody>")
	table, _, _ = strings.Cut(table, "</tbody>")
	if tags := regexp.MustCompile(`<(/?[a-z]+)[^>]*>`).FindAllStringSubmatch(table, -1); len(tags) > 0 {
		for _, tag := range tags {
			if !slices.Contains([]string{"tr", "/tr", "td", "/td", "code", "/code"}, tag[1]) {
				t.Errorf("the table holds %s", tag[0])
			}
		}
	}
	var files []string
	for _, row := range regexp.MustCompile(`(?s)<tr>(.*?)</tr>`).FindAllStringSubmatch(table, -1) {
		cells := regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`).FindAllStringSubmatch(row[1], -1)
		if len(cells) != 5 {
			t.Errorf("a row of %d cells, want 5: %s", len(cells), row[1])
			continue
		}
		file, ok := strings.CutPrefix(cells[1][1], "<code>")
		if file, ok2 := strings.CutSuffix(file, "</code>"); ok && ok2 {
			files = append(files, htmlstd.UnescapeString(file))
		} else {
			t.Errorf("file cell %s, want <code>…</code>", cells[1][1])
		}
	}
	return files
}
