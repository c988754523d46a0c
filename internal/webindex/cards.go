package webindex

import (
	"encoding/json"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
)

// writeCards writes the card of every document, DocsPerFragment to a
// file of the cards folder, and returns their names, in order.
func writeCards(out outFiles, docs []*review.Review) ([]string, error) {
	var names []string
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
		name := hash(b)
		out[Dir+cardsDir+name+".json"] = b
		names = append(names, name)
	}
	return nonNil(names), nil
}
