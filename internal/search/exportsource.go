package search

import "sync"

// setManifest makes m, the manifest of the review files ix holds, what
// Export.Sources reads; its review lines are parsed once, when asked.
func (ix *Index) setManifest(m *manifest) {
	ix.sources = sync.OnceValues(func() (map[string]string, error) {
		if err := m.load(); err != nil {
			return nil, err
		}
		out := make(map[string]string, len(m.reviews))
		for id, e := range m.reviews {
			if e.Doc {
				out[id] = e.Path + "\x00" + e.Hash
			}
		}
		return out, nil
	})
}

// Sources returns what each document was indexed from, by document
// number: its file's path and the SHA-256 of the content that was
// decoded, as the manifest of the index holds them. A document indexed
// again from the same source by the same fupan, at the same Version, has
// the same postings; so an export that keeps what it read of each term
// (internal/webindex) knows the documents that changed without reading
// them (DocSum builds a document's whole text). ok is false when the
// index does not say (FromReviews, or a document the manifest lacks).
func (e *Export) Sources() (sources []string, ok bool, err error) {
	if e.sources == nil {
		return nil, false, nil
	}
	byID, err := e.sources()
	if err != nil {
		return nil, false, err
	}
	sources = make([]string, len(e.Docs))
	for i, rv := range e.Docs {
		if sources[i], ok = byID[rv.ID]; !ok {
			return nil, false, nil
		}
	}
	return sources, true, nil
}
