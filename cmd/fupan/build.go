package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5"

	"github.com/fupan/fupan/internal/gittree"
	"github.com/fupan/fupan/internal/history"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/theme"
)

const buildUsage = `
Build the static site of the reviews: a page per review, indexes by
exception type, service, dependency, tag and year, the open action items,
insights, an Atom feed, reviews.json and a sitemap.

The reviews are checked first: any error stops the build, with the same
messages as 'fupan check'. The site is written to a new folder beside --out
and swapped in only when complete, so a failed build leaves the last site
as it was. Two builds of the same commit are byte-identical.

With --ref, the commit's tree is read from git, without a checkout.
When the repository is in git, each page says when the review was first
committed, last changed and by whom (cached in .fupan/).`

func runBuild(ctx context.Context, args []string, std stdio) int {
	fs := newFlagSet("build", "[--repo DIR] [--out DIR] [--ref REF] [--base-url URL] [--theme DIR]", buildUsage, std.errOut)
	repoDir := fs.String("repo", ".", "the review `repository`")
	out := fs.String("out", "", "the output `folder` (default: public in the repository)")
	ref := fs.String("ref", "", "build the tree of the commit `REF` (branch, tag or hash) instead of the work tree")
	baseURL := fs.String("base-url", "", "the `URL` the site is published at, e.g. https://acme.github.io/reviews/ (default: base_url in fupan.yaml)")
	themeDir := fs.String("theme", "", "a `folder` whose files replace the default theme's (templates/*.html, static/*)")
	if rest, code := parseFlags(fs, args); code >= 0 {
		return code
	} else if len(rest) > 0 {
		fmt.Fprintf(std.errOut, "fupan build: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	repo, err := openRepo(*repoDir, isSet(fs, "repo"), std.errOut)
	if err != nil {
		fmt.Fprintf(std.errOut, "fupan build: %v\n", err)
		return exitUsage
	}
	if *out == "" {
		*out = filepath.Join(repo.dir, "public") // "public" for the examples
	}
	src := repo.fsys
	if *ref != "" {
		if repo.embedded {
			fmt.Fprintf(std.errOut, "fupan build: --ref needs a git repository: pass --repo DIR\n")
			return exitUsage
		}
		if src, err = gittree.Tree(repo.dir, *ref); err != nil {
			fmt.Fprintf(std.errOut, "fupan build: --ref: %v\n", err)
			return exitUsage
		}
	}
	th, err := openTheme(*themeDir)
	if err != nil {
		fmt.Fprintf(std.errOut, "fupan build: --theme: %v\n", err)
		return exitUsage
	}

	r, err := review.Load(src, review.Options{})
	if err != nil {
		fmt.Fprintf(std.errOut, "fupan build: %v\n", err)
		return exitUsage
	}
	if n, _ := review.Count(r.Findings); n > 0 {
		writeText(std.errOut, r.Findings, len(r.Reviews), colorFor(std.errOut))
		fmt.Fprintf(std.errOut, "fupan build: %s: nothing built; run 'fupan check' after mending them\n", plural(n, "error"))
		return exitFindings
	}
	if err := ctx.Err(); err != nil {
		return exitUsage
	}

	opt := site.Options{Theme: th, BaseURL: *baseURL}
	gitInfo(repo, *ref, r.Config, &opt, std.errOut)
	// The search index first, closed before the pages are rendered, so
	// that the two never take memory at once.
	index, _, err := siteSearch(ctx, repo, src, *ref == "", r.Reviews, "build", std.errOut)
	if err != nil {
		fmt.Fprintf(std.errOut, "fupan build: search index: %v\n", err)
		return exitFindings
	}
	files, err := site.Build(r, opt)
	if err != nil {
		fmt.Fprintf(std.errOut, "fupan build: %v\n", err)
		return exitFindings
	}
	maps.Copy(files, index)
	if err := files.WriteDir(*out); err != nil {
		fmt.Fprintf(std.errOut, "fupan build: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(std.out, "%s: %s, %s\n", *out, plural(len(r.Reviews), "review"), plural(len(files), "file"))
	return exitOK
}

// openTheme returns the default theme, with the files of dir over it.
func openTheme(dir string) (fs.FS, error) {
	if dir == "" {
		return theme.FS(), nil
	}
	if st, err := os.Stat(dir); err != nil {
		return nil, err
	} else if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	return theme.Overlay(os.DirFS(dir), theme.FS()), nil
}

// gitInfo fills in what git says: each review's history, the forge and the
// branch its links point at. Without git it says once that the site is
// built without history.
func gitInfo(repo *repository, ref string, cfg review.Config, opt *site.Options, w io.Writer) {
	without := func(why string) {
		fmt.Fprintf(w, "fupan: building without history (first committed, last changed, contributors): %s\n", why)
		opt.Forge = history.ForgeURL(nil, cfg.RepoURL)
	}
	if repo.embedded {
		without("the example reviews are not in a git repository")
		return
	}
	g, err := git.PlainOpenWithOptions(repo.dir, &git.PlainOpenOptions{DetectDotGit: true})
	if err != nil {
		if errors.Is(err, git.ErrRepositoryNotExists) {
			without(repo.dir + " is not a git repository")
		} else {
			without(err.Error())
		}
		return
	}
	opt.Forge = history.ForgeURL(g, cfg.RepoURL)
	opt.Branch = ref
	if ref == "" {
		if head, err := g.Head(); err == nil {
			if head.Name().IsBranch() {
				opt.Branch = head.Name().Short()
			} else {
				opt.Branch = head.Hash().String()
			}
		}
	}
	// The reviews folder relative to the top of the work tree.
	prefix := review.Dir + "/"
	if wt, err := g.Worktree(); err == nil {
		if rel, err := filepath.Rel(wt.Filesystem.Root(), repo.dir); err == nil && rel != "." {
			prefix = filepath.ToSlash(rel) + "/" + prefix
		}
	}
	// The cache goes in .fupan, which must ignore itself in git (a build
	// of a --ref makes no search index there); when .fupan cannot be
	// made, history.Load warns that the cache is not written.
	makeStateDir(repo.dir, func(s string) { fmt.Fprintf(w, "fupan: %s\n", s) })
	h, err := history.Load(g, history.Options{Prefix: prefix, Ref: ref, CacheDir: filepath.Join(repo.dir, stateDir)})
	if err != nil {
		without(err.Error())
		return
	}
	for _, warn := range h.Warnings {
		fmt.Fprintf(w, "fupan: warning: %v\n", warn)
	}
	top := strings.TrimSuffix(prefix, review.Dir+"/")
	opt.History = make(map[string]*history.File, len(h.Files))
	for p, f := range h.Files {
		opt.History[strings.TrimPrefix(p, top)] = f
	}
}
