package webindex

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
)

// writeCards writes the card of every document, DocsPerFragment to a
// file k.json (k counts from the first fragment), FragmentsPerFolder
// files to a folder named for their content, and returns the folders.
// One edited review renames one folder of small files: their names in
// meta, which every query loads, are a few, not one per fragment.
func writeCards(out outFiles, docs []*review.Review) ([]string, error) {
	var dirs, names []string
	var data [][]byte
	for k := 0; k < len(docs); k += DocsPerFragment {
		var rows []card
		for _, rv := range docs[k:min(len(docs), k+DocsPerFragment)] {
			c := search.CardOf(rv)
			rows = append(rows, card{c.ID, c.Title, c.Date, c.Severity, nonNil(c.Services), nonNil(c.Exceptions), c.Summary})
		}
		b, err := json.Marshal(rows)
		if err != nil {
			return nil, err
		}
		names = append(names, strconv.Itoa(k/DocsPerFragment)+".json")
		data = append(data, b)
		if len(data) == FragmentsPerFolder || k+DocsPerFragment >= len(docs) {
			dirs = append(dirs, out.putDir(cardsDir, names, data))
			names, data = nil, nil
		}
	}
	return nonNil(dirs), nil
}

// putDir adds files in a folder named for their content, prefix.HASH/,
// and returns its name under Dir.
func (out outFiles) putDir(prefix string, names []string, data [][]byte) string {
	h := sha256.New()
	for i, d := range data {
		fmt.Fprintf(h, "%s %d\n", names[i], len(d))
		h.Write(d)
	}
	dir := prefix + "." + hex.EncodeToString(h.Sum(nil)[:6]) + "/"
	for i, d := range data {
		out[Dir+dir+names[i]] = d
	}
	return dir
}
