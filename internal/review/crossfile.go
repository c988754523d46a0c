package review

import (
	"io/fs"
	"time"
)

// CrossFile checks what needs every review, unique ids and related, as
// Load does, for reviews read one by one with ReadFile: with the findings
// of each file's ReadFile, they are the findings of Load. A related
// problem is placed on its line of the file, which is read again for it
// from fsys (with cfg and now, as ReadFile took them); the other files are
// not read.
func CrossFile(fsys fs.FS, reviews []*Review, cfg *Config, now time.Time) []Finding {
	if cfg == nil {
		cfg = &Config{}
	}
	if now.IsZero() {
		now = time.Now()
	}
	ids := make(map[string]bool, len(reviews))
	for _, r := range reviews {
		ids[r.ID] = true
	}
	docs := map[*Review]*doc{}
	for _, r := range reviews {
		for _, rel := range r.Related {
			if rel == r.ID || !ids[rel] {
				if _, d, _ := loadFile(fsys, r.Path, cfg, now); d != nil {
					docs[r] = d
				}
				break
			}
		}
	}
	return crossFileRules(reviews, docs)
}
