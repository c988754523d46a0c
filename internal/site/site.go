// Package site renders a review repository as a static web site.
//
// [Build] takes the checked repository (review.Load), the theme (an fs.FS
// with templates/ and static/, theme.FS or a folder over it) and what git
// says about each file (internal/history), and returns every file of the
// site in memory; [Files.WriteDir] writes them to a folder, swapping it in
// only when all is written.
//
// # The site's folder
//
// A written site holds [Marker] at its root. WriteDir replaces its folder
// whole, so it writes only where [CheckOut] allows: a missing path, an
// empty folder, or a site fupan wrote (marked, or written before the mark
// and holding its files). Never the review repository, a folder that holds
// it, anything inside its reviews/ or .git, nor a file. It writes into a
// new folder beside it, .NAME.new-DIGITS, and swaps the two: on Linux in
// one atomic step, renameat2 with RENAME_EXCHANGE, so that a reader or a
// kill finds the old site or the new, never none; elsewhere, and on file
// systems without it, in renames one after another. A build killed before
// it finished leaves that folder, and the next build removes it.
//
// [Files.WriteDirFrom] writes the same, and returns a [Manifest] of what it
// wrote (each file's size, time and SHA-256), which the builder keeps
// outside the site; given the last one, it carries over every file whose
// content did not change (a hard link from the site it replaces into the
// new folder) and writes only the others, so that the new site is the
// same, byte for byte, as one written from nothing, and the swap stays
// one step. Files are written on every core, without a sync each.
//
// [WriteSite] is fupan build's: it renders and writes in one step. Given
// the last site and its manifest ([Last]; the manifest also records what
// each review's pages were made of), it renders only the pages that the
// reviews changed since touch and carries every other file over (see
// resume.go); else it renders every page and writes each into the new
// folder as soon as it is rendered, so that the whole site is never held
// in memory. Either way reviews.json, the largest file (31 MB at 10,000
// reviews), is streamed to its file and its hash, never held whole: a
// resumed build copies the entries that did not change from the last
// site's, and keeps that file, linked, when every entry is the same (an
// edit of a body); see jsonfile.go. With [Target.Spare], its new folder
// is the site before the last, recycled: changed only where it differs,
// and the site swapped out is kept there for the next build (see
// swapspare.go).
//
// # Pages
//
//	index.html                 home: counts, recent reviews, open actions
//	reviews/index.html         every review, newest first, grouped by year;
//	                           reviews/page/N/index.html goes on past 200
//	                           (every list of reviews or actions is split
//	                           so, see paginate)
//	reviews/ID/index.html      one review, with a table of contents made
//	                           from its sections (see addTOC)
//	reviews/ID/index.md        its Markdown source, the review file as written
//	                           (read from review.Repo.FS), which the page
//	                           links to (rel=alternate, type=text/markdown);
//	reviews/sources/P.md       in a site of more reviews than a quarter of
//	                           Options.FileBudget, the sources instead,
//	                           packed some 8 to a file (see sourceLayout)
//	exceptions/ services/ dependencies/ tags/ years/
//	                           an index of terms, and a page per term
//	actions/index.html         every open action item, the earliest due first
//	actions/teams/SLUG/        a team's open actions
//	insights/index.html        charts made at build time, inline SVG
//	search/index.html          the search page (assets/search/ui.js fills it)
//	search/index/              its index, added by internal/webindex
//	atom.xml reviews.json sitemap.xml 404.html
//	schema/review.schema.json  the JSON Schema of the reviews' front matter,
//	                           with the custom fields of fupan.yaml
//	                           (review.SchemaFor), for editors
//	llms.txt                   the site for language models (llmstxt.org):
//	                           what it is, how to search it, links to
//	                           reviews.json and every review's source
//	assets/                    the theme's static files and chroma.css
//	assets/search/             the search client (internal/webindex), over
//	                           the theme's files of the same name
//
// A term's folder is a slug of its name (lowercase; see slugify) that
// never ends in .html, is never a name Windows keeps for a device, and is
// unique within its kind even where case and Unicode normalisation are
// ignored (a suffix -2, -3… tells apart names that give the same slug),
// so no term page collides with the site's own files or another's.
//
// Every link is relative to the page, so the site works under any path
// (https://acme.github.io/reviews/); only 404.html, which a server shows at
// any depth, and the feed and sitemap use the base URL. 404.html loads its
// scripts and styles from the base URL's path, so a base URL must pass
// review.CheckBaseURL (whose path no browser reads as another host), and
// every URL a page loads from stays on the site's origin.
//
// # Safety
//
// Every field goes through html/template, which escapes it for its context.
// Markdown is rendered by goldmark without raw HTML, and goldmark empties
// links with a dangerous scheme (javascript:); links of action items are
// kept only when they are http, https or mailto.
//
// # Errors
//
// A build error that a review's content causes is a [ReviewError]: the
// review, the field (tags[2], body) and the error; its Finding says the
// field's line and column, FILE:LINE:COL, as check does.
//
// # Determinism
//
// The output depends only on its inputs: reviews, config, theme and
// history. Nothing reads the clock; whether an action is overdue is marked
// in the reader's browser (assets/site.js), from its due date. The action
// figures of insights count overdue actions and ages on Options.Now, by
// default the day of the newest review, and say which day.
package site

