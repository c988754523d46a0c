package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/internal/syncbuf"
	"github.com/fupan/fupan/reviews"
)

// What the commands must find in the example reviews.
const (
	exampleReviews = 17
	staleDNS       = "reviews/2025-07-15-payment-egress-proxy-stale-dns.md"
)

// writeRepo writes the example reviews into a new repository folder.
func writeRepo(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "repo")
	if err := os.CopyFS(dir, reviews.FS()); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A cacheDamage is done to the .fupan folder of a repository.
type cacheDamage struct {
	name string
	do   func(t *testing.T, fupan string)
	note string // in the one note the next command writes
}

var cacheDamages = []cacheDamage{
	{"bolt file cut short", func(t *testing.T, f string) { cut(t, filepath.Join(f, "search/index.bleve/store/root.bolt"), 8<<10) }, "is damaged (store/root.bolt has 8192 bytes"},
	{"bolt file emptied", func(t *testing.T, f string) { cut(t, filepath.Join(f, "search/index.bleve/store/root.bolt"), 0) }, "is damaged (store/root.bolt has 0 bytes"},
	{"bolt file of random bytes", func(t *testing.T, f string) { randomize(t, filepath.Join(f, "search/index.bleve/store/root.bolt")) }, "is damaged ("},
	{"segment missing", func(t *testing.T, f string) {
		segs, _ := filepath.Glob(filepath.Join(f, "search/index.bleve/store/*.zap"))
		for _, s := range segs {
			if err := os.Remove(s); err != nil {
				t.Fatal(err)
			}
		}
	}, "is damaged (store/"},
	{"index of an older version", func(t *testing.T, f string) {
		write(t, filepath.Join(f, "search/manifest"), "fupan search manifest v1\n")
	}, "is of another version (v1; this fupan writes v" + strconv.Itoa(search.Version) + ")"},
	{"manifest of garbage", func(t *testing.T, f string) { randomize(t, filepath.Join(f, "search/manifest")) }, "is damaged (the manifest does not start with"},
}

func cut(t *testing.T, name string, size int64) {
	t.Helper()
	if err := os.Truncate(name, size); err != nil {
		t.Fatal(err)
	}
}

func randomize(t *testing.T, name string) {
	t.Helper()
	data := make([]byte, 4096)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range data {
		data[i] = byte(r.Uint32())
	}
	if err := os.WriteFile(name, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// cacheNotes returns the lines of stderr about .fupan's search index.
func cacheNotes(stderr string) []string {
	var notes []string
	for line := range strings.Lines(stderr) {
		if strings.Contains(line, "search index in ") || strings.Contains(line, "history cache") {
			notes = append(notes, strings.TrimSuffix(line, "\n"))
		}
	}
	return notes
}

// A cacheCommand runs a command on a repository and checks its result;
// it returns the command's standard error.
type cacheCommand struct {
	name string
	run  func(t *testing.T, repo string) string
}

var cacheCommands = []cacheCommand{
	{"search", func(t *testing.T, repo string) string {
		code, out, errOut := runCLI(t, "search", "--repo", repo, "ConnectTimeout")
		if code != exitOK || !strings.Contains(out, staleDNS) {
			t.Errorf("fupan search: exit %d, want %s among the hits:\n%s%s", code, staleDNS, out, errOut)
		}
		return errOut
	}},
	{"build", func(t *testing.T, repo string) string {
		site := filepath.Join(t.TempDir(), "public")
		code, out, errOut := runCLI(t, "build", "--repo", repo, "--out", site)
		if code != exitOK {
			t.Fatalf("fupan build: exit %d\n%s%s", code, out, errOut)
		}
		n := exportedReviews(t, func(p string) ([]byte, error) { return os.ReadFile(filepath.Join(site, p)) })
		if n != exampleReviews {
			t.Errorf("the built site's search index holds %d reviews, want %d", n, exampleReviews)
		}
		return errOut
	}},
	{"serve", func(t *testing.T, repo string) string {
		ctx, cancel := context.WithCancel(t.Context())
		var out, errOut syncbuf.Buffer
		done := make(chan int, 1)
		go func() {
			done <- Run(ctx, []string{"serve", "--repo", repo, "--addr", "127.0.0.1:0"}, strings.NewReader(""), &out, &errOut)
		}()
		defer func() {
			cancel()
			<-done
		}()
		addr := regexp.MustCompile(`serving on (http://\S+/)`)
		var base string
		get := func(p string) ([]byte, error) {
			resp, err := http.Get(base + p)
			if err != nil {
				return nil, err
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return nil, fmt.Errorf("GET %s: %s", p, resp.Status)
			}
			return io.ReadAll(resp.Body)
		}
		// The search index is exported in the background after the
		// first build.
		for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("fupan serve: no search index in time\n%s%s", out.String(), errOut.String())
			}
			if m := addr.FindStringSubmatch(out.String()); m != nil {
				base = m[1]
				if _, err := get("search/index/entry.json"); err == nil {
					break
				}
			}
		}
		if n := exportedReviews(t, get); n != exampleReviews {
			t.Errorf("the served search index holds %d reviews, want %d", n, exampleReviews)
		}
		return errOut.String()
	}},
}

