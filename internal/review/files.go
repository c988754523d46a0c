package review

import (
	"io/fs"
	"time"
)

// An Entry is a review file as its folder lists it.
type Entry struct {
	Path string // slash-separated, from the repository root
	fs.DirEntry
}

// Entries lists the review files of fsys (reviews/**/*.md, less README.md,
// hidden and "_" names, and symlinks out of the repository), sorted, with
// their directory entries, and findings for what cannot be read or is not
// followed.
func Entries(fsys fs.FS) ([]Entry, []Finding, error) {
	return reviewEntries(fsys)
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
