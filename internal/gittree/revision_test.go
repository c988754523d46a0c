package gittree

import (
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/google/go-cmp/cmp"
)

// revisionRepo makes a repository whose main is
//
//	first - second - third - merge side
//	             \- on side -/
//
// with the tags light (on first), v1 (annotated, on second), outer (an
// annotated tag of v1), treetag (on third's tree), and the names dup and the
// abbreviated hash of first, each both a tag or hash and a branch of another
// commit.
func revisionRepo(t *testing.T) (dir string, short string) {
	t.Helper()
	dir = newRepo(t, filepath.Join(t.TempDir(), "repo"), reviews(""))
	run(t, dir, "tag", "light")
	commit(t, dir, "second", map[string]string{"reviews/b.md": "b2"})
	run(t, dir, "tag", "-a", "-m", "release 1", "v1")
	run(t, dir, "tag", "-a", "-m", "outer", "outer", "v1")
	run(t, dir, "checkout", "-q", "-b", "side")
	commit(t, dir, "on side", map[string]string{"reviews/s.md": "s"})
	run(t, dir, "checkout", "-q", "main")
	commit(t, dir, "third", map[string]string{"reviews/c.md": "c"})
	run(t, dir, "tag", "treetag", "HEAD^{tree}")
	run(t, dir, "merge", "-q", "--no-ff", "-m", "merge side", "side")
	run(t, dir, "tag", "dup", "main~3")
	run(t, dir, "branch", "dup", "main")
	short = run(t, dir, "rev-parse", "--short=7", "main~3")
	run(t, dir, "update-ref", "refs/heads/"+short, "main")
	return dir, short
}

// TestResolve compares Resolve with git rev-parse REV^{commit}.
func TestResolve(t *testing.T) {
	dir, _ := revisionRepo(t)
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	second := run(t, dir, "rev-parse", "main~2")
	for _, rev := range []string{
		"HEAD", "@", "main", "refs/heads/main", "heads/main", "side",
		"light", "v1", "refs/tags/v1", "outer",
		"HEAD~", "HEAD~2", "HEAD~3", "@~1", "HEAD^", "HEAD^^", "HEAD^1", "HEAD^2", "HEAD^2~1", "HEAD~1^", "v1~1",
		"HEAD^0", "HEAD^{}", "HEAD^{commit}", "v1^{}",
		"HEAD^{/^second}", "HEAD^{/on s.de}",
		second, second[:7], second[:5], strings.ToUpper(second[:8]),
	} {
		t.Run(rev, func(t *testing.T) {
			c, err := Resolve(r.Git, rev)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := c.Hash.String(), run(t, dir, "rev-parse", "--verify", "-q", rev+"^{commit}"); got != want {
				t.Errorf("Resolve(%s) = %s, want %s", rev, got, want)
			}
		})
	}
}

func TestResolveErrors(t *testing.T) {
	dir, short := revisionRepo(t)
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		rev  string
		is   error
		want []string // in the message, after "REV: "
	}{
		{"HEAD~999", ErrNotFound, []string{"not found: the history has only 3 commits before HEAD; run git log --oneline --first-parent HEAD to see them"}},
		{"side~5", ErrNotFound, []string{"the history has only 2 commits before side"}},
		{"HEAD~3~1", ErrNotFound, []string{"HEAD~3 is the first commit: the history has none before it"}},
		{"HEAD~3^", ErrNotFound, []string{"HEAD~3 is the first commit: it has no parent"}},
		{"HEAD^3", ErrNotFound, []string{"HEAD has only 2 parents"}},
		{"HEAD~1^2", ErrNotFound, []string{"HEAD~1 has only 1 parent"}},
		{"no-such-branch", ErrNotFound, []string{"no branch, tag or commit is named no-such-branch", "git branch -a"}},
		{"deadbeef", ErrNotFound, []string{"no branch, tag or commit is named deadbeef"}},
		{"dup", ErrAmbiguous, []string{"refs/tags/dup (commit ", "refs/heads/dup (commit ", "pass the full ref name (refs/tags/dup or refs/heads/dup)"}},
		{short, ErrAmbiguous, []string{"refs/heads/" + short, "commit " + short, "more digits"}},
		{"treetag", ErrNotFound, []string{"refs/tags/treetag: not found: it names a tree, not a commit"}},
		{"HEAD^{/no such message}", ErrNotFound, []string{"no commit from HEAD has a message that matches"}},
		{"HEAD@{1}", ErrUnsupported, []string{"reflog"}},
		{"@{-1}", ErrUnsupported, []string{"reflog"}},
		{"main@{upstream}", ErrUnsupported, []string{"upstream"}},
		{"main..side", ErrUnsupported, []string{"a range"}},
		{"main...side", ErrUnsupported, []string{"a range"}},
		{"^main", ErrUnsupported, []string{"exclude"}},
		{"HEAD:reviews/a.md", ErrUnsupported, []string{"a file in a commit"}},
		{":/second", ErrUnsupported, []string{"message search"}},
		{"HEAD^{tree}", ErrUnsupported, []string{"names a tree, not a commit"}},
		{"HEAD^!", ErrUnsupported, []string{"a set of commits"}},
		{"HEAD^{/(}", ErrUnsupported, []string{"missing closing )"}},
		{"HEAD~x", ErrUnsupported, []string{`cannot read "x" after HEAD~`}},
		{"~1", ErrUnsupported, []string{"no branch, tag or hash to start from"}},
		{"", ErrNotFound, []string{"empty revision: not found"}},
	}
	for _, tt := range tests {
		t.Run(tt.rev, func(t *testing.T) {
			_, err := Resolve(r.Git, tt.rev)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("error %q does not wrap %q", err, tt.is)
			}
			if re, ok := errors.AsType[*RevisionError](err); !ok || re.Rev != tt.rev {
				t.Errorf("error %q is not a *RevisionError of %q", err, tt.rev)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if tt.rev != "" && !strings.HasPrefix(err.Error(), tt.rev+": ") {
				t.Errorf("error %q does not start with the revision", err)
			}
		})
	}
}