// exportedReviews returns the number of reviews of the search index that
// get reads, by site path.
func exportedReviews(t *testing.T, get func(string) ([]byte, error)) int {
	t.Helper()
	var entry struct{ Meta string }
	var meta struct{ N int }
	data, err := get("search/index/entry.json")
	if err == nil {
		err = json.Unmarshal(data, &entry)
	}
	if err == nil {
		data, err = get("search/index/" + entry.Meta)
	}
	if err == nil {
		err = json.Unmarshal(data, &meta)
	}
	if err != nil {
		t.Fatalf("read the exported search index: %v", err)
	}
	return meta.N
}

// Every command that opens the search index finds the right reviews
// after any damage to .fupan, and says in one note that it rebuilt it.
func TestDamagedCache(t *testing.T) {
	for _, d := range cacheDamages {
		for _, c := range cacheCommands {
			t.Run(d.name+"/"+c.name, func(t *testing.T) {
				repo := writeRepo(t)
				if code, _, errOut := runCLI(t, "search", "--repo", repo, "x"); code != exitOK {
					t.Fatalf("fupan search: exit %d\n%s", code, errOut)
				}
				d.do(t, filepath.Join(repo, stateDir))
				errOut := c.run(t, repo)
				notes := cacheNotes(errOut)
				want := fmt.Sprintf("fupan %s: the search index in %s %s", c.name, filepath.Join(repo, stateDir, "search"), d.note)
				if len(notes) != 1 || !strings.HasPrefix(notes[0], want) || !strings.HasSuffix(notes[0], ": rebuilding it") {
					t.Errorf("notes %q, want one: %s…: rebuilding it", notes, want)
				}
				// The next run finds it whole.
				if errOut := c.run(t, repo); len(cacheNotes(errOut)) > 0 {
					t.Errorf("the run after the rebuild: notes %q", cacheNotes(errOut))
				}
			})
		}
	}
}

// A .fupan folder that cannot be written does not stop search nor build:
// they use an index in memory, with a note. Root writes to read-only
// folders: a .fupan that is a file stops root too.
func TestUnwritableCache(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, repo string)
	}{
		{".fupan a file", func(t *testing.T, repo string) {
			write(t, filepath.Join(repo, stateDir), "not a folder")
		}},
		{"repository read-only", func(t *testing.T, repo string) {
			if os.Geteuid() == 0 {
				t.Skip("root writes to read-only folders")
			}
			if err := os.Chmod(repo, 0o555); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(repo, 0o755) })
		}},
		{".fupan read-only", func(t *testing.T, repo string) {
			if os.Geteuid() == 0 {
				t.Skip("root writes to read-only folders")
			}
			if code, _, errOut := runCLI(t, "search", "--repo", repo, "x"); code != exitOK {
				t.Fatalf("fupan search: exit %d\n%s", code, errOut)
			}
			cut(t, filepath.Join(repo, stateDir, "search/index.bleve/store/root.bolt"), 0)
			fupan := filepath.Join(repo, stateDir)
			if err := os.Chmod(fupan, 0o555); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(fupan, 0o755) })
		}},
	}
	for _, tt := range tests {
		for _, c := range cacheCommands[:2] { // search and build
			t.Run(tt.name+"/"+c.name, func(t *testing.T) {
				repo := writeRepo(t)
				tt.setup(t, repo)
				notes := cacheNotes(c.run(t, repo))
				want := fmt.Sprintf("fupan %s: cannot use the search index in %s (", c.name, filepath.Join(repo, stateDir, "search"))
				if len(notes) == 0 || !strings.HasPrefix(notes[len(notes)-1], want) || !strings.HasSuffix(notes[len(notes)-1], "): using one in memory this time") {
					t.Errorf("notes %q, want the last: %s…): using one in memory this time", notes, want)
				}
			})
		}
	}
}

