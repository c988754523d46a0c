// Package server previews the site of a review repository: it builds the
// site in memory, serves it, and rebuilds when a review, the theme or
// fupan.yaml changes. Open pages reload themselves through a small script
// and a server-sent events stream (/_fupan/events). When a change breaks a
// review, the last good site stays served and every open page shows the
// problems, FILE:LINE:COL: message, over it. Before the first good build
// (a draft just written by 'fupan new' has empty fields) there is no last
// good site: the reviews without errors are served, each broken review's
// page lists its findings (site.BuildAround), and the overlay shows the
// problems on every page.
package server

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/internal/terminal"
)

//go:embed live.js
var liveJS []byte

// Config is what a Server serves.
type Config struct {
	// Repo is the repository; it is read again on every rebuild.
	Repo fs.FS
	// Site are the build options (theme, history, forge). Live is set.
	Site site.Options
	// Log receives a line per rebuild.
	Log io.Writer
	// Search, when set, exports the search page's index of the reviews,
	// as files by site path. It runs in the background after every good
	// build, so that a rebuild is not kept waiting, and its files are
	// served beside the pages: the previous export's until it is done.
	Search func(reviews []*review.Review) (map[string][]byte, error)
}

// A Server serves the last good build of a repository's site.
type Server struct {
	cfg Config

	// What the last rebuild read and built, so that the next reads again
	// only the files that changed and renders only what depends on them;
	// used by one rebuild at a time (build).
	build   sync.Mutex
	snap    *review.Snapshot
	built   bool // New's rebuild is done
	good    bool // a build without errors has been served
	builder *site.Builder
	pending review.Update // what changed since the builder's last good build

	// The search index export: one at a time, and only the newest
	// build's (gen counts the builds).
	exporting sync.Mutex
	exportWG  sync.WaitGroup
	gen       atomic.Uint64

	mu       sync.RWMutex
	files    site.Files
	search   map[string][]byte // the last search index export
	problems []review.Finding  // errors of the last attempt; nil when it built
	clients  map[chan event]bool
}

type event struct{ name, data string }

// New builds the site once and returns a Server for it. A repository with
// errors still gives a Server, which shows them until they are mended.
func New(cfg Config) (*Server, error) {
	cfg.Site.Live = true
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	s := &Server{cfg: cfg, snap: review.NewSnapshot(cfg.Repo), builder: site.NewBuilder(), files: site.Files{}, clients: map[chan event]bool{}}
	if err := s.Rebuild(); err != nil {
		return nil, err
	}
	return s, nil
}

// Rebuild reads the repository again and builds the site. When the
// reviews have errors the last good site is kept and the errors are sent
// to every open page; so is a broken theme, and a reviews/ folder that is
// missing or cannot be read, as for a moment in a branch switch. Only New
// returns an error, for a repository it cannot read.
//
// Only the review files that changed since the last rebuild are read and
// checked again (a file whose size and modification time are the same,
// or else whose bytes are, has not changed), and only the pages that
// depend on them are rendered again; a change of fupan.yaml starts afresh.
func (s *Server) Rebuild() error { return s.rebuild(false) }

// Reload is Rebuild rendering every page again, for a change in what every
// page is made with, such as the theme; reviews are read and checked again
// only where they changed, as in Rebuild.
func (s *Server) Reload() error { return s.rebuild(true) }