import (
	"cmp"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/fupan/fupan/internal/history"
	"github.com/fupan/fupan/internal/progress"
	"github.com/fupan/fupan/internal/review"
)

// Options are what a build needs besides the reviews.
type Options struct {
	// Theme holds templates/*.html and static/*; theme.FS() by default.
	// Its static/ files are written to assets/, then the search client
	// over them (see package theme).
	Theme fs.FS

	// BaseURL is where the site is published, e.g.
	// https://acme.github.io/reviews/; the config's base_url when empty.
	BaseURL string

	// History is what git says about each review file, by path relative
	// to the repository; nil builds without history.
	History map[string]*history.File

	// Forge is the web address of the repository
	// (https://github.com/acme/reviews) and Branch the branch or commit
	// its file links point at; no links when either is empty.
	Forge, Branch string

	// Live adds the reload script of 'fupan serve' to every page.
	Live bool

	// Now is the day the action figures count overdue actions and ages
	// from; the zero value means the day of the newest review.
	Now time.Time

	// Progress, when set, is told how the rendering goes, file by file.
	Progress progress.Reporter

	// FileBudget is the number of files the site's host accepts, which
	// says where the reviews' sources go (see sourceLayout); 0 means
	// FileBudget, Cloudflare Pages' limit.
	FileBudget int

	// Cache is where a build keeps what it computed for the next build
	// to start from (see recurrence.go); none when its Key is empty.
	Cache Cache
}

// A Builder builds sites, remembering between builds what it rendered:
// after the first build, a build with the same options renders only the
// pages that depend on the reviews that changed (see update), and keeps
// the others' bytes.
type Builder struct {
	render *renderer
	last   *site // the last good build; nil before the first
}

// NewBuilder returns a Builder with nothing remembered.
func NewBuilder() *Builder { return &Builder{render: newRenderer(true)} }

// Rendered returns the number of pages the last Build rendered; fewer
// than the site has when it started from the build before.
func (b *Builder) Rendered() int {
	if b.last == nil {
		return 0
	}
	return b.last.pages
}

// Reset forgets the last build, so that the next renders every page: for
// a change in what every page is made with that the update of the reviews
// does not tell, such as the theme or what git says.
func (b *Builder) Reset() { b.last = nil }

// Build renders the site of repo once, remembering nothing.
func Build(repo *review.Repo, opt Options) (Files, error) {
	s, err := newSite(repo, opt, newRenderer(false), nil)
	if err != nil {
		return nil, err
	}
	if err := s.build(); err != nil {
		return nil, err
	}
	return s.out, nil
}