// .fupan ignores itself in git: its .gitignore is written again when it
// does not, and a build of a --ref, which makes no search index, writes it
// too.
func TestStateDirIgnored(t *testing.T) {
	for _, content := range []string{"", "# cut sh", "\x00\xff garbage"} {
		repo := writeRepo(t)
		ignore := filepath.Join(repo, stateDir, ".gitignore")
		if code, _, errOut := runCLI(t, "search", "--repo", repo, "x"); code != exitOK {
			t.Fatalf("fupan search: exit %d\n%s", code, errOut)
		}
		write(t, ignore, content)
		code, _, errOut := runCLI(t, "search", "--repo", repo, "x")
		if want := "fupan search: .fupan/.gitignore did not ignore the folder: rewrote it\n"; code != exitOK || errOut != want {
			t.Errorf(".gitignore %q: exit %d, stderr %q, want %q", content, code, errOut, want)
		}
		if data, err := os.ReadFile(ignore); err != nil || !strings.HasSuffix(string(data), "\n*\n") {
			t.Errorf(".gitignore %q rewritten as %q (%v)", content, data, err)
		}
	}

	repo := writeRepo(t)
	commit(t, repo)
	if code, _, errOut := runCLI(t, "build", "--repo", repo, "--ref", "HEAD", "--out", filepath.Join(t.TempDir(), "public")); code != exitOK {
		t.Fatalf("fupan build --ref HEAD: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(repo, stateDir, "history.json")); err != nil {
		t.Fatalf("no history cache: %v", err)
	}
	if _, err := os.Stat(filepath.Join(repo, stateDir, ".gitignore")); err != nil {
		t.Errorf("build --ref wrote the history cache in a .fupan that does not ignore itself: %v", err)
	}
}

// commit makes repo a git repository with its reviews in one commit.
func commit(t testing.TB, repo string) {
	t.Helper()
	g, err := git.PlainInit(repo, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := g.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	if err := wt.AddGlob("reviews"); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "Ada Reviewer", Email: "ada@example.com", When: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	if _, err := wt.Commit("reviews", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
}

// A damaged history cache is rebuilt, with one warning, and the pages
// still say who wrote each review.
func TestDamagedHistoryCache(t *testing.T) {
	repo := writeRepo(t)
	commit(t, repo)
	cache := filepath.Join(repo, stateDir, "history.json")
	tests := []struct {
		name string
		do   func(t *testing.T)
	}{
		{"cut short", func(t *testing.T) {
			data, err := os.ReadFile(cache)
			if err != nil {
				t.Fatal(err)
			}
			write(t, cache, string(data[:len(data)/2]))
		}},
		{"emptied", func(t *testing.T) { cut(t, cache, 0) }},
		{"random bytes", func(t *testing.T) { randomize(t, cache) }},
		{"a folder", func(t *testing.T) {
			if err := os.Remove(cache); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(cache, 0o755); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Remove(cache) })
		}},
	}
	build := func(t *testing.T) (string, string) {
		t.Helper()
		site := filepath.Join(t.TempDir(), "public")
		code, out, errOut := runCLI(t, "build", "--repo", repo, "--out", site)
		if code != exitOK {
			t.Fatalf("fupan build: exit %d\n%s%s", code, out, errOut)
		}
		page, err := os.ReadFile(filepath.Join(site, "reviews", strings.TrimSuffix(filepath.Base(staleDNS), ".md"), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(page), errOut
	}
	build(t) // writes the cache
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.do(t)
			page, errOut := build(t)
			if notes := cacheNotes(errOut); len(notes) != 1 {
				t.Errorf("notes %q, want one about the history cache", notes)
			}
			if !strings.Contains(page, "Ada Reviewer") || !strings.Contains(page, "2026-01-02") {
				t.Errorf("the review's page lacks its history (Ada Reviewer, 2026-01-02)")
			}
		})
	}
}

// A process run of fupan.
type process struct {
	code        int
	out, errOut string
}

// runProcesses runs the program bin with each of args at once, after
// wrap, and waits for them.
func runProcesses(t *testing.T, wrap []string, bin string, args ...[]string) []process {
	t.Helper()
	ps := make([]process, len(args))
	var wg sync.WaitGroup
	for i, a := range args {
		argv := append(append(append([]string{}, wrap...), bin), a...)
		cmd := exec.CommandContext(t.Context(), argv[0], argv[1:]...)
		cmd.Env = append(os.Environ(), "NO_COLOR=1")
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wg.Go(func() {
			cmd.Wait()
			ps[i] = process{cmd.ProcessState.ExitCode(), out.String(), errOut.String()}
		})
	}
	wg.Wait()
	return ps
}

// TestProcesses runs fupan as processes, built once.
func TestProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds fupan and runs it as processes")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to build fupan")
	}
	bin := filepath.Join(t.TempDir(), "fupan")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Run("concurrent", func(t *testing.T) { testConcurrent(t, bin) })
	t.Run("full disk", func(t *testing.T) { testFullDisk(t, bin) })
}

