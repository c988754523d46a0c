package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"golang.org/x/sync/errgroup"
)

// replace puts the folder tmp at dir, beside it. With nothing at dir, it
// renames tmp. Else it exchanges the two (exchange: one atomic step where
// the platform has one, so that a reader or a kill finds the old site or
// the new at dir, never none) and removes the previous site, now at tmp.
func replace(tmp, dir string) error {
	swapped, err := exchanged(tmp, dir)
	if err != nil || !swapped {
		return err
	}
	if err := removeTree(tmp); err != nil {
		return fmt.Errorf("remove the previous site: %w", err)
	}
	return nil
}

// exchanged puts the folder tmp at dir as replace does, and reports
// whether there was a previous site, which it leaves at tmp.
func exchanged(tmp, dir string) (swapped bool, err error) {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, dir); err != nil {
			return false, fmt.Errorf("move in the new site: %w", err)
		}
		return false, nil
	} else if err != nil {
		return false, err
	}
	if err := exchange(tmp, dir); err != nil {
		return false, fmt.Errorf("swap in the new site: %w", err)
	}
	return true, nil
}

// removeTree removes the folder dir and all it holds, as os.RemoveAll
// does, on every core: what its folders hold (a site's reviews/ holds a
// folder per review) is removed in parallel.
func removeTree(dir string) error {
	top, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, e := range top {
		p := filepath.Join(dir, e.Name())
		var sub []fs.DirEntry
		if e.IsDir() { // never a symlink's target
			sub, err = os.ReadDir(p)
		}
		if !e.IsDir() || err != nil {
			g.Go(func() error { return os.RemoveAll(p) })
			continue
		}
		for _, f := range sub {
			q := filepath.Join(p, f.Name())
			g.Go(func() error { return os.RemoveAll(q) })
		}
	}
	return errors.Join(g.Wait(), os.RemoveAll(dir))
}

// swapInSteps exchanges the folders a and b where no atomic exchange is
// to be had, in three renames: b aside to a+".old", a to b, then a+".old"
// to a. Between the first two, there is nothing at b: a build killed then
// leaves no site, and the previous one at a+".old", which the next build
// removes as a leftover (see isTemp) before it writes a site again.
func swapInSteps(a, b string) error {
	aside := a + ".old"
	if err := os.Rename(b, aside); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		if back := os.Rename(aside, b); back != nil {
			return errors.Join(err, fmt.Errorf("put %s back: %w", b, back))
		}
		return err
	}
	return os.Rename(aside, a)
}
