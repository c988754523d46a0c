package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fupan/fupan/internal/gen"
)

// TestREADME runs every shell command of the README as written, block by
// block, in order, in one folder that holds what a fresh clone holds for
// them (reviews/, fupan.yaml, a git history whose main is origin/main)
// plus the files the README supposes the reader has: trace.txt and
// traceback.txt (a service's log that ends in a traceback) and mytheme/.
//
// "go run ./cmd/fupan" runs this package's fupan (TestMain puts it on
// PATH); "go test ./..." is this very test suite, and is left out; "fupan
// serve" runs until it answers a request for its home page, on a free
// port (8080 may be taken on the machine that runs the tests), then stops.
// A block stops at its first command that fails (set -e, pipefail), and
// the test names it.
func TestREADME(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every command of the README")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := shellBlocks(string(readme))
	if len(blocks) < 5 {
		t.Fatalf("%d shell blocks in the README: the test reads them wrong", len(blocks))
	}
	dir := readmeClone(t)
	tmp := t.TempDir()

	for _, b := range blocks {
		script := readmePrelude + "\n" + readmeScript(b.text)
		cmd := exec.Command(bash, "-c", script)
		cmd.Dir = dir
		// mktemp -d makes its folder under TMPDIR: one the test removes.
		cmd.Env = append(os.Environ(), "NO_COLOR=1", "CI=", "TMPDIR="+tmp)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("README.md:%d: the block fails (%v):\n%s\noutput:\n%s", b.line, err, b.text, out)
			continue
		}
		t.Logf("README.md:%d: ran\n%s", b.line, b.text)
	}
}

// A shellBlock is the text of a ```sh block and the line it starts at.
type shellBlock struct {
	line int
	text string
}

// shellBlocks returns the README's ```sh blocks.
func shellBlocks(md string) []shellBlock {
	var blocks []shellBlock
	var cur *strings.Builder
	start := 0
	for i, line := range strings.Split(md, "\n") {
		switch {
		case cur == nil && (line == "```sh" || line == "```bash" || line == "```shell"):
			cur, start = &strings.Builder{}, i+2
		case cur != nil && line == "```":
			blocks = append(blocks, shellBlock{start, cur.String()})
			cur = nil
		case cur != nil:
			cur.WriteString(line + "\n")
		}
	}
	return blocks
}

var (
	goRunFupan = regexp.MustCompile(`\bgo run \./cmd/fupan\b`)
	serveLine  = regexp.MustCompile(`^(\s*)fupan serve\b`)
	goTestLine = regexp.MustCompile(`^\s*go test\b`)
)

// readmeScript makes a README block runnable here: fupan for go run
// ./cmd/fupan, serve run briefly, go test left out.
func readmeScript(block string) string {
	var b strings.Builder
	for _, line := range strings.Split(block, "\n") {
		line = goRunFupan.ReplaceAllString(line, "fupan")
		switch {
		case goTestLine.MatchString(line):
			line = ": " + line // the suite that runs this test
		case serveLine.MatchString(line):
			line = serveLine.ReplaceAllString(line, "${1}serve_briefly fupan serve")
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// readmePrelude runs before each block: stop at the first failure, and
// serve_briefly, which starts fupan serve on a free port, asks it for its
// home page and stops it.
const readmePrelude = `set -euo pipefail
serve_briefly() {
	"$@" --addr 127.0.0.1:0 >serve.out 2>serve.err &
	local pid=$! addr=""
	for _ in $(seq 300); do
		addr=$(sed -n 's|^serving on http://\([^/]*\)/.*|\1|p' serve.out)
		[ -n "$addr" ] && break
		kill -0 "$pid" 2>/dev/null || { cat serve.err >&2; return 1; }
		sleep 0.1
	done
	[ -n "$addr" ] || { echo "fupan serve did not start" >&2; cat serve.err >&2; kill "$pid"; return 1; }
	exec 3<>"/dev/tcp/${addr%:*}/${addr##*:}"
	printf 'GET / HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
	local status
	read -r status <&3
	exec 3<&-
	kill "$pid"
	wait "$pid" || true
	case "$status" in
	*" 200 "*) ;;
	*) echo "fupan serve answered: $status" >&2; return 1 ;;
	esac
}`

// readmeClone makes the folder the README's commands run in.
func readmeClone(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	root := filepath.Join("..", "..")
	if err := os.CopyFS(filepath.Join(dir, "reviews"), os.DirFS(filepath.Join(root, "reviews"))); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(filepath.Join(root, "fupan.yaml")); err == nil {
		write(t, filepath.Join(dir, "fupan.yaml"), string(data))
	}
	log := gen.OrdinaryLog(4000, 1)
	write(t, filepath.Join(dir, "trace.txt"), log)
	write(t, filepath.Join(dir, "traceback.txt"), log)
	if err := os.Mkdir(filepath.Join(dir, "mytheme"), 0o755); err != nil {
		t.Fatal(err)
	}
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com",
			"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	git("init", "-q", "-b", "main")
	git("add", "reviews", "fupan.yaml")
	git("commit", "-q", "-m", "the examples")
	git("update-ref", "refs/remotes/origin/main", "HEAD")
	return dir
}
