package site

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
)

// A build that writes its site into a recycled folder: the site before
// the last, which the last build's swap moved out of --out, kept at a
// spare folder (Target.Spare; fupan build keeps it in .fupan) with its
// stamps in the last manifest (Manifest.Spare). The next build moves it
// beside --out, takes it as its new folder, and changes only what
// differs: it writes or links the files whose content is not the one it
// holds as stamped, removes those the site no longer has, and swaps it in
// as always. So the files kept from one build to the next are neither
// linked again nor removed, and the folder swapped in holds, byte for
// byte, what a new folder would.
//
// Nothing of the spare is trusted that does not match: a file is kept
// only when its stamp in Manifest.Spare holds (see Stamp.holds); any
// other file, folder or link found in it is replaced or removed. A file
// of the spare may be a hard link to one of the site at --out, so a file
// is never written in place: it is removed, then made again.
//
// What a folder holds is told by its time, not by listing it: a manifest
// stamps each folder of its site with its time when written
// (Manifest.Dirs, then SpareDirs), and a folder of the spare whose time is
// still that holds the files and folders the stamps have under it, and
// no other (adding, removing or renaming an entry sets a folder's time).
// Those files are stat-ed, each against its own stamp; any other folder
// is listed. At 10,000 reviews that is 11,000 folders not listed.
// (A folder changed within the same tick of the clock as it was stamped,
// or whose time was set back by hand, is not told; fupan's own writes
// never do that.)

// recycle moves the spare folder into tmp, an empty folder beside the
// site, and returns what it holds: each file, with its stamp in stamps
// when it still holds it (else a zero Stamp), and its folders, each with
// its time when it is still the one of dirStamps (Manifest.SpareDirs), and
// unknownTime when it is not or has none. Links and other entries that
// are neither files nor folders are removed. A spare that is missing, or
// cannot be moved, recycles nothing; one without stamps is removed.
//
// A folder whose time is still its stamp holds what it held when stamped,
// the files and folders of stamps under it: those are stat-ed, not
// listed. Any other folder is listed (and the root always is: moving it
// from one folder to another may change its time).
func recycle(spare, tmp string, stamps map[string]Stamp, dirStamps map[string]int64) (files map[string]Stamp, dirs map[string]int64) {
	if spare == "" {
		return nil, nil
	}
	if stamps == nil {
		if _, err := os.Lstat(spare); err == nil {
			removeTree(spare)
		}
		return nil, nil
	}
	// In place of the empty tmp (a rename over an empty folder is not
	// allowed everywhere).
	if os.Remove(tmp) != nil {
		return nil, nil
	}
	if os.Rename(spare, tmp) != nil {
		os.Mkdir(tmp, 0o700)
		return nil, nil
	}
	w := &spareWalk{tmp: tmp, stamps: stamps, dirStamps: dirStamps, files: map[string]Stamp{}, dirs: map[string]int64{}}
	if len(dirStamps) > 0 {
		if root, err := openStatRoot(tmp); err == nil {
			defer root.close()
			w.root, w.tree = root, spareTree(stamps)
		}
	}
	w.g.SetLimit(runtime.GOMAXPROCS(0))
	w.g.Go(func() error { return w.list(".") })
	if err := w.g.Wait(); err != nil {
		// Whatever is in tmp is unknown: start from an empty folder.
		if os.RemoveAll(tmp) != nil || os.Mkdir(tmp, 0o755) != nil {
			return nil, nil
		}
		return map[string]Stamp{}, map[string]int64{}
	}
	return w.files, w.dirs
}

// unknownTime is the time recycle gives a folder it listed: not known to
// be any manifest's.
const unknownTime = math.MinInt64

// A spareWalk is recycle's look through the folder tmp, on GOMAXPROCS
// goroutines.
type spareWalk struct {
	tmp       string
	stamps    map[string]Stamp
	dirStamps map[string]int64
	tree      map[string]*spareDir // what stamps has in each folder; nil: list every folder
	root      statRoot             // tmp, when tree is set

	g     errgroup.Group
	mu    sync.Mutex
	files map[string]Stamp
	dirs  map[string]int64
}

