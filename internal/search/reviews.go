package search

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/fupan/fupan/internal/review"
)

// FromReviews builds an index in memory of the reviews as given, rather
// than as their files say: for a site that shows them changed, such as a
// publish profile's (review.Profile.Apply), whose index must hold only
// what its pages show. When two reviews have one id, the first is kept.
func FromReviews(reviews []*review.Review) (*Index, error) {
	bi, err := bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	ix := &Index{bi: bi, Update: Update{Rebuilt: InMemory}}
	seen := map[string]bool{}
	b := bi.NewBatch()
	for _, r := range reviews {
		if r.ID == "" || seen[r.ID] {
			continue
		}
		seen[r.ID] = true
		if err := b.Index(r.ID, document(r)); err != nil {
			bi.Close()
			return nil, fmt.Errorf("index %s: %w", r.Path, err)
		}
		ix.Update.Added++
		if b.Size() >= memoryBatchSize {
			if err := bi.Batch(b); err != nil {
				bi.Close()
				return nil, fmt.Errorf("index reviews: %w", err)
			}
			b = bi.NewBatch()
		}
	}
	if err := bi.Batch(b); err != nil {
		bi.Close()
		return nil, fmt.Errorf("index reviews: %w", err)
	}
	return ix, nil
}
