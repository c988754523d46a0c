package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/fupan/fupan/internal/gittree"
	"github.com/fupan/fupan/internal/history"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/internal/terminal"
	"github.com/fupan/fupan/internal/webindex"
	"github.com/fupan/fupan/theme"
)

const buildUsage = `
Build the static site of the reviews: a page per review, indexes by
exception type, service, dependency, tag and year, the open action items,
insights, an Atom feed, reviews.json and a sitemap.

The reviews are checked first: any error stops the build, with the same
messages as 'fupan check'. The site is written to a folder beside --out
(the site before the last, kept in .fupan/spare-site and changed only
where it differs, or a new one) and swapped in only when complete (in one
atomic step on Linux), so a failed build leaves the last site as it was. A build killed before it
finished leaves that folder (.NAME.new-*, beside --out); the next build
removes it. Two builds of the same commit are byte-identical.

A build does only the work that changed: when nothing it is made from
changed since the last build (the reviews, fupan.yaml, the theme, the
flags, the commit, this fupan) and --out still holds that site, it
writes nothing; when only reviews changed, it renders only the pages
they touch and carries the others over from that site; otherwise it
renders every page and writes only the files whose content changed
(see .fupan/site, and "What a build keeps" in the README).

The build replaces --out whole, so --out must be a missing path, an empty
folder, or a site fupan built (it holds a .fupan-site file). Anything else
stops the build before it starts, with exit status 2: the repository, a
folder that holds it, anything inside its reviews/ or .git, a file, or a
folder of other files.

With --profile, the site is the publish profile NAME of fupan.yaml: the
reviews of its statuses, less those with publish: private, without the
fields it omits and with its redactions made, in every page, the feed,
reviews.json, the sitemap and the search index. Every review is checked
all the same, and an error in any stops the build.

With --ref, the commit's tree is read from git, without a checkout.
When the repository is in git, each page says when the review was first
committed, last changed and by whom (cached in .fupan/).`

