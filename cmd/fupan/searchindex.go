package main

import (
	"io/fs"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/internal/webindex"
)

// siteSearch exports the search index of the reviews in src for the site's
// search page: the index 'fupan search' keeps in the repository's .fupan
// folder when src is its work tree (so only changed reviews are indexed
// again), else one built in memory (the examples, a --ref tree). It returns
// the files under webindex.Dir, by site path.
func siteSearch(repo *repository, src fs.FS, onDisk bool, reviews []*review.Review) (map[string][]byte, webindex.Stats, error) {
	state := ""
	if onDisk {
		// A folder that cannot be written (a read-only checkout) builds
		// the index in memory instead.
		state, _ = searchState(repo)
	}
	ix, err := search.Open(src, state)
	if err != nil {
		return nil, webindex.Stats{}, err
	}
	defer ix.Close()
	files := map[string][]byte{}
	st, err := webindex.Write(files, ix, reviews)
	return files, st, err
}
