package review

import (
	"bytes"
	"io/fs"
	"path/filepath"
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
// With Options.CacheDir, the first Load also takes the files that did not
// change since another process's Load from the parsed-review cache
// (parsedcache.go), and every Load leaves its parses there.
//
// A Snapshot is not safe for concurrent use.
type Snapshot struct {
	fsys  fs.FS
	stats StatCache

	config []byte           // fupan.yaml as last read; nil when absent
	files  map[string]*kept // by path; nil before the first Load

	statsRead bool // the stat cache of Options.CacheDir was read
	// cached is how many entries each file of the parsed-review cache
	// holds, as last read or written, under cachedKey; -1 for one to be
	// written.
	cached    [parsedCacheShards]int
	cachedKey cacheKey
}

// kept is a review file as the last Load read and checked it.
type kept struct {
	hash     string
	review   *Review   // nil when it could not be read
	findings []Finding // for any day (dueFindings)
	related  []Finding // where its related entries are (relatedAt)
	blob     []byte    // its encoding in the parsed-review cache; nil when not cached
	cached   bool      // the cache file holds blob
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

	states, data, linkFindings, err := s.scan(opt)
	if err != nil {
		return nil, u, err
	}
	findings = append(findings, linkFindings...)

	u.Changes = Diff(old, Hashes(states))

	// The parsed-review cache is read when this process has parsed
	// nothing under this config yet.
	var stored *parsedCache
	key, useCache := s.cacheKey(opt)
	if useCache && u.Config {
		stored = readParsedCache(filepath.Join(opt.CacheDir, parsedCacheFile), key)
		s.cached, s.cachedKey = stored.counts, key
	}

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
			if k := stored.lookup(st.Path, st.Hash); k != nil {
				files[i] = k
				return nil
			}
			files[i] = s.parse(st, data[i], &cfg, useCache)
			return nil
		})
	}
	g.Wait() // parse returns no error: a file's problems are findings
	ph.Done()

	repo := &Repo{Config: cfg, Reviews: make([]*Review, 0, len(states)), FS: s.fsys}
	related := map[*Review][]Finding{}
	s.files = make(map[string]*kept, len(states))
	for i, st := range states {
		k := files[i]
		s.files[st.Path] = k
		if k.review != nil {
			repo.Reviews = append(repo.Reviews, k.review)
			if k.related != nil {
				related[k.review] = k.related
			}
		}
		findings = append(findings, dueFindings(k.findings, opt.Now)...)
	}
	repo.Findings = append(findings, crossFileRules(repo.Reviews, related)...)
	SortFindings(repo.Findings)
	if useCache {
		s.writeCache(opt.CacheDir, key, states)
	}
	return repo, u, nil
}

// scan lists and stats the review files, or takes them from
// opt.Listing, and returns their states, the content of each file it read
// (nil for the others), and the findings of the listing.
func (s *Snapshot) scan(opt Options) ([]State, [][]byte, []Finding, error) {
	if states := opt.Listing.Scanned(); states != nil {
		// Stat'ed once for the run: neither stat'ed again nor the stat
		// cache read (the scan that made states did both).
		return states, make([][]byte, len(states)), opt.Listing.findings, nil
	}
	entries, linkFindings, err := reviewEntries(s.fsys)
	if err != nil {
		return nil, nil, nil, err
	}
	if opt.CacheDir != "" && !s.statsRead {
		if c, err := ReadStatCache(filepath.Join(opt.CacheDir, statCacheName)); err == nil {
			s.stats = *c
		}
		s.statsRead = true
	}
	states, data := scan(s.fsys, entries, &s.stats, true)
	if opt.CacheDir != "" {
		s.stats.Write(filepath.Join(opt.CacheDir, statCacheName)) // only saves work next time
	}
	return states, data, linkFindings, nil
}

// parse reads, decodes and checks the file of st, whose content is data
// when scan read it. With encode, the parse is encoded for the cache.
//
// A file read here, after its state was taken (its hash from the stat
// cache, or the stat a while ago), is kept with the hash of what was read:
// if it changed since its state was taken, what was parsed is never
// cached, nor remembered, as the content of the state's hash.
func (s *Snapshot) parse(st State, data []byte, cfg *Config, encode bool) *kept {
	var r *Review
	var d *doc
	var fs []Finding
	hash := st.Hash
	if data == nil && st.Size <= MaxFileSize { // from the stat cache or a listing, or unreadable
		if b, err := readLimited(s.fsys, st.Path); err == nil {
			data, hash = b, hashOf(b)
		}
	}
	if data != nil {
		r, d, fs = parseFile(st.Path, data, cfg)
	} else { // too big, or unreadable: loadFile says why
		r, d, fs = loadFile(s.fsys, st.Path, cfg)
	}
	k := &kept{hash: hash, review: r, findings: fs}
	if r != nil {
		k.related = relatedAt(r, d)
	}
	if encode && hash != "" {
		if b, ok := encodeKept(nil, k); ok {
			k.blob = b
		}
	}
	return k
}

// cacheKey returns the key of the parsed-review cache of opt.CacheDir,
// and false when there is no cache.
func (s *Snapshot) cacheKey(opt Options) (cacheKey, bool) {
	if opt.CacheDir == "" {
		return cacheKey{}, false
	}
	schema, err := fs.ReadFile(s.fsys, SchemaPath)
	if err != nil {
		schema = nil
	}
	return newCacheKey(s.config, schema)
}

// writeCache writes each file of the parsed-review cache of dir that
// lacks a parse of the files of states or holds others. It only saves
// work: an error is not reported, and the next Load writes the file again.
func (s *Snapshot) writeCache(dir string, key cacheKey, states []State) {
	var records [parsedCacheShards][]cacheRecord
	var fresh [parsedCacheShards]bool
	for _, st := range states {
		k := s.files[st.Path]
		if k.blob == nil {
			continue
		}
		i := shardOf(st.Path)
		records[i] = append(records[i], cacheRecord{path: st.Path, cacheEntry: cacheEntry{hash: k.hash, blob: k.blob}})
		fresh[i] = fresh[i] || !k.cached
		k.cached = true
	}
	if key != s.cachedKey {
		for i := range s.cached {
			s.cached[i] = -1
		}
	}
	s.cachedKey = key
	folder := filepath.Join(dir, parsedCacheFile)
	for i := range records {
		if !fresh[i] && len(records[i]) == s.cached[i] {
			continue
		}
		s.cached[i] = -1
		if writeParsedCache(shardName(folder, i), key, records[i]) == nil {
			s.cached[i] = len(records[i])
		}
	}
}