func runBuild(ctx context.Context, args []string, std stdio) error {
	fs := newFlagSet("build", "[--repo DIR] [--out DIR] [--ref REF] [--base-url URL] [--theme DIR] [--profile NAME]", buildUsage, std)
	rf := addRepoFlag(fs)
	out := fs.String("out", "", "the output `folder` (default: public in the repository)")
	ref := fs.String("ref", "", "build the tree of the commit `REF` (branch, tag or hash) instead of the work tree")
	baseURL := fs.String("base-url", "", "the `URL` the site is published at, e.g. https://acme.github.io/reviews/ (default: base_url in fupan.yaml)")
	themeDir := fs.String("theme", "", "a `folder` whose files replace the default theme's (templates/*.html, static/*), but not the search client that static/search/ui.js imports")
	profile := fs.String("profile", "", "build the site as the publish profile `NAME` of fupan.yaml shows the reviews")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *baseURL != "" {
		if err := review.CheckBaseURL(*baseURL); err != nil {
			return fmt.Errorf("--base-url %q: %w", *baseURL, err)
		}
	}
	repo, err := rf.open(std.errOut)
	if err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join(repo.dir, "public") // "public" for the examples
	}
	// Before any work: the build replaces --out whole.
	if err := site.CheckOut(*out, repo.dir); err != nil {
		return fmt.Errorf("--out %s: %w", *out, err)
	}
	src := repo.fsys
	var commit *object.Commit // the commit of --ref; nil for the work tree
	if *ref != "" {
		if repo.embedded {
			return errors.New("--ref needs a git repository: pass --repo DIR")
		}
		g, err := repo.openGit()
		if err != nil {
			return fmt.Errorf("--ref needs a git repository: %w", err)
		}
		if commit, err = gittree.Resolve(g.Git, *ref); err != nil {
			return fmt.Errorf("--ref %w", err)
		}
		if src, err = g.Tree(commit); err != nil {
			return fmt.Errorf("--ref %s: %w", *ref, err)
		}
	}
	th, err := openTheme(*themeDir)
	if err != nil {
		return fmt.Errorf("--theme: %w", err)
	}
	if *profile != "" {
		// Before any work; a profile that is there but invalid is a
		// finding of the check below.
		if cfg, bad := review.LoadConfig(src); len(bad) == 0 {
			if _, err := cfg.Profile(*profile); err != nil {
				return fmt.Errorf("--profile: %w", err)
			}
		}
	}

	// Nothing to do when the inputs are those of the last build and its
	// site is still at --out as written (see buildstate.go).
	var prev *site.Manifest
	var keys buildKeys
	if !repo.embedded {
		note := func(s string) { linef(std.errOut, "fupan build: %s", s) }
		if err := makeStateDir(repo.dir, note); err == nil {
			// The last manifest is read beside the key: neither needs
			// the other, and each takes a tenth of a second at 10,000
			// reviews.
			last := make(chan *site.Manifest, 1)
			go func() { last <- lastSite(repo, note) }()
			keys, err = buildKey(repo, buildInputs{
				src: src, theme: th, commit: commit, statFile: statCacheFile(repo),
				flags: []string{*baseURL, *profile, *ref},
			})
			prev = <-last
			if err != nil {
				keys = buildKeys{} // what went wrong, the check below says
			}
		}
		fitBuildMemory(len(keys.hashes)) // before the reviews are loaded
		if prev != nil && keys.key != "" && prev.Key == keys.key && prev.Intact(*out) {
			if err := site.RemoveLeftovers(*out); err != nil {
				return fmt.Errorf("--out %s: %w", *out, err)
			}
			linef(std.out, "%s: %s (nothing changed since the last build)", *out, prev.Summary)
			return nil
		}
	}

	// A build of the options of the last starts from its site; a
	// profile's ids and pages depend on every review it shows, so its
	// build renders every page.
	resumable := prev != nil && keys.base != "" && prev.Base == keys.base && *profile == ""
	j := newSearchJob(ctx, repo, src, *ref == "", "build", std.errOut)
	j.opt.Listing = keys.listing
	defer j.close()
	if resumable && *ref == "" {
		j.start(std.errOut)
	}
	t := siteTarget(*out, repo.dir, prev)
	if resumable {
		// Its new folder, with the spare recycled into it, is made ready
		// while the reviews load; a build that stops before its site is
		// written removes it (the next build links every file instead).
		t.Opening = site.Open(t)
		defer t.Opening.Abort()
	}
	prog := progressFor("build", std.errOut)
	r, err := review.Load(src, review.Options{Progress: prog, CacheDir: reviewCacheDir(repo, "build", std.errOut), Listing: keys.listing})
	if err != nil {
		return err
	}
	fitBuildMemory(len(r.Reviews))
	if n, _ := review.Count(r.Findings); n > 0 {
		writeText(std.errOut, r.Findings, len(r.Reviews), colorFor(std.errOut))
		return failed(fmt.Errorf("%s: nothing built; run 'fupan check' after mending them", terminal.Count(n, "error")))
	}
	if ctx.Err() != nil {
		return silent(exitUsage)
	}
	if !j.started && *ref == "" && *profile == "" {
		// Built beside the pages, which have a core to spare while it is
		// (it builds its segments one at a time); only once the reviews
		// passed the check, so that a build that fails it stops at once.
		// A profile's build exports no index of its own.
		j.start(std.errOut)
	}

	opt := site.Options{Theme: th, BaseURL: *baseURL, Progress: prog, Cache: site.Cache{File: filepath.Join(repo.dir, stateDir, "recurrence"), Key: keys.base}}
	gitInfo(repo, commit, *ref, r.Config, &opt, std.errOut)
	all := len(r.Reviews)
	search := func() (*webindex.Output, error) {
		return j.export(r.Reviews)
	}
	if *profile != "" {
		prof, err := r.Config.Profile(*profile)
		if err != nil {
			return fmt.Errorf("--profile: %w", err)
		}
		// Once, here: whatever is made next is made of what it shows.
		r = prof.Apply(r)
		publishGit(prof, r, &opt)
		search = func() (*webindex.Output, error) {
			files, err := publishedSearch(r.Reviews)
			return &webindex.Output{Files: files}, err
		}
	}
	last := &site.Last{Dir: *out, Hashes: keys.hashes}
	if resumable {
		last.Manifest = prev
	}
	// The search index is exported beside the pages of a build that
	// starts from the last site, which are few; a build of every page
	// exports it once its pages are written, so that the two never take
	// memory at once (see site.Target.Later).
	index := sync.OnceValues(func() (*webindex.Output, error) {
		o, err := search()
		if err != nil {
			return nil, fmt.Errorf("search index: %w", err)
		}
		return o, nil
	})
	var exporting sync.WaitGroup
	if last.Manifest != nil {
		exporting.Go(func() { index() })
	}
	o, m, err := renderSite(r, last, opt, index, t)
	exporting.Wait() // done before the build returns, even when the site failed
	if err != nil {
		j.wait() // its lines before the error's
		if re, ok := errors.AsType[*site.ReviewError](err); ok {
			f := re.Finding(src)
			writeFinding(std.errOut, f, colorFor(std.errOut))
			return failed(errors.New("nothing built"))
		}
		if _, ok := errors.AsType[*site.WriteError](err); ok {
			return fmt.Errorf("--out %s: %w", *out, err)
		}
		return failed(err)
	}
	n := len(m.Files)
	summary := fmt.Sprintf("%s, %s", terminal.Count(len(r.Reviews), "review"), terminal.Count(n, "file"))
	if *profile != "" {
		summary = fmt.Sprintf("%s of %d (profile %s), %s", terminal.Count(len(r.Reviews), "review"), all, *profile, terminal.Count(n, "file"))
		m.Reviews = nil // see last above
	}
	if !repo.embedded {
		m.Key, m.Base, m.Summary = keys.key, keys.base, summary
		if err := m.Write(siteManifestFile(repo)); err != nil {
			// The last manifest describes a site --out no longer holds:
			// gone, the next build starts from nothing.
			os.Remove(siteManifestFile(repo))
			linef(std.errOut, "fupan build: cannot keep what the site was made of (%v): the next build writes every file", err)
		}
	}
	if o.Resumed {
		linef(std.out, "%s: %s (%s rendered, the others kept from the last build)", *out, summary, terminal.Count(o.Rendered, "page"))
		return nil
	}
	linef(std.out, "%s: %s", *out, summary)
	return nil
}