func (s *Server) rebuild(fresh bool) error {
	s.build.Lock()
	defer s.build.Unlock()
	start := time.Now()
	if fresh {
		// The theme is in every page, not in the reviews: render anew,
		// but keep what was read and checked.
		s.builder.Reset()
	}
	repo, up, err := s.snap.Load(review.Options{})
	if err == nil {
		s.pending = merge(s.pending, up)
	}
	var problems []review.Finding
	switch {
	case err != nil && !s.built:
		return err
	case err != nil:
		problems = []review.Finding{dirProblem(err)}
	default:
		for _, f := range repo.Findings {
			if f.Severity == review.Error {
				problems = append(problems, f)
			}
		}
	}
	s.built = true
	var files site.Files
	if len(problems) == 0 {
		files, err = s.builder.Build(repo, s.pending, s.cfg.Site)
		if re, ok := errors.AsType[*site.ReviewError](err); ok {
			problems = []review.Finding{re.Finding(s.cfg.Repo)}
		} else if err != nil {
			problems = []review.Finding{{File: "theme", Line: 1, Col: 1, Severity: review.Error, Message: err.Error()}}
		}
	}
	// Before the first good build there is no last good site to keep:
	// serve the valid reviews, and the broken ones as pages listing
	// their findings (a draft just written by 'fupan new' is one).
	var around site.Files
	if problems != nil && !s.good && repo != nil {
		if around, err = site.BuildAround(repo, s.cfg.Site); err != nil {
			fmt.Fprintf(s.cfg.Log, "fupan serve: cannot build the valid reviews either: %s\n", terminal.Text(err.Error()))
			around = nil
		}
	}
	s.mu.Lock()
	if problems == nil {
		s.files = files
		s.pending = review.Update{}
		s.good = true
	} else if around != nil {
		s.files = around
	}
	s.problems = problems
	s.mu.Unlock()
	if problems != nil {
		what := "still serving the last good site"
		if !s.good {
			what = "serving the reviews without errors, and a page of findings for each review with one"
		}
		fmt.Fprintf(s.cfg.Log, "fupan serve: %s; %s\n", terminal.Count(len(problems), "problem"), what)
		for _, p := range problems {
			fmt.Fprintf(s.cfg.Log, "  %s\n", problemText(p))
		}
		s.broadcast(s.problemsEvent())
		if around != nil && s.cfg.Search != nil {
			gen := s.gen.Add(1)
			s.exportWG.Add(1)
			go s.exportSearch(gen, servedReviews(repo, problems))
		}
		return nil
	}
	fmt.Fprintf(s.cfg.Log, "fupan serve: built %s in %v (%s rendered)\n", terminal.Count(len(repo.Reviews), "review"), time.Since(start).Round(time.Millisecond), terminal.Count(s.builder.Rendered(), "page"))
	s.broadcast(event{"reload", "{}"})
	if s.cfg.Search != nil {
		gen := s.gen.Add(1)
		s.exportWG.Add(1)
		go s.exportSearch(gen, repo.Reviews)
	}
	return nil
}

// servedReviews are the reviews of repo that no problem is about: those
// site.BuildAround renders.
func servedReviews(repo *review.Repo, problems []review.Finding) []*review.Review {
	bad := map[string]bool{}
	for _, p := range problems {
		bad[p.File] = true
	}
	var out []*review.Review
	for _, rv := range repo.Reviews {
		if !bad[rv.Path] {
			out = append(out, rv)
		}
	}
	return out
}

// dirProblem is the problem shown while the reviews folder cannot be read
// (err, from review.Paths): a branch switch removes it and writes it
// again, and Watch rebuilds when it is back.
func dirProblem(err error) review.Finding {
	msg := review.Dir + "/ is missing; waiting for it to return"
	if !errors.Is(err, fs.ErrNotExist) {
		// review.Paths's advice to run 'fupan init' is for a new repository.
		cause := err
		if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
			cause = pe.Err
		}
		msg = fmt.Sprintf("%s/ cannot be read: %v; waiting for it to be mended", review.Dir, cause)
	}
	return review.Finding{File: review.Dir + "/", Severity: review.Error, Message: msg, Err: err}
}

// problemText is how a problem is shown: FILE:LINE:COL: message, or the
// message alone for a problem with no position in a file (dirProblem).
//
// The file name is quoted if it could end the line, the message shown as
// text: a terminal never acts on either.
func problemText(f review.Finding) string {
	if f.Line == 0 {
		return terminal.Text(f.Message)
	}
	return fmt.Sprintf("%s:%d:%d: %s", terminal.Name(f.File), f.Line, f.Col, terminal.Text(f.Message))
}

// exportSearch exports the search index of build gen, unless a newer
// build has come since, which exports its own.
func (s *Server) exportSearch(gen uint64, reviews []*review.Review) {
	defer s.exportWG.Done()
	s.exporting.Lock()
	defer s.exporting.Unlock()
	if s.gen.Load() != gen {
		return
	}
	start := time.Now()
	files, err := s.cfg.Search(reviews)
	if err != nil {
		fmt.Fprintf(s.cfg.Log, "fupan serve: search index: %s; the search page keeps the last one\n", terminal.Text(err.Error()))
		return
	}
	s.mu.Lock()
	s.search = files
	s.mu.Unlock()
	fmt.Fprintf(s.cfg.Log, "fupan serve: search index of %s in %v\n", terminal.Count(len(reviews), "review"), time.Since(start).Round(time.Millisecond))
}