// Build renders the site of repo. The repository should have no errors
// (fupan build checks first); a review that failed to decode is left out.
// up is what changed since the Builder's last build, as the
// review.Snapshot that read repo says: only the pages that depend on
// those reviews are rendered again, unless fupan.yaml or the options
// changed. The Files returned are new; those of the last build are left
// as they were.
func (b *Builder) Build(repo *review.Repo, up review.Update, opt Options) (Files, error) {
	if last := b.last; last != nil && !up.Config && last.sameOptions(opt) {
		files, ok, err := b.update(repo, up.Changes, opt)
		if err != nil {
			return nil, err
		}
		if ok {
			return files, nil
		}
	}
	b.last = nil
	s, err := newSite(repo, opt, b.render, nil)
	if err != nil {
		return nil, err
	}
	if err := s.build(); err != nil {
		return nil, err
	}
	b.render.sweep()
	b.last = s
	return s.out, nil
}

// site is one build in progress.
type site struct {
	opt      Options
	cfg      review.Config
	lang     string
	title    string
	basePath string // the path of BaseURL, escaped, with a final "/": "/reviews/"
	baseURL  string // BaseURL with a final "/", or ""

	reviews []*review.Review // newest first
	byID    map[string]*review.Review
	pos     map[*review.Review]int
	ix      *catalog
	sevRank map[string]int
	sevOnce sync.Once
	sevJSON string // the severity names as JSON, for every page (see page.Severities)

	locOnce  sync.Once
	location *time.Location // see loc

	src     fs.FS        // what the reviews were read from (review.Repo.FS); nil when unknown
	sources sourceLayout // where the sources of the reviews go
	render  *renderer
	tmpl    *templates

	mu      sync.Mutex
	pages   int // pages rendered, for the tests
	out     Files
	streams map[string]io.WriterTo    // files of out written as they are made (see stream.go)
	kept    map[string]bool           // files of the last site left as they were, not in out (see Resume)
	sink    *sink                     // where the files go as they are made, instead of out; nil for out
	related map[string]string         // review id → relatedKey of its page
	entries map[*review.Review][]byte // a review's entry in reviews.json
	jsonAt  map[*review.Review][2]int // where it is there: offset, length
	// lastJSON is the last site's reviews.json, which the entries not in
	// entries are copied from; nil for none.
	lastJSON *lastJSON
	// llmsLines are the reviews' lines in llms.txt of the last build, and
	// of this one when a Builder keeps them.
	llmsLines map[*review.Review]string

	recur     *siteRecurrence // see recurrence.go
	recurOnce sync.Once

	// prev is the last build while an update renders from it (see
	// update), for the pages of lists to tell whether they changed;
	// nil otherwise (a build keeps no chain of the builds before).
	prev *site
}

// newSite prepares a build of repo; tmpl are the templates of the last
// build when the theme is the same, nil to load them.
func newSite(repo *review.Repo, opt Options, r *renderer, tmpl *templates) (*site, error) {
	if opt.Theme == nil {
		return nil, fmt.Errorf("no theme")
	}
	s := &site{opt: opt, cfg: repo.Config, src: repo.FS, render: r, out: Files{}, related: map[string]string{}, entries: map[*review.Review][]byte{}, llmsLines: map[*review.Review]string{}, recur: &siteRecurrence{}}
	s.lang = cmp.Or(repo.Config.Language, "en")
	s.title = cmp.Or(repo.Config.Title, msg(s.lang, "Incident reviews"))
	base := cmp.Or(opt.BaseURL, repo.Config.BaseURL)
	s.basePath = "/"
	if base != "" {
		// The rule of check: a path that a browser could read as another
		// host would have 404.html load its scripts from there.
		if err := review.CheckBaseURL(base); err != nil {
			return nil, fmt.Errorf("base URL %q: %w", base, err)
		}
		u, _ := url.Parse(base)
		// Escaped as written: an encoded '?' or '#' stays part of the path.
		s.basePath = strings.TrimSuffix(u.EscapedPath(), "/") + "/"
		u.Path, _ = url.PathUnescape(s.basePath)
		u.RawPath = s.basePath
		s.baseURL = u.String()
	}

	for _, rv := range repo.Reviews {
		if rv.Title != "" && rv.Date != "" {
			s.reviews = append(s.reviews, rv)
		}
	}
	slices.SortFunc(s.reviews, review.NewestFirst)
	s.byID = make(map[string]*review.Review, len(s.reviews))
	s.pos = make(map[*review.Review]int, len(s.reviews))
	for i, rv := range s.reviews {
		s.byID[rv.ID] = rv
		s.pos[rv] = i
	}
	s.sources = sourcesFor(len(s.reviews), opt.FileBudget)
	s.sevRank = map[string]int{}
	for i, sev := range s.cfg.SeverityNames() {
		s.sevRank[sev] = i
	}
	s.ix = newCatalog(s.reviews)
	if tmpl == nil {
		var err error
		if tmpl, err = loadTemplates(opt.Theme, s.lang); err != nil {
			return nil, err
		}
	}
	s.tmpl = tmpl
	return s, nil
}

