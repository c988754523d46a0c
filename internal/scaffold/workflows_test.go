package scaffold

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
)

// repoRoot is fupan's repository, whose workflows are linted too.
const repoRoot = "../.."

// reusable is how the scaffold's workflows call fupan's reusable workflow.
var reusableRE = regexp.MustCompile(`fupan/fupan/\.github/workflows/fupan\.yml@\S+`)

// workflow is one workflow file to lint: one of this repository's, or one
// that 'fupan init' writes.
type workflow struct {
	name string // for the test case
	path string // where it is, or would be, in repoRoot
	data []byte
}

// workflows returns this repository's workflows and those of the scaffold
// for each of versions. A scaffold workflow's call of
// fupan/fupan/.github/workflows/fupan.yml@REF becomes a call of
// ./.github/workflows/fupan.yml, so that actionlint checks its inputs and
// permissions against the reusable workflow of this commit.
func workflows(t *testing.T, versions ...string) []workflow {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(repoRoot, ".github", "workflows", "*.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 3 {
		t.Fatalf("found %d workflows in %s/.github/workflows, want check.yml, pages.yml and fupan.yml", len(paths), repoRoot)
	}
	var ws []workflow
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		ws = append(ws, workflow{name: filepath.ToSlash(p[len(repoRoot)+1:]), path: p, data: data})
	}
	for _, v := range versions {
		files, err := Files(Options{Version: v})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if !strings.HasPrefix(f.Path, ".github/workflows/") {
				continue
			}
			local := reusableRE.ReplaceAll(f.Data, []byte("./.github/workflows/fupan.yml"))
			if bytes.Equal(local, f.Data) {
				t.Fatalf("init's %s does not call fupan/fupan/.github/workflows/fupan.yml", f.Path)
			}
			ws = append(ws, workflow{
				name: fmt.Sprintf("init %s %s", cmp.Or(v, "latest"), f.Path),
				path: filepath.Join(repoRoot, ".github", "workflows", "init-"+filepath.Base(f.Path)),
				data: local,
			})
		}
	}
	return ws
}

// TestWorkflowsLint runs actionlint on every workflow of this repository
// and on those 'fupan init' writes, with shellcheck on the run: scripts
// when it is installed (it is on GitHub's runners).
func TestWorkflowsLint(t *testing.T) {
	project, err := actionlint.NewProject(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	shellcheck, _ := exec.LookPath("shellcheck")
	if shellcheck == "" {
		t.Log("shellcheck is not installed: run: scripts are not checked")
	}
	for _, w := range workflows(t, "", "v1.2.3") {
		t.Run(w.name, func(t *testing.T) {
			var out bytes.Buffer
			l, err := actionlint.NewLinter(&out, &actionlint.LinterOptions{Shellcheck: shellcheck, WorkingDir: repoRoot})
			if err != nil {
				t.Fatal(err)
			}
			errs, err := l.Lint(w.path, w.data, project)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range errs {
				t.Errorf("%s:%d:%d: %s [%s]", w.name, e.Line, e.Column, e.Message, e.Kind)
			}
		})
	}
}

var (
	usesRE     = regexp.MustCompile(`(?m)^\s*(?:-\s+)?uses:\s*(\S+)`)
	majorTagRE = regexp.MustCompile(`^v[0-9]+$`)
)

// TestActionPins holds every workflow to one pinning rule: an action is
// pinned to a major tag (actions/checkout@v6), the same one everywhere.
func TestActionPins(t *testing.T) {
	refs := map[string][]string{} // action: "ref (workflow)"
	for _, w := range workflows(t, "v1.2.3") {
		for _, m := range usesRE.FindAllSubmatch(w.data, -1) {
			uses := string(m[1])
			if strings.HasPrefix(uses, "./") {
				continue // a local reusable workflow
			}
			action, ref, ok := strings.Cut(uses, "@")
			if !ok || !majorTagRE.MatchString(ref) {
				t.Errorf("%s: uses %s: pin actions to a major tag, e.g. actions/checkout@v6", w.name, uses)
				continue
			}
			if r := fmt.Sprintf("%s (%s)", ref, w.name); !slices.Contains(refs[action], r) {
				refs[action] = append(refs[action], r)
			}
		}
	}
	if len(refs) == 0 {
		t.Fatal("no action found in the workflows")
	}
	for action, rs := range refs {
		tags := map[string]bool{}
		for _, r := range rs {
			tag, _, _ := strings.Cut(r, " ")
			tags[tag] = true
		}
		if len(tags) > 1 {
			t.Errorf("%s is pinned to different tags: %s", action, strings.Join(rs, ", "))
		}
	}
}
