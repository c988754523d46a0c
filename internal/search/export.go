package search

import "github.com/blevesearch/bleve/v2"

// Bleve returns the underlying bleve index, for the exporter of the site's
// static search index (internal/webindex), which reads its postings. The
// caller must not close or modify it.
func (ix *Index) Bleve() bleve.Index { return ix.bi }