// put adds a file to the output: to out, or written at once when the
// build streams to disk (sink).
func (s *site) put(name string, data []byte) {
	if s.sink != nil {
		s.sink.put(name, data)
		return
	}
	s.mu.Lock()
	s.out[name] = data
	s.mu.Unlock()
}

// has reports whether the output holds the file name, made by this build
// or kept from the last; the caller holds s.mu.
func (s *site) has(name string) bool {
	_, ok := s.out[name]
	_, streamed := s.streams[name]
	return ok || streamed || s.kept[name]
}

// holds reports whether the output holds the file name, made by this
// build or kept from the last.
func (s *site) holds(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.has(name)
}

// drop removes the file name from the output, made or kept; the caller
// holds s.mu.
func (s *site) drop(name string) {
	delete(s.out, name)
	delete(s.streams, name)
	delete(s.kept, name)
}

// build renders every page and file: the site-wide files, and the page of
// every review and of every term, in parallel.
func (s *site) build() error {
	jobs := s.siteWide()
	for _, rv := range s.reviews {
		jobs = append(jobs, func() error { return s.reviewPage(rv, nil) })
	}
	jobs = append(jobs, s.sourceJobs(s.reviews)...)
	for i := range kinds {
		k := &kinds[i]
		jobs = append(jobs, func() error { return s.termIndex(k) })
		for _, t := range s.ix.byKind[k.Dir] {
			jobs = append(jobs, func() error { return s.termPage(t) })
		}
	}
	ph := progress.Start(s.opt.Progress, "pages", "file", len(jobs))
	for i, job := range jobs {
		jobs[i] = func() error { defer ph.Add(1); return job() }
	}
	defer ph.Done()
	if err := parallel(jobs); err != nil {
		return err
	}
	s.saveRecurrence()
	return nil
}

// siteWide are the steps that make the files depending on every review,
// or none: rendered by every build, incremental or not.
func (s *site) siteWide() []func() error {
	return []func() error{
		s.assets, s.home, s.reviewIndex, s.actionsPage, s.insightsPage,
		s.searchPage, s.notFound, s.feed, s.json, s.sitemap, s.llms, s.frontMatterSchema,
	}
}

func (s *site) termIndex(k *Kind) error {
	return s.execute("terms", k.Dir+"/index.html", msg(s.lang, k.Title), k.Dir, &TermIndex{k, s.ix.byKind[k.Dir]})
}

func (s *site) termPage(t *Term) error {
	if err := s.termPages(t); err != nil {
		rv, field := t.source()
		return reviewError(rv, field, t.Name, err)
	}
	return nil
}

// parallel runs the jobs on every CPU and returns the first error.
func parallel(jobs []func() error) error {
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, job := range jobs {
		g.Go(job)
	}
	return g.Wait()
}