// A spareDir is what the stamps of a spare have in one of its folders:
// the names of its files and folders.
type spareDir struct{ files, dirs []string }

// spareTree returns what stamps have in each folder, by slash path.
func spareTree(stamps map[string]Stamp) map[string]*spareDir {
	tree := map[string]*spareDir{}
	at := func(d string) *spareDir {
		sd := tree[d]
		if sd == nil {
			sd = &spareDir{}
			tree[d] = sd
		}
		return sd
	}
	seen := map[string]bool{}
	for name := range stamps {
		d := path.Dir(name)
		at(d).files = append(at(d).files, path.Base(name))
		// The folders above, each named once in its parent.
		for ; d != "." && !seen[d]; d = path.Dir(d) {
			seen[d] = true
			up := at(path.Dir(d))
			up.dirs = append(up.dirs, path.Base(d))
		}
	}
	return tree
}

// dir looks at the folder rel of tmp: stat-ing what the stamps have in it
// when its time is its stamp, else listing it; its folders on another
// goroutine when one is free. A folder of the stamps found to be a link,
// or anything but a folder, is removed, never followed (its parent was
// taken as stamped, not listed, so nothing else told what it is).
func (w *spareWalk) dir(rel string) error {
	if w.tree == nil {
		return w.list(rel)
	}
	fi, ok := w.root.stat(rel)
	switch {
	case !ok:
		return w.list(rel) // which says why
	case !fi.dir:
		if err := os.Remove(filepath.Join(w.tmp, filepath.FromSlash(rel))); err != nil {
			return err
		}
		w.mu.Lock()
		w.dirs[path.Dir(rel)] = unknownTime // changed by the removal
		w.mu.Unlock()
		return nil
	}
	if w.known(rel, fi) {
		return w.sub(rel, w.tree[rel].dirs)
	}
	return w.list(rel)
}

// known stats the files in the folder rel, of the stat fi, as the stamps
// have them (by their paths under tmp, on w.root), and reports whether
// rel is as stamped, its time and files; false when rel has no stamp, or
// is not as stamped (and nothing was done: it is to be listed).
func (w *spareWalk) known(rel string, fi fileStat) bool {
	want, ok := w.dirStamps[rel]
	sd := w.tree[rel]
	if !ok || sd == nil || rel == "." || fi.mtime != want {
		return false
	}
	found := make(map[string]Stamp, len(sd.files))
	for _, f := range sd.files {
		name := rel + "/" + f
		fi, ok := w.root.stat(name)
		if !ok || !fi.regular {
			return false // not what the folder's time says
		}
		var st Stamp
		if was := w.stamps[name]; was.holdsStat(filepath.Join(w.tmp, filepath.FromSlash(name)), fi) {
			st = was
			st.MTime = fi.mtime
		}
		found[name] = st
	}
	w.mu.Lock()
	maps.Copy(w.files, found)
	w.dirs[rel] = want
	w.mu.Unlock()
	return true
}

// sub looks at the folders names of rel, subChunk at a time on another
// goroutine when one is free.
func (w *spareWalk) sub(rel string, names []string) error {
	for lo := 0; lo < len(names); lo += subChunk {
		chunk := names[lo:min(lo+subChunk, len(names))]
		walk := func() error {
			for _, n := range chunk {
				if err := w.dir(path.Join(rel, n)); err != nil {
					return err
				}
			}
			return nil
		}
		if !w.g.TryGo(walk) {
			if err := walk(); err != nil {
				return err
			}
		}
	}
	return nil
}

// subChunk is how many folders a goroutine of the spare walk looks at: a
// review's folder takes two stats, less than a goroutine costs to start
// and hand over.
const subChunk = 64

