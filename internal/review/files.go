package review

import (
	"io/fs"
	"time"
)

// Paths lists the review files of fsys (reviews/**/*.md, less README.md,
// hidden and "_" names, and symlinks out of the repository), sorted, with
// findings for what cannot be read or is not followed.
func Paths(fsys fs.FS) ([]string, []Finding, error) {
	return reviewPaths(fsys)
}

// An Entry is a review file as its folder lists it.
type Entry struct {
	Path string // slash-separated, from the repository root
	fs.DirEntry
}

// Entries is Paths with the directory entries, whose Info is, on most file
// systems, already read with the folder: what an index compares with its
// manifest without a stat per file.
func Entries(fsys fs.FS) ([]Entry, []Finding, error) {
	return reviewEntries(fsys)
}

// Parse decodes and checks data, the content of the review file at path:
// ReadFile for content already read. The Review is never nil.
func Parse(path string, data []byte, cfg *Config, now time.Time) (*Review, []Finding) {
	if cfg == nil {
		cfg = &Config{}
	}
	if now.IsZero() {
		now = time.Now()
	}
	r, _, findings := parseFile(path, data, cfg, now)
	return r, findings
}

// ReadFile reads, decodes and checks one review file. The cross-file rules
// (unique ids, related) need every review and are left to Load. The Review
// is nil only when the file cannot be read.
func ReadFile(fsys fs.FS, path string, cfg *Config, now time.Time) (*Review, []Finding) {
	if cfg == nil {
		cfg = &Config{}
	}
	if now.IsZero() {
		now = time.Now()
	}
	r, _, findings := loadFile(fsys, path, cfg, now)
	return r, findings
}