// Processes that open the search index at once (two terminals, serve and
// search, a script) all succeed, find the same, and say nothing but that
// they wait or, once, that the index was damaged.
func testConcurrent(t *testing.T, bin string) {
	repo := writeRepo(t)
	search := []string{"search", "--json", "--repo", repo, "ConnectTimeout"}
	rounds := []struct {
		name    string
		before  func(t *testing.T)
		damaged int // notes of damage, in all
	}{
		{"fresh repository", func(*testing.T) {}, 0},
		{"damaged index", func(t *testing.T) {
			cut(t, filepath.Join(repo, stateDir, "search/index.bleve/store/root.bolt"), 8<<10)
		}, 1},
		{"a review edited", func(t *testing.T) {
			name := filepath.Join(repo, staleDNS)
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			write(t, name, string(data)+"\nConnectTimeout again.\n")
		}, 0},
	}
	// The one line of each phase of long work (package progress).
	phaseSummary := regexp.MustCompile(`^fupan (search|build): ((check|search index): [0-9]+ reviews?|(pages|search export|write): [0-9]+ files?) in [0-9.]+m?s\n$`)
	var first string
	for _, r := range rounds {
		t.Run(r.name, func(t *testing.T) {
			r.before(t)
			site := filepath.Join(t.TempDir(), "public")
			ps := runProcesses(t, nil, bin, search, search, search, search,
				[]string{"build", "--repo", repo, "--out", site})
			damaged := 0
			for i, p := range ps {
				if p.code != exitOK {
					t.Errorf("process %d: exit %d\n%s", i, p.code, p.errOut)
				}
				for line := range strings.Lines(p.errOut) {
					switch {
					case strings.Contains(line, "is damaged ("):
						damaged++
					case strings.Contains(line, "waiting for another fupan process to finish updating "),
						strings.Contains(line, "building without history"),
						phaseSummary.MatchString(line):
					default:
						t.Errorf("process %d: %s", i, line)
					}
				}
			}
			if damaged != r.damaged {
				t.Errorf("%d notes of damage, want %d", damaged, r.damaged)
			}
			for i, p := range ps[:4] {
				if !strings.Contains(p.out, staleDNS) || p.out != ps[0].out {
					t.Errorf("process %d found other hits:\n%s\nthan process 0:\n%s", i, p.out, ps[0].out)
				}
			}
			// The same reviews in the same order; scores may differ in
			// their last digits, since an index rebuilt has its segments
			// laid out otherwise than one updated (see search's doc).
			ids := strings.Join(hitIDs.FindAllString(ps[0].out, -1), "\n")
			if first == "" {
				first = ids
			} else if r.name != "a review edited" && ids != first {
				t.Errorf("hits differ from the first round's:\n%s\n%s", ids, first)
			}
			if n := exportedReviews(t, func(p string) ([]byte, error) { return os.ReadFile(filepath.Join(site, p)) }); n != exampleReviews {
				t.Errorf("the built site's search index holds %d reviews, want %d", n, exampleReviews)
			}
		})
	}
}

// A disk that is full (a file size limit, which stops root too) does not
// stop search nor build: they use an index in memory, with a note.
func testFullDisk(t *testing.T, bin string) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to set a file size limit")
	}
	repo := writeRepo(t)
	site := filepath.Join(t.TempDir(), "public")
	// 400 blocks, of 512 bytes (dash) or 1 KiB (bash): more than the
	// largest file of the site (reviews.json, 160 KB), less than the
	// segment of the index (500 KB).
	limit := []string{"sh", "-c", `ulimit -f 400 && exec "$0" "$@"`}
	ps := runProcesses(t, limit, bin,
		[]string{"search", "--repo", repo, "ConnectTimeout"},
		[]string{"build", "--repo", repo, "--out", site})
	for i, p := range ps {
		if p.code != exitOK {
			t.Fatalf("process %d: exit %d\n%s", i, p.code, p.errOut)
		}
		if notes := cacheNotes(p.errOut); len(notes) != 1 || !strings.Contains(notes[0], "): using one in memory this time") {
			t.Errorf("process %d: notes %q, want one that says it uses an index in memory", i, notes)
		}
	}
	if !strings.Contains(ps[0].out, staleDNS) {
		t.Errorf("fupan search: want %s among the hits:\n%s", staleDNS, ps[0].out)
	}
	if n := exportedReviews(t, func(p string) ([]byte, error) { return os.ReadFile(filepath.Join(site, p)) }); n != exampleReviews {
		t.Errorf("the built site's search index holds %d reviews, want %d", n, exampleReviews)
	}
}

// hitIDs finds the ids of the hits in search --json output.
var hitIDs = regexp.MustCompile(`"id": "[^"]*"`)
