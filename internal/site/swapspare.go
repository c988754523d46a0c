package site

import (
	"errors"
	"fmt"
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

// recycle moves the spare folder into tmp, an empty folder beside the
// site, and returns what it holds: each file, with its stamp in stamps
// when it still holds it (else a zero Stamp), and its folders. Links and
// other entries that are neither files nor folders are removed. A spare
// that is missing, or cannot be moved, recycles nothing; one without
// stamps is removed.
func recycle(spare, tmp string, stamps map[string]Stamp) (files map[string]Stamp, dirs map[string]bool) {
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
	files, dirs = map[string]Stamp{}, map[string]bool{}
	var mu sync.Mutex
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	// scan reads the folder rel of tmp: its folders on another goroutine
	// when one is free.
	var scan func(rel string) error
	scan = func(rel string) error {
		es, err := os.ReadDir(filepath.Join(tmp, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		for _, e := range es {
			name := path.Join(rel, e.Name())
			p := filepath.Join(tmp, filepath.FromSlash(name))
			switch {
			case e.IsDir():
				mu.Lock()
				dirs[name] = true
				mu.Unlock()
				if !g.TryGo(func() error { return scan(name) }) {
					if err := scan(name); err != nil {
						return err
					}
				}
			case e.Type().IsRegular():
				var found Stamp
				info, err := e.Info()
				if st, ok := stamps[name]; ok && err == nil && st.holds(p, info) {
					st.MTime = info.ModTime().UnixNano()
					found = st
				}
				mu.Lock()
				files[name] = found
				mu.Unlock()
			default:
				if err := os.Remove(p); err != nil {
					return err
				}
			}
		}
		return nil
	}
	g.Go(func() error { return scan(".") })
	err := g.Wait()
	if err != nil {
		// Whatever is in tmp is unknown: start from an empty folder.
		if os.RemoveAll(tmp) != nil || os.Mkdir(tmp, 0o755) != nil {
			return nil, nil
		}
		return map[string]Stamp{}, map[string]bool{}
	}
	return files, dirs
}

// prune removes from the folder tmp the files of found that are not in
// stamps (the files of the new site), and the folders of dirs that hold
// none of them.
func prune(tmp string, found map[string]Stamp, dirs map[string]bool, stamps map[string]Stamp) error {
	var errs []error
	for name := range found {
		if _, ok := stamps[name]; !ok && name != Marker {
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
		errs = append(errs, os.Remove(filepath.Join(tmp, filepath.FromSlash(d))))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("remove what the recycled folder held: %w", err)
	}
	return nil
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
