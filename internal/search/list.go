package search

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// A Listed is a review as the index holds it, for a listing: what a hit
// shows of it, without a match.
type Listed struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Date     string `json:"date"`
	Severity string `json:"severity"`
	Path     string `json:"path"`
}

// List returns every review in the index, newest first (by date, then
// id), as its stored fields say. A review file that does not decode is
// not in the index, nor in the list.
func (ix *Index) List(ctx context.Context) ([]Listed, error) {
	n, err := ix.bi.DocCount()
	if err != nil {
		return nil, fmt.Errorf("list: %w", err)
	}
	if n == 0 {
		return nil, nil
	}
	req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), int(n), 0, false)
	req.Fields = []string{fieldID, fieldPath, fieldDate, fieldSeverity, "title"}
	req.SortBy([]string{"-" + fieldDate, "_id"})
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("list: %w", err)
	}
	out := make([]Listed, 0, len(res.Hits))
	for _, d := range res.Hits {
		out = append(out, Listed{
			ID:       d.ID,
			Title:    stringField(d.Fields, "title"),
			Date:     stringField(d.Fields, fieldDate),
			Severity: strings.ToUpper(stringField(d.Fields, fieldSeverity)),
			Path:     stringField(d.Fields, fieldPath),
		})
	}
	return out, nil
}
