package mcpserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"sync"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
)

// Config is what a Server serves, and how.
type Config struct {
	// Repo is the review repository: fupan.yaml and reviews/.
	Repo fs.FS

	// Dir is Repo's folder on disk, whose reviews/ the server watches so
	// that a request costs no scan when nothing changed; "" when Repo is
	// not on disk, and every request scans.
	Dir string

	// OpenIndex opens the search index of Repo and brings it up to date,
	// as 'fupan search' does (search.Open on the repository's state
	// folder). It is called at start, and again after reviews changed.
	OpenIndex func() (*search.Index, error)

	// Log receives what the server says besides the protocol: an index
	// that could not be refreshed, a panic. Never standard output, which
	// is the protocol's. Nil discards it.
	Log io.Writer

	// Version is fupan's version, told to clients.
	Version string

	// Now is the clock that tells which actions are overdue; time.Now
	// when nil.
	Now func() time.Time
}

// A Server is an MCP server of a review repository.
type Server struct {
	cfg Config
	mcp *mcp.Server
	w   *watcher // nil without one

	// syncMu serialises sync, which owns stats, hashes and gen.
	syncMu sync.Mutex
	stats  review.StatCache
	hashes map[string]string // path → content hash at the last scan; nil before it
	gen    int               // incremented whenever review files changed
	scans  int               // scans made by sync, for the tests

	ixMu   sync.RWMutex // held for reading while the index is used
	ix     *search.Index
	ixErr  error // why ix is nil
	closed bool

	snapMu  sync.Mutex // review.Snapshot is not safe for concurrent use
	snap    *review.Snapshot
	repo    *review.Repo // snap's last Load
	snapGen int

	resMu  sync.Mutex
	listed map[string]*mcp.Resource // by URI, as registered with mcp
	resGen int

	timerMu sync.Mutex
	timer   *time.Timer // the background refresh after a change
	stopped bool        // Close was called: no more background refreshes
}

