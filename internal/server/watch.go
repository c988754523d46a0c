package server

import (
	"context"
	"errors"
	"io/fs"
	"os"
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
func (s *Server) Watch(ctx context.Context, dirs, files []string) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	addTree := func(root string) error {
		return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if d.IsDir() {
				return w.Add(p)
			}
			return nil
		})
	}
	for _, d := range dirs {
		if err := w.Add(filepath.Dir(d)); err != nil {
			return err
		}
		if err := addTree(d); err != nil {
			return err
		}
	}
	// A file is watched through its folder, so that an editor that
	// replaces it by renaming is seen.
	watched := map[string]bool{}
	for _, f := range files {
		watched[filepath.Clean(f)] = true
		if err := w.Add(filepath.Dir(f)); err != nil {
			return err
		}
	}
	inTrees := func(p string, dirs []string) bool {
		for _, d := range dirs {
			if rel, err := filepath.Rel(d, p); err == nil && rel != ".." && !filepath.IsAbs(rel) && (len(rel) < 3 || rel[:3] != ".."+string(filepath.Separator)) {
				return true
			}
		}
		return false
	}
	var (
		timer <-chan time.Time
		fresh bool // a change Rebuild cannot see
	)
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-w.Errors:
			return err
		case ev := <-w.Events:
			p := filepath.Clean(ev.Name)
			if !watched[p] && !inTrees(p, dirs) {
				continue // beside a watched folder, in the folder above it
			}
			if !watched[p] && (len(dirs) == 0 || !inTrees(p, dirs[:1])) {
				fresh = true
			}
			if ev.Has(fsnotify.Create) {
				// A new folder, or one of dirs back again.
				if st, err := os.Stat(p); err == nil && st.IsDir() {
					addTree(p)
				}
			}
			timer = time.After(debounce)
		case <-timer:
			timer = nil
			rebuild := s.Rebuild
			if fresh {
				rebuild = s.Reload
			}
			fresh = false
			if err := rebuild(); err != nil {
				return err
			}
		}
	}
}