// list reads the folder rel of tmp, and stats each file in it.
func (w *spareWalk) list(rel string) error {
	es, err := os.ReadDir(filepath.Join(w.tmp, filepath.FromSlash(rel)))
	if err != nil {
		return err
	}
	if rel != "." {
		w.mu.Lock()
		w.dirs[rel] = unknownTime
		w.mu.Unlock()
	}
	var sub []string
	for _, e := range es {
		name := path.Join(rel, e.Name())
		p := filepath.Join(w.tmp, filepath.FromSlash(name))
		switch {
		case e.IsDir():
			sub = append(sub, e.Name())
		case e.Type().IsRegular():
			var found Stamp
			info, err := e.Info()
			if st, ok := w.stamps[name]; ok && err == nil && st.holds(p, info) {
				st.MTime = info.ModTime().UnixNano()
				found = st
			}
			w.mu.Lock()
			w.files[name] = found
			w.mu.Unlock()
		default:
			if err := os.Remove(p); err != nil {
				return err
			}
		}
	}
	return w.sub(rel, sub)
}

// prune removes from the folder tmp the files of found that are not in
// stamps (the files of the new site), and the folders of dirs that hold
// none of them, and adds the folders it removed from to touched. It
// returns the folders of the new site.
func prune(tmp string, found, stamps map[string]Stamp, dirs, touched map[string]bool) (map[string]bool, error) {
	var errs []error
	for name := range found {
		if _, ok := stamps[name]; !ok && name != Marker {
			touched[path.Dir(name)] = true
			errs = append(errs, os.Remove(filepath.Join(tmp, filepath.FromSlash(name))))
		}
	}
	need := map[string]bool{}
	for name := range stamps {
		for d := path.Dir(name); d != "." && !need[d]; d = path.Dir(d) {
			need[d] = true
		}
	}
	var gone []string
	for d := range dirs {
		if !need[d] {
			gone = append(gone, d)
		}
	}
	// Deepest first, so that each is empty when removed.
	slices.SortFunc(gone, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
	for _, d := range gone {
		touched[path.Dir(d)] = true
		errs = append(errs, os.Remove(filepath.Join(tmp, filepath.FromSlash(d))))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("remove what the recycled folder held: %w", err)
	}
	return need, nil
}

// dirTimes returns the times of the folders need of the new site at tmp,
// for its manifest (Manifest.Dirs): those of times, as recycle found them,
// when nothing was made or removed in them since (touched), else as they
// are now. A folder whose time cannot be had is left out (the build that
// recycles it lists it).
func dirTimes(tmp string, need map[string]bool, times map[string]int64, touched map[string]bool) map[string]int64 {
	out := make(map[string]int64, len(need))
	var todo []string
	for d := range need {
		if t, ok := times[d]; ok && !touched[d] {
			out[d] = t
		} else {
			todo = append(todo, d)
		}
	}
	now := make([]int64, len(todo))
	var g errgroup.Group
	n := runtime.GOMAXPROCS(0)
	for c := range n {
		g.Go(func() error {
			for i := c; i < len(todo); i += n {
				now[i] = unknownTime
				if info, err := os.Lstat(filepath.Join(tmp, filepath.FromSlash(todo[i]))); err == nil && info.IsDir() {
					now[i] = info.ModTime().UnixNano()
				}
			}
			return nil
		})
	}
	g.Wait()
	for i, d := range todo {
		if now[i] != unknownTime {
			out[d] = now[i]
		}
	}
	return out
}

// keepSpare moves the previous site, at tmp after the swap, to the spare
// folder, and reports whether it did; else it removes it.
func keepSpare(tmp, spare string) (bool, error) {
	if spare != "" {
		if err := os.RemoveAll(spare); err == nil && os.Rename(tmp, spare) == nil {
			return true, nil
		}
	}
	if err := removeTree(tmp); err != nil {
		return false, fmt.Errorf("remove the previous site: %w", err)
	}
	return false, nil
}