// New opens the search index and returns a server ready to Run. Close
// releases the index and the watcher.
func New(cfg Config) (*Server, error) {
	if cfg.Repo == nil || cfg.OpenIndex == nil {
		return nil, errors.New("mcpserver: Config needs Repo and OpenIndex")
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Version == "" {
		cfg.Version = "devel"
	}
	s := &Server{cfg: cfg, snap: review.NewSnapshot(cfg.Repo), listed: map[string]*mcp.Resource{}, gen: 1}
	if cfg.Dir != "" {
		// Before the index is opened, so that no change is missed.
		w, err := newWatcher(cfg.Dir, s.kick)
		if err != nil {
			fmt.Fprintf(cfg.Log, "fupan mcp: not watching the reviews (every request scans them): %v\n", err)
		}
		s.w = w
	}
	if s.w == nil || !s.w.canSettle() {
		// The scans compare with this one.
		states, err := review.Scan(cfg.Repo, &s.stats)
		if err != nil {
			s.Close()
			return nil, err
		}
		s.hashes = review.Hashes(states)
	}
	ix, err := s.open(false)
	if err != nil {
		s.Close()
		return nil, err
	}
	s.ix = ix
	s.mcp = s.newMCP()
	return s, nil
}

// MCP returns the MCP server, for a caller that connects it itself
// (Server.Connect with a transport of its own).
func (s *Server) MCP() *mcp.Server { return s.mcp }

// Run serves one client over the transport until it disconnects or ctx
// is done.
func (s *Server) Run(ctx context.Context, t mcp.Transport) error {
	return s.mcp.Run(ctx, t)
}

// Close stops the watcher and closes the index.
func (s *Server) Close() error {
	s.timerMu.Lock()
	s.stopped = true
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timerMu.Unlock()
	if s.w != nil {
		s.w.close()
	}
	s.ixMu.Lock()
	defer s.ixMu.Unlock()
	s.closed = true
	if s.ix == nil {
		return nil
	}
	err := s.ix.Close()
	s.ix = nil
	return err
}

// newMCP makes the MCP server: its tools and resources.
func (s *Server) newMCP() *mcp.Server {
	logger := slog.New(slog.NewTextHandler(s.cfg.Log, &slog.HandlerOptions{Level: slog.LevelWarn}))
	m := mcp.NewServer(&mcp.Implementation{Name: "fupan", Title: "fupan incident reviews", Version: s.cfg.Version},
		// No logging capability: the server sends no log messages. Tools
		// and resources are advertised as they are added.
		&mcp.ServerOptions{Instructions: instructions, Logger: logger, Capabilities: &mcp.ServerCapabilities{}})
	s.addTools(m)
	s.addResources(m)
	return m
}

// instructions tell a client's model what the server is for.
const instructions = `fupan keeps a team's incident reviews (post-mortems): one Markdown file with YAML front matter per incident, with its traceback, failure chain, config and versions in effect, why it was not caught, the guard for next time and the action items.

Before you debug an error, look for prior incidents: similar takes a pasted traceback or log; search takes words, exception names, "phrases" and filters (service:NAME severity:SEV1 status:final exception:KeyError tag:redis since:2025-01 until:2025-12-31). get_review returns a whole review by id; open_actions lists the action items still open. Each review is also a resource, fupan://review/ID, its Markdown source.`

// kick schedules a refresh in the background, a moment after the last
// change the watcher saw: the index is brought up to date before anyone
// asks, then let go until the next request (release).
func (s *Server) kick() {
	s.timerMu.Lock()
	defer s.timerMu.Unlock()
	if s.stopped {
		return
	}
	if s.timer != nil {
		s.timer.Reset(settleDelay)
		return
	}
	s.timer = time.AfterFunc(settleDelay, func() {
		s.timerMu.Lock()
		stopped := s.stopped
		s.timerMu.Unlock()
		if stopped {
			return
		}
		if err := s.sync(); err != nil {
			fmt.Fprintf(s.cfg.Log, "fupan mcp: refresh the search index: %v\n", err)
		}
		s.release()
	})
}

// settleDelay is how long the background refresh waits after a change
// for the burst of an editor's save to end.
const settleDelay = 150 * time.Millisecond

// sync brings the server up to date with the review files: when they
// changed since the last sync (review.Scan and review.Diff, after the
// watcher, if any, says they may have), the index is opened again through
// search.Open's incremental update, and gen is incremented.
func (s *Server) sync() error {
	s.syncMu.Lock()
	defer s.syncMu.Unlock()
	if s.w != nil && !s.failed() && s.w.settle() {
		return nil
	}
	s.scans++
	states, err := review.Scan(s.cfg.Repo, &s.stats)
	if err != nil {
		return err
	}
	cur := review.Hashes(states)
	if s.hashes != nil && review.Diff(s.hashes, cur).Empty() && !s.failed() {
		return nil
	}
	if err := s.reopen(); err != nil {
		if s.w != nil {
			s.w.markDirty() // try again at the next request
		}
		return err
	}
	s.hashes = cur
	s.gen++
	return nil
}

// failed reports whether the index could not be opened the last time.
func (s *Server) failed() bool {
	s.ixMu.RLock()
	defer s.ixMu.RUnlock()
	return s.ixErr != nil
}

// release closes the index until the next request opens it again, read-
// only: after a change, so that another process that wants to update the
// index (fupan search, which saw the change too) is not kept waiting for
// bleve's lock while the server is idle.
func (s *Server) release() {
	s.ixMu.Lock()
	defer s.ixMu.Unlock()
	if s.ix == nil {
		return
	}
	if err := s.ix.Close(); err != nil {
		fmt.Fprintf(s.cfg.Log, "fupan mcp: close the search index: %v\n", err)
	}
	s.ix = nil
}

// reopen closes the index and opens it again, which indexes what changed.
func (s *Server) reopen() error {
	s.ixMu.Lock()
	defer s.ixMu.Unlock()
	if s.closed {
		return errors.New("server closed")
	}
	if s.ix != nil {
		if err := s.ix.Close(); err != nil {
			fmt.Fprintf(s.cfg.Log, "fupan mcp: close the search index: %v\n", err)
		}
		s.ix = nil
	}
	ix, err := s.open(true)
	if err != nil {
		s.ixErr = err
		return err
	}
	s.ix, s.ixErr = ix, nil
	return nil
}

// open opens the index with Config.OpenIndex and, when the open wrote to
// it (or may have: always, on a refresh), closes it and opens it again:
// with nothing to update, search.Open opens it read-only, and bleve's lock
// lets other processes (fupan search) read it meanwhile.
func (s *Server) open(refresh bool) (*search.Index, error) {
	ix, err := s.cfg.OpenIndex()
	if err != nil {
		return nil, err
	}
	u := ix.Update
	if u.Rebuilt == search.InMemory || (!refresh && u.Added+u.Changed+u.Deleted == 0 && u.Rebuilt == search.Kept) {
		return ix, nil
	}
	if err := ix.Close(); err != nil {
		return nil, err
	}
	return s.cfg.OpenIndex()
}

// index brings the server up to date and returns the index, held for
// reading until done is called; it opens the index if it was released.
func (s *Server) index() (ix *search.Index, done func(), err error) {
	if err := s.sync(); err != nil {
		fmt.Fprintf(s.cfg.Log, "fupan mcp: look for changed reviews: %v\n", err)
	}
	for {
		s.ixMu.RLock()
		if s.ix != nil {
			return s.ix, s.ixMu.RUnlock, nil
		}
		err := s.ixErr
		s.ixMu.RUnlock()
		if err != nil {
			return nil, nil, fmt.Errorf("the search index cannot be opened: %w", err)
		}
		if err := s.reopenIfReleased(); err != nil {
			return nil, nil, fmt.Errorf("the search index cannot be opened: %w", err)
		}
	}
}

// reopenIfReleased opens the index that release closed.
func (s *Server) reopenIfReleased() error {
	s.ixMu.Lock()
	defer s.ixMu.Unlock()
	if s.closed {
		return errors.New("server closed")
	}
	if s.ix != nil || s.ixErr != nil {
		return nil // another request opened it, or failed to
	}
	ix, err := s.open(false)
	if err != nil {
		s.ixErr = err
		return err
	}
	s.ix = ix
	return nil
}

// reviews returns every review of the repository as review.Load reads it,
// from a Snapshot that reads again only the files that changed.
func (s *Server) reviews() (*review.Repo, error) {
	if err := s.sync(); err != nil {
		fmt.Fprintf(s.cfg.Log, "fupan mcp: look for changed reviews: %v\n", err)
	}
	s.syncMu.Lock()
	gen := s.gen
	s.syncMu.Unlock()
	s.snapMu.Lock()
	defer s.snapMu.Unlock()
	if s.repo != nil && s.snapGen == gen {
		return s.repo, nil
	}
	repo, _, err := s.snap.Load(review.Options{Now: s.cfg.Now()})
	if err != nil {
		return nil, err
	}
	s.repo, s.snapGen = repo, gen
	return repo, nil
}

// config reads fupan.yaml; a missing or broken one is the zero Config
// ('fupan check' reports what is wrong with it).
func (s *Server) config() review.Config {
	cfg, _ := review.LoadConfig(s.cfg.Repo)
	return cfg
}
