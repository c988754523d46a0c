package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
)

// A sink is a site being written: a new folder beside the site's, which
// its close swaps in (see Files.WriteDirFrom). Files go into it as they
// are made, so that a build that streams its pages to disk (WriteSite)
// holds no more of the site in memory than the pages being rendered.
// The first error is kept, and close returns it.
type sink struct {
	root     *os.Root // the new folder
	tmp, dir string   // the new folder, and the site's (resolved)
	prev     *Manifest
	spare    string // where the previous site goes; "" to remove it

	once   sync.Once
	byHash map[string]string // a file of prev by content hash (see source)

	mu     sync.Mutex
	made   map[string]bool  // the folders made or recycled, by slash path
	found  map[string]Stamp // the files of a recycled spare (see recycle)
	stamps map[string]Stamp // the files written, by slash path
	// times are the times of the recycled folders that are as the
	// spare's manifest stamped them, and touched the folders in which a
	// file or folder was made or removed since (whose time is not).
	times   map[string]int64
	touched map[string]bool
	err     error
}

// openSink starts a new site at dir (see CheckOut for where it may be);
// prev is the manifest of the site there, nil for none. When spare is
// not "", the new folder is the one kept there, recycled (see
// swapspare.go), and the site swapped out goes there.
func openSink(dir, repo string, prev *Manifest, spare string) (k *sink, err error) {
	if err := CheckOut(dir, repo); err != nil {
		return nil, err
	}
	// Resolved, so that the folder is named by its parent and base even
	// as "." or through a symlink.
	dir, err = resolve(dir)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Split(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	if err := removeLeftovers(parent, base); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, tempPattern(base))
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	var spareStamps map[string]Stamp
	var spareDirs map[string]int64
	if prev != nil {
		spareStamps, spareDirs = prev.Spare, prev.SpareDirs
	}
	found, dirs := recycle(spare, tmp, spareStamps, spareDirs)
	made, times := make(map[string]bool, len(dirs)), make(map[string]int64, len(dirs))
	for d, t := range dirs {
		made[d] = true
		if t != unknownTime {
			times[d] = t
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	// Through os.Root, so that a write fails, rather than makes the folder
	// again, if another build removed tmp as a leftover.
	root, err := os.OpenRoot(tmp)
	if err != nil {
		return nil, err
	}
	if _, ok := found[Marker]; ok {
		root.Remove(Marker) // written again, never in place
	}
	if err := root.WriteFile(Marker, []byte(markerText), 0o644); err != nil {
		root.Close()
		return nil, fmt.Errorf("write site: %w", err)
	}
	if prev != nil && !marked(dir) {
		prev = nil // not the site prev describes
	}
	return &sink{root: root, tmp: tmp, dir: dir, prev: prev, spare: spare, made: made, found: found, stamps: map[string]Stamp{}, times: times, touched: map[string]bool{}}, nil
}

// A pendingSink is a sink being opened on another goroutine.
type pendingSink struct {
	done chan struct{}
	k    *sink
	err  error
}

// openingSink starts opening the sink of t (see openSink).
func openingSink(t Target) *pendingSink {
	p := &pendingSink{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.k, p.err = openSink(t.Dir, t.Repo, t.Prev, t.Spare)
	}()
	return p
}

// An Opening is the new folder of a Target being made ready (the spare
// folder recycled into it) while its build does other work, such as
// loading the reviews: Open starts it, WriteSite takes it through
// Target.Opening, and Abort drops it when no WriteSite will.
type Opening struct {
	mu sync.Mutex
	p  *pendingSink // nil once taken
}

// Open starts making the new folder of t ready, on another goroutine.
func Open(t Target) *Opening { return &Opening{p: openingSink(t)} }

// take returns the sink being opened, once; nil after, or for a nil o.
func (o *Opening) take() *pendingSink {
	if o == nil {
		return nil
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	p := o.p
	o.p = nil
	return p
}

// Abort removes the new folder of o, with the spare recycled into it
// (the next build links every file instead), unless WriteSite took it.
// It waits for the folder to be ready, so that nothing is left half made.
func (o *Opening) Abort() {
	if p := o.take(); p != nil {
		p.abort()
	}
}

// wait returns the sink once it is open.
func (p *pendingSink) wait() (*sink, error) {
	<-p.done
	return p.k, p.err
}

// abort removes the new folder of the sink once it is open: the build
// that opened it writes nothing.
func (p *pendingSink) abort() {
	if k, err := p.wait(); err == nil {
		k.abort()
	}
}

// put writes the file name of content data into the new site (see
// writeFile); a file put twice has the second content.
func (k *sink) put(name string, data []byte) {
	hash := hashOf(data)
	from := k.source(name, hash)
	k.add(name, hash, func() (Stamp, error) { return writeFile(k.root, k.tmp, k.dir, name, from, data, hash, k.prev) })
}

// source returns the file of the last site that has the content of
// SHA-256 hash, as prev says: name when it has, else another (a file of
// a folder named for its content, such as the search index's, which a
// change elsewhere in it renamed).
func (k *sink) source(name, hash string) string {
	if k.prev == nil || k.prev.Files[name].Hash == hash {
		return name
	}
	k.once.Do(func() {
		k.byHash = make(map[string]string, len(k.prev.Files))
		for p, st := range k.prev.Files {
			k.byHash[st.Hash] = p
		}
	})
	if from, ok := k.byHash[hash]; ok {
		return from
	}
	return name
}

// keep carries the file name over from the last site, as it is there
// (see linkFile).
func (k *sink) keep(name string) {
	if k.prev == nil {
		k.fail(fmt.Errorf("%s: %w: no site at %s to keep it from", name, ErrKeptChanged, k.dir))
		return
	}
	k.add(name, k.prev.Files[name].Hash, k.linker(name))
}

// keepAll keeps each of names (as keep), on g but for the files that the
// recycled folder holds already (see addAll).
func (k *sink) keepAll(g *errgroup.Group, names []string) {
	if len(names) == 0 {
		return
	}
	if k.prev == nil {
		k.keep(names[0])
		return
	}
	k.addAll(g, names, func(name string) string { return k.prev.Files[name].Hash }, k.linker)
}

// linker makes the file name by linking it from the last site.
func (k *sink) linker(name string) func() (Stamp, error) {
	return func() (Stamp, error) { return linkFile(k.root, k.tmp, k.dir, name, k.prev) }
}

// add makes the folders of the file name, and the file by make, unless
// the recycled folder holds it with the content hash already.
func (k *sink) add(name, hash string, make func() (Stamp, error)) {
	k.mu.Lock()
	st := k.settle(name, hash)
	k.mu.Unlock()
	k.finish(name, st, make)
}

// addAll adds each of names, of content hash(name), as add would: the
// files that the recycled folder holds already with their hash (nearly
// all of those a resumed build keeps) at once, under one lock, and the
// others on g, each made by makeOf(name). One goroutine a file, for a
// file with nothing to do, cost more than the file.
func (k *sink) addAll(g *errgroup.Group, names []string, hash func(string) string, makeOf func(string) func() (Stamp, error)) {
	type todo struct {
		name string
		st   settled
	}
	var rest []todo
	k.mu.Lock()
	for _, name := range names {
		if st := k.settle(name, hash(name)); !st.done {
			rest = append(rest, todo{name, st})
		}
	}
	k.mu.Unlock()
	for _, t := range rest {
		g.Go(func() error { k.finish(t.name, t.st, makeOf(t.name)); return nil })
	}
}

// settled is what settle found of a file, before it is made.
type settled struct {
	again    bool // put before
	recycled bool // in the recycled folder, before
	done     bool // there with its content: nothing to make
	err      error
}

// settle is the first half of add, with k.mu held: it checks the name,
// makes its folders, and takes the file as done when the recycled folder
// holds it with the content hash.
func (k *sink) settle(name, hash string) settled {
	if !fs.ValidPath(name) || name == "." {
		return settled{err: fmt.Errorf("invalid path %q", name)}
	}
	if name == Marker {
		return settled{err: fmt.Errorf("%s is fupan's own mark and no file of the site", Marker)}
	}
	_, again := k.stamps[name]
	was, recycled := k.found[name]
	delete(k.found, name)
	err := k.err
	if err == nil {
		err = k.mkdirs(path.Dir(name))
	}
	if err == nil && k.made[name] {
		// A folder of the recycled site where this site has a file.
		k.touched[path.Dir(name)] = true
		err = k.root.RemoveAll(filepath.FromSlash(name))
		for d := range k.made {
			if d == name || strings.HasPrefix(d, name+"/") {
				delete(k.made, d)
			}
		}
		for f := range k.found {
			if strings.HasPrefix(f, name+"/") {
				delete(k.found, f)
			}
		}
	}
	if err == nil && !again && recycled && was.Hash == hash && hash != "" {
		k.stamps[name] = was
		return settled{done: true}
	}
	return settled{again: again, recycled: recycled, err: err}
}

// finish is the second half of add, without k.mu: it makes the file by
// make, unless settle found it done or failed.
func (k *sink) finish(name string, st settled, make func() (Stamp, error)) {
	if st.err != nil {
		k.fail(st.err)
		return
	}
	if st.done {
		return
	}
	if st.again || st.recycled {
		// Never written into: it may be a link to another site's file.
		if err := k.root.Remove(filepath.FromSlash(name)); err != nil {
			k.fail(err)
			return
		}
	}
	st2, err := make()
	k.mu.Lock()
	k.touched[path.Dir(name)] = true
	k.mu.Unlock()
	if err != nil {
		k.fail(err)
		return
	}
	k.mu.Lock()
	k.stamps[name] = st2
	k.mu.Unlock()
}

// mkdirs makes the folder d of the new site and those above it, each by
// one mkdir (not MkdirAll, which would make tmp again if another build
// removed it as a leftover); the caller holds k.mu.
func (k *sink) mkdirs(d string) error {
	var todo []string
	for ; d != "." && !k.made[d]; d = path.Dir(d) {
		todo = append(todo, d)
	}
	for i := len(todo) - 1; i >= 0; i-- {
		if _, ok := k.found[todo[i]]; ok {
			// A file of the recycled site where this site has a folder.
			if err := k.root.Remove(filepath.FromSlash(todo[i])); err != nil {
				return err
			}
			delete(k.found, todo[i])
		}
		k.touched[path.Dir(todo[i])] = true
		if err := os.Mkdir(filepath.Join(k.tmp, filepath.FromSlash(todo[i])), 0o755); err != nil {
			return err
		}
		k.made[todo[i]] = true
	}
	return nil
}

// fail keeps the first error.
func (k *sink) fail(err error) {
	k.mu.Lock()
	if k.err == nil {
		k.err = err
	}
	k.mu.Unlock()
}

// close swaps the new site in, when nothing failed, and returns its
// manifest; else it removes the new folder, and returns the first error.
func (k *sink) close() (*Manifest, error) {
	err := k.err
	var dirs map[string]int64
	if err == nil {
		var need map[string]bool
		need, err = prune(k.tmp, k.found, k.stamps, k.made, k.touched)
		if err == nil {
			dirs = dirTimes(k.tmp, need, k.times, k.touched)
		}
	}
	err = errors.Join(err, k.root.Close())
	if err != nil {
		os.RemoveAll(k.tmp)
		if errors.Is(err, ErrKeptChanged) {
			return nil, err
		}
		return nil, fmt.Errorf("write site: %w", err)
	}
	m := &Manifest{Files: k.stamps, Dirs: dirs}
	swapped, err := exchanged(k.tmp, k.dir)
	if err != nil {
		os.RemoveAll(k.tmp)
		return nil, err
	}
	if !swapped {
		return m, nil
	}
	// The previous site is at tmp: kept as the spare when its manifest
	// says what it holds.
	spare := k.spare
	if k.prev == nil {
		spare = ""
	}
	kept, err := keepSpare(k.tmp, spare)
	if err != nil {
		return nil, err
	}
	if kept {
		m.Spare, m.SpareDirs = k.prev.Files, k.prev.Dirs
	}
	return m, nil
}

// abort removes the new folder.
func (k *sink) abort() {
	k.root.Close()
	os.RemoveAll(k.tmp)
}
