package review

import (
	"bytes"
	"io/fs"
	"runtime"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/fupan/fupan/internal/progress"
)

// A Snapshot is a repository as last loaded, for a process that loads it
// again and again (fupan serve, fupan mcp): Load reads, decodes and checks
// only the review files whose content changed since the last Load, keeps
// the *Review of the others, and returns what changed. Its Repo and
// findings are those of review.Load.
//
// A Snapshot is not safe for concurrent use.
type Snapshot struct {
	fsys  fs.FS
	stats StatCache

	config []byte           // fupan.yaml as last read; nil when absent
	files  map[string]*kept // by path; nil before the first Load
}

// kept is a review file as the last Load read and checked it.
type kept struct {
	hash     string
	review   *Review // nil when it could not be read
	doc      *doc    // kept only for a review with related (crossFileRules)
	findings []Finding
}

// Update is what a Load found.
type Update struct {
	Changes
	// Config is set when fupan.yaml changed (or on the first Load): every
	// review was checked again, and all that is made with the config
	// (every page of the site) is out of date.
	Config bool
}

// NewSnapshot returns a Snapshot of fsys that has not been loaded.
func NewSnapshot(fsys fs.FS) *Snapshot { return &Snapshot{fsys: fsys} }

// Load reads the repository again and returns it with what changed since
// the last Load; on the first, every review is added. opt is as for Load.
func (s *Snapshot) Load(opt Options) (*Repo, Update, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	var u Update
	config, err := fs.ReadFile(s.fsys, ConfigFile)
	if err != nil {
		config = nil
	}
	old := make(map[string]string, len(s.files))
	for p, k := range s.files {
		old[p] = k.hash
	}
	if s.files == nil || !bytes.Equal(config, s.config) {
		u.Config = true
		s.files = map[string]*kept{} // the config is in every file's checks
	}
	s.config = config
	cfg, findings := loadConfig(s.fsys)
	findings = append(findings, checkSchemaFile(s.fsys, &cfg)...)

	entries, linkFindings, err := reviewEntries(s.fsys)
	if err != nil {
		return nil, u, err
	}
	findings = append(findings, linkFindings...)
	states, data := scan(s.fsys, entries, &s.stats, true)

	u.Changes = Diff(old, Hashes(states))

	files := make([]*kept, len(states))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	todo := 0
	for _, st := range states {
		if k := s.files[st.Path]; k == nil || k.hash != st.Hash || st.Hash == "" {
			todo++
		}
	}
	ph := progress.Start(opt.Progress, "check", "review", todo)
	for i, st := range states {
		if k := s.files[st.Path]; k != nil && k.hash == st.Hash && st.Hash != "" {
			files[i] = k
			continue
		}
		g.Go(func() error {
			defer ph.Add(1)
			var r *Review
			var d *doc
			var fs []Finding
			if data[i] != nil {
				r, d, fs = parseFile(st.Path, data[i], &cfg, opt.Now)
			} else { // from the stat cache, too big, or unreadable
				r, d, fs = loadFile(s.fsys, st.Path, &cfg, opt.Now)
			}
			k := &kept{hash: st.Hash, review: r, findings: fs}
			if r != nil && len(r.Related) > 0 {
				k.doc = d
			}
			files[i] = k
			return nil
		})
	}
	g.Wait() // loadFile returns no error: a file's problems are findings
	ph.Done()

	repo := &Repo{Config: cfg, Reviews: make([]*Review, 0, len(states)), FS: s.fsys}
	docs := map[*Review]*doc{}
	s.files = make(map[string]*kept, len(states))
	for i, st := range states {
		k := files[i]
		s.files[st.Path] = k
		if k.review != nil {
			repo.Reviews = append(repo.Reviews, k.review)
			if k.doc != nil {
				docs[k.review] = k.doc
			}
		}
		findings = append(findings, k.findings...)
	}
	repo.Findings = append(findings, crossFileRules(repo.Reviews, docs)...)
	SortFindings(repo.Findings)
	return repo, u, nil
}
