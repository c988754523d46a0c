package webindex

import (
	"crypto/sha256"
	"fmt"
	"strings"
)

// An Output is an export (ExportCached): the files it made, and those of
// the shards it kept whole from the cache, which it did not make.
type Output struct {
	// Files are the files made, by site path, under Dir.
	Files map[string][]byte
	// Same are the files kept, by site path, with the hex SHA-256 of
	// their content: the files of that name of the last export.
	Same  map[string]string
	Stats Stats

	cache *exportCache          // the cache the kept shards are in
	kept  map[string]*shardHead // the kept shards, by name
}

// Load returns the content of the file name of o.Same, made from the
// cache; an error when the cache no longer holds it as it was.
func (o *Output) Load(name string) ([]byte, error) {
	base, ok := strings.CutPrefix(name, Dir+shardsDir)
	var h *shardHead
	if ok {
		h = o.kept[base[:min(len(base), 12)]]
	}
	if h == nil || len(base) != 12+len(".t.json") || (!strings.HasSuffix(base, ".t.json") && !strings.HasSuffix(base, ".p.json")) {
		return nil, fmt.Errorf("%s: not a file the search export kept", name)
	}
	entries, err := o.cache.record(h)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	s := makeShard(entries, len(o.cache.IDs))
	data, sum := s.t, h.T
	if strings.HasSuffix(base, ".p.json") {
		data, sum = s.p, h.P
	}
	if sha256.Sum256(data) != sum {
		return nil, fmt.Errorf("%s: %w", name, errDamaged)
	}
	return data, nil
}
