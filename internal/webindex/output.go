package webindex

import (
	"crypto/sha256"
	"fmt"
	"maps"
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
	t, p, err := o.shard(h)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if strings.HasSuffix(base, ".p.json") {
		return p, nil
	}
	return t, nil
}

// All returns every file of the export, by site path: o.Files and the
// files of o.Same, made from the cache (each kept shard's record read
// once, for both of its files).
func (o *Output) All() (map[string][]byte, error) {
	files := maps.Clone(o.Files)
	for name, h := range o.kept {
		t, p, err := o.shard(h)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", Dir+shardsDir+name, err)
		}
		files[Dir+shardsDir+name+".t.json"], files[Dir+shardsDir+name+".p.json"] = t, p
	}
	return files, nil
}

// shard makes the two files of the kept shard h from its cache record,
// and checks them against the hashes h has for them.
func (o *Output) shard(h *shardHead) (t, p []byte, err error) {
	var m mappings // Load may be called on several goroutines at once
	defer m.release()
	entries, err := o.cache.recordIn(h, &m)
	if err != nil {
		return nil, nil, err
	}
	s := makeShard(entries, len(o.cache.IDs)) // copies what it takes of entries
	if sha256.Sum256(s.t) != h.T || sha256.Sum256(s.p) != h.P {
		return nil, nil, errDamaged
	}
	return s.t, s.p, nil
}