// renderSite renders the site of r, from the last site when last has its manifest,
// with the search index's files, and writes it to t. When a file the
// build kept from the last site was changed meanwhile, it renders and
// writes every page.
func renderSite(r *review.Repo, last *site.Last, opt site.Options, index func() (*webindex.Output, error), t site.Target) (*site.Output, *site.Manifest, error) {
	t.Later = func() (site.Extras, error) {
		o, err := index()
		if err != nil {
			return site.Extras{}, err
		}
		return site.Extras{Files: o.Files, Same: o.Same, Load: o.Load}, nil
	}
	for {
		o, m, err := site.WriteSite(r, last, opt, t)
		if errors.Is(err, site.ErrKeptChanged) && last.Manifest != nil {
			last = &site.Last{Dir: last.Dir, Hashes: last.Hashes}
			continue
		}
		return o, m, err
	}
}

// siteTarget is where a build writes its site: out, replacing the site
// prev describes there (nil for none), with the search export's folder
// given later and, for a repository, the spare folder in its state.
func siteTarget(out, repoDir string, prev *site.Manifest) site.Target {
	t := site.Target{Dir: out, Repo: repoDir, Prev: prev, ExtraDir: webindex.Dir}
	if repoDir != "" {
		// The site before the last, recycled by the next build.
		t.Spare = filepath.Join(repoDir, stateDir, "spare-site")
	}
	return t
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

// gitInfo fills in what git says: each review's history at commit (HEAD
// when nil, else the commit of ref), the forge and the branch its links
// point at. Without git it says once that the site is built without
// history.
func gitInfo(repo *repository, commit *object.Commit, ref string, cfg review.Config, opt *site.Options, w io.Writer) {
	without := func(why string) {
		linef(w, "fupan: building without history (first committed, last changed, contributors): %s", why)
		opt.Forge = history.ForgeURL(nil, cfg.RepoURL)
	}
	g, err := repo.openGit()
	if err != nil {
		without(err.Error())
		return
	}
	opt.Forge = history.ForgeURL(g.Git, cfg.RepoURL)
	opt.Branch = ref
	if ref == "" {
		if head, err := g.Git.Head(); err == nil {
			if head.Name().IsBranch() {
				opt.Branch = head.Name().Short()
			} else {
				opt.Branch = head.Hash().String()
			}
		}
	}
	// The reviews folder relative to the top of the work tree.
	prefix := path.Join(g.Prefix, review.Dir) + "/"
	var at plumbing.Hash
	if commit != nil {
		at = commit.Hash
	}
	// The cache goes in .fupan, which must ignore itself in git (a build
	// of a --ref makes no search index there); when .fupan cannot be
	// made, history.Load warns that the cache is not written.
	makeStateDir(repo.dir, func(s string) { linef(w, "fupan: %s", s) })
	h, err := history.Load(g.Git, history.Options{Prefix: prefix, Commit: at, CacheDir: filepath.Join(repo.dir, stateDir)})
	if err != nil {
		without(err.Error())
		return
	}
	for _, warn := range h.Warnings {
		linef(w, "fupan: warning: %v", warn)
	}
	top := strings.TrimSuffix(prefix, review.Dir+"/")
	opt.History = make(map[string]*history.File, len(h.Files))
	for p, f := range h.Files {
		opt.History[strings.TrimPrefix(p, top)] = f
	}
}
