package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// tempPattern is the os.MkdirTemp pattern of the folder WriteDir writes a
// site into, beside the folder named base: .BASE.new-DIGITS.
func tempPattern(base string) string { return "." + base + ".new-*" }

// isTemp reports whether name is a folder WriteDir made beside base:
// .BASE.new-DIGITS, or .BASE.new-DIGITS.old, the previous site moved aside
// by a swap in two steps (this fupan's fallback, and earlier fupans').
func isTemp(name, base string) bool {
	rest, ok := strings.CutPrefix(name, strings.TrimSuffix(tempPattern(base), "*"))
	if !ok {
		return false
	}
	rest = strings.TrimSuffix(rest, ".old")
	return rest != "" && strings.Trim(rest, "0123456789") == ""
}

// removeLeftovers removes from parent the folders that builds of the site
// folder base left when they were killed before they finished: their own
// temporary folders, named as isTemp says. A symlink or a file of that
// name is left alone.
func removeLeftovers(parent, base string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	for _, e := range entries {
		// DirEntry.IsDir is false for a symlink: it is never followed.
		if !e.IsDir() || !isTemp(e.Name(), base) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(parent, e.Name())); err != nil {
			return fmt.Errorf("remove what a killed build left: %w", err)
		}
	}
	return nil
}

// RemoveLeftovers removes the folders that builds of the site folder dir
// left beside it when they were killed before they finished, as
// [Files.WriteDir] does first: for a build that finds nothing to write.
func RemoveLeftovers(dir string) error {
	dir, err := resolve(dir)
	if err != nil {
		return err
	}
	parent, base := filepath.Split(dir)
	return removeLeftovers(parent, base)
}
