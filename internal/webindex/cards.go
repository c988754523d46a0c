package webindex

import (
	"encoding/json"
	"strconv"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
)

// writeCards writes the card of every document, DocsPerFragment to a
// file N.json, and returns the folder's name.
func writeCards(out outFiles, docs []*review.Review) (string, error) {
	var names []string
	var data [][]byte
	for k := 0; k < len(docs); k += DocsPerFragment {
		var rows []card
		for _, rv := range docs[k:min(len(docs), k+DocsPerFragment)] {
			c := search.CardOf(rv)
			rows = append(rows, card{c.ID, c.Title, c.Date, c.Severity, nonNil(c.Services), nonNil(c.Exceptions), c.Summary})
		}
		b, err := json.Marshal(rows)
		if err != nil {
			return "", err
		}
		names = append(names, strconv.Itoa(k/DocsPerFragment)+".json")
		data = append(data, b)
	}
	return out.putDir("d", names, data), nil
}