// WaitSearch waits until the search index exports under way are done.
func (s *Server) WaitSearch() { s.exportWG.Wait() }

// merge returns the update of two loads in a row, for a build that
// missed the first: every review either names has changed.
func merge(a, b review.Update) review.Update {
	seen := map[string]bool{}
	var paths []string
	for _, l := range [][]string{a.Added, a.Changed, a.Removed, b.Added, b.Changed, b.Removed} {
		for _, p := range l {
			if !seen[p] {
				seen[p] = true
				paths = append(paths, p)
			}
		}
	}
	slices.Sort(paths)
	return review.Update{Config: a.Config || b.Config, Changes: review.Changes{Changed: paths}}
}

func (s *Server) problemsEvent() event {
	type problem struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Col     int    `json:"col"`
		Message string `json:"message"`
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	ps := make([]problem, 0, len(s.problems))
	for _, p := range s.problems {
		ps = append(ps, problem{p.File, p.Line, p.Col, p.Message})
	}
	data, _ := json.Marshal(ps) // plain strings and ints always marshal
	return event{"problems", string(data)}
}

func (s *Server) broadcast(e event) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for c := range s.clients {
		select {
		case c <- e:
		default: // a slow client misses one event; the next reload catches up
		}
	}
}

// ServeHTTP serves the site, the live script and the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/_fupan/live.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(liveJS)
		return
	case "/_fupan/events":
		s.events(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	s.mu.RLock()
	data, ok := s.files[name]
	if !ok {
		data, ok = s.search[name]
	}
	if !ok {
		if _, dir := s.files[path.Join(name, "index.html")]; dir {
			s.mu.RUnlock()
			redirectDir(w, r, name)
			return
		}
		data = s.files["404.html"]
	}
	s.mu.RUnlock()
	ctype := mime.TypeByExtension(path.Ext(name))
	if !ok {
		ctype = "text/html; charset=utf-8"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	if !ok {
		w.WriteHeader(http.StatusNotFound)
	}
	w.Write(data)
}

// redirectDir redirects to the folder name, a cleaned path of the site,
// by a Location built from name alone, never from the request's path: a
// path such as /%2fexample.invalid/..%2freviews, cleaned to reviews, must
// not send the browser to //example.invalid/../reviews/, which is another
// site. The Location is an absolute path beginning with exactly one '/',
// escaped, so that a backslash or a control character, which a browser
// reads as a '/' or drops, is sent as %5C or %09. The query is kept,
// escaped too.
func redirectDir(w http.ResponseWriter, r *http.Request, name string) {
	u := url.URL{Path: "/" + strings.Trim(name, "/") + "/"}
	if u.Path == "//" {
		u.Path = "/"
	}
	loc := u.EscapedPath()
	if q := r.URL.RawQuery; q != "" {
		loc += "?" + escapeQuery(q)
	}
	w.Header().Set("Location", loc)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusMovedPermanently)
}

// escapeQuery escapes the bytes of a raw query that RFC 3986 does not
// allow in one, such as a backslash; a query already escaped is unchanged.
func escapeQuery(q string) string {
	const allowed = "-._~!$&'()*+,;=:@/?%"
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		c := q[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(allowed, c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// events streams reload and problems events to one page.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	if _, ok := w.(http.Flusher); !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	// The stream lives as long as its page: lift the server's read and
	// write deadlines (HTTPServer) for it, and give each event its own
	// write deadline instead, so that a page that stops reading is let go.
	// A ResponseWriter with no connection, a test's, has no deadlines.
	rc := http.NewResponseController(w)
	if err := rc.SetReadDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan event, 4)
	s.mu.Lock()
	s.clients[c] = true
	broken := s.problems != nil
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	first := event{"ok", "{}"}
	if broken {
		first = s.problemsEvent()
	}
	// send writes msg, and reports whether the page is still there.
	send := func(msg string) bool {
		if err := rc.SetWriteDeadline(time.Now().Add(eventWriteTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return false
		}
		if _, err := io.WriteString(w, msg); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	format := func(e event) string { return fmt.Sprintf("event: %s\ndata: %s\n\n", e.name, e.data) }
	if !send(format(first)) {
		return
	}
	ping := time.NewTicker(30 * time.Second)
	defer ping.Stop()
	for {
		var msg string
		select {
		case <-r.Context().Done():
			return
		case e := <-c:
			msg = format(e)
		case <-ping.C:
			msg = ": ping\n\n"
		}
		if !send(msg) {
			return
		}
	}
}
