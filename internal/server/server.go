// Package server previews the site of a review repository: it builds the
// site in memory, serves it, and rebuilds when a review, the theme or
// fupan.yaml changes. Open pages reload themselves through a small script
// and a server-sent events stream (/_fupan/events). When a change breaks a
// review, the last good site stays served and every open page shows the
// problems, FILE:LINE:COL: message, over it.
package server

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/site"
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
}

// A Server serves the last good build of a repository's site.
type Server struct {
	cfg     Config
	builder *site.Builder

	mu       sync.RWMutex
	files    site.Files
	problems []review.Finding // errors of the last attempt; nil when it built
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
	s := &Server{cfg: cfg, builder: site.NewBuilder(), files: site.Files{}, clients: map[chan event]bool{}}
	if err := s.Rebuild(); err != nil {
		return nil, err
	}
	return s, nil
}

// Rebuild reads the repository again and builds the site. When the
// reviews have errors the last good site is kept and the errors are sent
// to every open page; the error return is for what stops the server (an
// unreadable repository, a broken theme is shown as a problem).
func (s *Server) Rebuild() error {
	start := time.Now()
	repo, err := review.Load(s.cfg.Repo, review.Options{})
	if err != nil {
		return err
	}
	var problems []review.Finding
	for _, f := range repo.Findings {
		if f.Severity == review.Error {
			problems = append(problems, f)
		}
	}
	var files site.Files
	if len(problems) == 0 {
		files, err = s.builder.Build(repo, s.cfg.Site)
		if err != nil {
			problems = []review.Finding{{File: "theme", Line: 1, Col: 1, Severity: review.Error, Message: err.Error()}}
		}
	}
	s.mu.Lock()
	if problems == nil {
		s.files = files
	}
	s.problems = problems
	s.mu.Unlock()
	if problems != nil {
		fmt.Fprintf(s.cfg.Log, "fupan serve: %d problems; still serving the last good site\n", len(problems))
		for _, p := range problems {
			fmt.Fprintf(s.cfg.Log, "  %s\n", p.Error())
		}
		s.broadcast(s.problemsEvent())
		return nil
	}
	fmt.Fprintf(s.cfg.Log, "fupan serve: built %d reviews in %v\n", len(repo.Reviews), time.Since(start).Round(time.Millisecond))
	s.broadcast(event{"reload", "{}"})
	return nil
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
		if _, dir := s.files[path.Join(name, "index.html")]; dir {
			s.mu.RUnlock()
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
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

// events streams reload and problems events to one page.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
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
	send := func(e event) {
		fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
		flusher.Flush()
	}
	send(first)
	ping := time.NewTicker(30 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case e := <-c:
			send(e)
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
			flusher.Flush()
		}
	}
}
