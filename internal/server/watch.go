package server

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// debounce is how long Watch waits for a burst of changes (an editor's
// save writes and renames) to settle before it rebuilds once.
const debounce = 80 * time.Millisecond

// Watch rebuilds the site whenever a file under one of dirs changes, or
// one of files, until ctx is done. New folders under dirs are watched too.
// The first of dirs is the reviews folder, whose changes Rebuild finds by
// itself; a change under another (the theme) rebuilds from scratch
// (Reload).
//
// The folder above each of dirs is watched as well, so that a folder
// removed and written again, as a branch switch does, is watched again
// when it is back; meanwhile the pages say that it is missing (Rebuild).
// Watch returns an error only when it cannot start; a folder it cannot
// watch later, or an error of the watcher, it reports on Config.Log and
// goes on.
func (s *Server) Watch(ctx context.Context, dirs, files []string) error {
	wt, err := s.newWatcher(dirs, files)
	if err != nil {
		return err
	}
	defer wt.w.Close()
	wt.run(ctx)
	return nil
}

// newWatcher starts watching dirs and files for Watch.
func (s *Server) newWatcher(dirs, files []string) (*watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	wt := &watcher{s: s, w: w, files: map[string]bool{}}
	for _, d := range dirs {
		d = filepath.Clean(d)
		wt.dirs = append(wt.dirs, d)
		if err := w.Add(filepath.Dir(d)); err != nil {
			w.Close()
			return nil, err
		}
		wt.addTree(d)
	}
	// A file is watched through its folder, so that an editor that
	// replaces it by renaming is seen.
	for _, f := range files {
		wt.files[filepath.Clean(f)] = true
		if err := w.Add(filepath.Dir(f)); err != nil {
			w.Close()
			return nil, err
		}
	}
	return wt, nil
}

// A watcher is Watch at work.
type watcher struct {
	s     *Server
	w     *fsnotify.Watcher
	dirs  []string        // cleaned; the reviews folder first
	files map[string]bool // cleaned
}

// run rebuilds on the changes w sees until ctx is done.
func (wt *watcher) run(ctx context.Context) {
	var (
		timer <-chan time.Time
		fresh bool // a change Rebuild cannot see
	)
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-wt.w.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(wt.s.cfg.Log, "fupan serve: watch: %v\n", err)
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Changes were lost, and maybe new folders with them:
				// watch every folder again and rebuild everything.
				for _, d := range wt.dirs {
					wt.addTree(d)
				}
				fresh = true
				timer = time.After(debounce)
			}
		case ev, ok := <-wt.w.Events:
			if !ok {
				return
			}
			p := filepath.Clean(ev.Name)
			tree := wt.tree(p)
			if !wt.files[p] && tree < 0 {
				continue // beside a watched folder, in the folder above it
			}
			if !wt.files[p] && tree != 0 {
				fresh = true
			}
			if ev.Has(fsnotify.Create) && tree >= 0 {
				// A new folder, or one of dirs back again, is watched;
				// addTree passes over a file.
				wt.addTree(p)
			}
			timer = time.After(debounce)
		case <-timer:
			timer = nil
			rebuild := wt.s.Rebuild
			if fresh {
				rebuild = wt.s.Reload
			}
			fresh = false
			if err := rebuild(); err != nil {
				fmt.Fprintf(wt.s.cfg.Log, "fupan serve: %v\n", err)
			}
		}
	}
}

// tree returns the index in dirs of the folder p is in or is, or -1.
func (wt *watcher) tree(p string) int {
	for i, d := range wt.dirs {
		if rel, err := filepath.Rel(d, p); err == nil && filepath.IsLocal(rel) {
			return i
		}
	}
	return -1
}

// addTree watches root and every folder under it. What it cannot watch it
// says on Config.Log, and goes on with the other folders: a change there
// does not rebuild the site.
func (wt *watcher) addTree(root string) {
	// WalkDir returns only what the function does, which is no error.
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			err = wt.w.Add(p)
		}
		if err == nil || errors.Is(err, fs.ErrNotExist) {
			// Removed since it was listed: a Remove event comes.
			return nil
		}
		fmt.Fprintf(wt.s.cfg.Log, "fupan serve: cannot watch %s: %v; a change there does not rebuild the site\n", p, err)
		if d != nil && d.IsDir() {
			return fs.SkipDir
		}
		return nil
	})
}