// TestResolveNoCommits: HEAD of a new repository.
func TestResolveNoCommits(t *testing.T) {
	dir := t.TempDir()
	run(t, dir, "init", "-q", "-b", "main")
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Resolve(r.Git, "HEAD")
	if !errors.Is(err, ErrNoCommits) {
		t.Fatalf("Resolve(HEAD) = %v, want ErrNoCommits", err)
	}
	if want := "HEAD: the repository has no commits yet (HEAD names refs/heads/main, which does not exist)"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

// TestResolveAmbiguousHash makes two commits whose hashes start with the
// same 4 hex digits: the 4 digits are ambiguous, more are not.
func TestResolveAmbiguousHash(t *testing.T) {
	dir := t.TempDir()
	run(t, dir, "init", "-q", "-b", "main")
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := store(r, &object.Tree{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]*object.Commit{}
	var a, b *object.Commit
	for i := 0; a == nil; i++ {
		sig := object.Signature{Name: "Alice", Email: "alice@example.com"}
		c := &object.Commit{Author: sig, Committer: sig, Message: fmt.Sprintf("commit %d\n", i), TreeHash: tree}
		o := &plumbing.MemoryObject{}
		if err := c.Encode(o); err != nil {
			t.Fatal(err)
		}
		c.Hash = o.Hash()
		if prev := seen[c.Hash.String()[:4]]; prev != nil {
			a, b = prev, c
		}
		seen[c.Hash.String()[:4]] = c
	}
	for _, c := range []*object.Commit{a, b} {
		if _, err := store(r, c); err != nil {
			t.Fatal(err)
		}
	}

	prefix := a.Hash.String()[:4]
	_, err = Resolve(r.Git, prefix)
	if !errors.Is(err, ErrAmbiguous) || !strings.Contains(err.Error(), "more digits") {
		t.Errorf("Resolve(%s) = %v, want ErrAmbiguous saying more digits", prefix, err)
	}
	if out, err := exec.Command("git", "-C", dir, "rev-parse", "--verify", "-q", prefix+"^{commit}").CombinedOutput(); err == nil {
		t.Errorf("git rev-parse %s resolves it (%s): the test's commits are not ambiguous", prefix, out)
	}
	n := 4
	for a.Hash.String()[:n] == b.Hash.String()[:n] {
		n++
	}
	for _, c := range []*object.Commit{a, b} {
		got, err := Resolve(r.Git, c.Hash.String()[:n])
		if err != nil || got.Hash != c.Hash {
			t.Errorf("Resolve(%s) = %v, %v; want %s", c.Hash.String()[:n], got, err, c.Hash)
		}
	}
}

func store(r *Repo, obj interface {
	Encode(plumbing.EncodedObject) error
}) (plumbing.Hash, error) {
	o := r.Git.Storer.NewEncodedObject()
	if err := obj.Encode(o); err != nil {
		return plumbing.ZeroHash, err
	}
	return r.Git.Storer.SetEncodedObject(o)
}

// fetchCommand finds the git fetch command an error tells to run.
var fetchCommand = regexp.MustCompile(`git fetch [^,;()]+`)

// TestShallowClone follows what a CI job meets in a shallow clone of one
// branch (git clone --depth 1, as actions/checkout makes by default): each
// error names the git fetch command that mends it, and the test runs that
// command.
func TestShallowClone(t *testing.T) {
	base := t.TempDir()
	origin := newRepo(t, filepath.Join(base, "origin"), reviews(""))
	run(t, origin, "branch", "other")
	commit(t, origin, "second", map[string]string{"reviews/b.md": "b2"})
	commit(t, origin, "third", map[string]string{"reviews/d.md": "d"})
	run(t, origin, "checkout", "-q", "other")
	commit(t, origin, "on other", map[string]string{"reviews/o.md": "o"})
	run(t, origin, "checkout", "-q", "main")
	clone := filepath.Join(base, "clone")
	run(t, base, "clone", "-q", "--depth", "1", "file://"+origin, clone)

	steps := []struct {
		name  string
		since string // Changed since it; Resolve it alone when resolve is set
		// resolve: call Resolve instead of Changed
		resolve bool
		is      error  // nil: no error
		want    string // in the error
		fix     bool   // run the git fetch command the error names
		changed []string
	}{
		{name: "parent of HEAD", since: "HEAD~1", resolve: true, is: ErrShallow,
			want: "HEAD~1: not found: the clone is shallow: the history fetched has no commit before HEAD; fetch the whole history: git fetch --unshallow (with actions/checkout: fetch-depth: 0)"},
		{name: "branch not fetched, by its name", since: "other", is: ErrNotFound,
			want: "if origin has it, fetch it first: git fetch origin other:refs/remotes/origin/other, then pass origin/other"},
		{name: "branch not fetched", since: "origin/other", is: ErrNotFound,
			want: "origin/other: not found: no branch, tag or commit is named origin/other; run git branch -a, git tag or git log --oneline to see what exists; if origin has it, fetch it first: git fetch origin other:refs/remotes/origin/other", fix: true},
		{name: "merge base not fetched", since: "origin/other", is: ErrShallow,
			want: "origin/other: not found: the clone is shallow: the history fetched has no common ancestor of it and HEAD; fetch the whole history: git fetch --unshallow", fix: true},
		{name: "whole history", since: "origin/other", changed: []string{"reviews/b.md", "reviews/d.md"}},
		{name: "parent of HEAD, unshallowed", since: "HEAD~1", resolve: true},
	}
	for _, s := range steps {
		r, err := Open(clone) // again: a fetch changes the repository
		if err != nil {
			t.Fatal(err)
		}
		var changed []string
		if s.resolve {
			_, err = Resolve(r.Git, s.since)
		} else {
			changed, err = r.Changed(s.since, "reviews")
		}
		if s.is == nil {
			if err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			slices.Sort(changed)
			if diff := cmp.Diff(s.changed, changed); diff != "" {
				t.Errorf("%s: Changed (-want +got):\n%s", s.name, diff)
			}
			continue
		}
		if !errors.Is(err, s.is) || !strings.Contains(fmt.Sprint(err), s.want) {
			t.Fatalf("%s: error %v\nwant %q, saying %q", s.name, err, s.is, s.want)
		}
		if s.fix {
			cmd := strings.Fields(fetchCommand.FindString(err.Error()))
			t.Logf("%s: running %s", s.name, strings.Join(cmd, " "))
			run(t, clone, cmd[1:]...)
		}
	}
}

// TestShallowCheckout follows a pull request's job in a shallow clone
// with no origin/main: as actions/checkout makes it by default (only the
// pull request's commit, fetched with --depth 1 by its hash, detached),
// and as git clone --depth 1 --branch makes it. Each error names a git
// command that mends it, and the test runs it, until --changed-since
// origin/main works.
func TestShallowCheckout(t *testing.T) {
	base := t.TempDir()
	origin := newRepo(t, filepath.Join(base, "origin"), reviews(""))
	commit(t, origin, "on main", map[string]string{"reviews/m.md": "m"})
	run(t, origin, "checkout", "-q", "-b", "feature")
	commit(t, origin, "a review", map[string]string{"reviews/new.md": "new"})
	commit(t, origin, "its fix", map[string]string{"reviews/new.md": "new, mended"})
	head := strings.TrimSpace(run(t, origin, "rev-parse", "HEAD"))
	run(t, origin, "checkout", "-q", "main")
	commit(t, origin, "main moves on", map[string]string{"reviews/later.md": "l"})

	for name, setup := range map[string]func(job string){
		"actions/checkout": func(job string) {
			run(t, base, "init", "-q", job)
			run(t, job, "remote", "add", "origin", "file://"+origin)
			run(t, job, "fetch", "-q", "--no-tags", "--depth=1", "origin", "+"+head+":refs/remotes/pull/1/merge")
			run(t, job, "checkout", "-q", "--detach", head)
		},
		"clone --depth 1 --branch": func(job string) {
			run(t, base, "clone", "-q", "--depth", "1", "--branch", "feature", "file://"+origin, job)
		},
	} {
		t.Run(name, func(t *testing.T) {
			job := filepath.Join(base, strings.NewReplacer("/", "-", " ", "").Replace(name))
			setup(job)
			var fixes []string
			for range 4 {
				r, err := Open(job) // again: a fetch changes the repository
				if err != nil {
					t.Fatal(err)
				}
				changed, err := r.Changed("origin/main", "reviews")
				if err == nil {
					slices.Sort(changed)
					if diff := cmp.Diff([]string{"reviews/new.md"}, changed); diff != "" {
						t.Errorf("Changed (-want +got):\n%s", diff)
					}
					if len(fixes) == 0 {
						t.Error("no error before the fetch")
					}
					return
				}
				fix := strings.TrimSpace(fetchCommand.FindString(err.Error()))
				if fix == "" {
					t.Fatalf("after %q: the error names no git fetch command: %v", fixes, err)
				}
				t.Logf("%v\n  running %s", err, fix)
				fixes = append(fixes, fix)
				run(t, job, strings.Fields(fix)[1:]...)
			}
			t.Fatalf("still failing after running %q", fixes)
		})
	}
}
