package site

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"golang.org/x/sync/errgroup"
)

// Files made elsewhere (Target.Extra) may be given without their bytes,
// by content hash (Target.ExtraSame): files the last site has, as a
// search index export names them for their content. Each is linked from
// the last site when its manifest has it with that hash and it is there
// as stamped; else its bytes are asked for (Target.ExtraLoad) and
// written. So a build neither holds nor hashes the files that did not
// change.

// hashedFiles are files given by content hash, and where their bytes are.
type hashedFiles struct {
	hashes map[string]string // hex SHA-256 by slash path
	load   func(name string) ([]byte, error)
}

// put puts each file into the new site of k, on g.
func (s hashedFiles) put(k *sink, g *errgroup.Group) {
	if len(s.hashes) == 0 {
		return
	}
	names := slices.Collect(maps.Keys(s.hashes))
	k.addAll(g, names, func(name string) string { return s.hashes[name] }, func(name string) func() (Stamp, error) {
		return k.sameMaker(name, s.hashes[name], s.load)
	})
}

// sameMaker makes the file name, of content SHA-256 hash, in the new
// site: linked from the last site when it holds it as prev stamped it,
// with that content (see linkFile); else written with the bytes of load,
// which must have the hash.
func (k *sink) sameMaker(name, hash string, load func(string) ([]byte, error)) func() (Stamp, error) {
	return func() (Stamp, error) {
		if k.prev != nil && k.prev.Files[name].Hash == hash {
			st, err := linkFile(k.root, k.tmp, k.dir, name, k.prev)
			if !errors.Is(err, ErrKeptChanged) {
				return st, err
			}
		}
		if load == nil {
			return Stamp{}, fmt.Errorf("%s: no bytes, and the last site does not have it", name)
		}
		data, err := load(name)
		if err != nil {
			return Stamp{}, err
		}
		if hashOf(data) != hash {
			return Stamp{}, fmt.Errorf("%s: its content is not the one it was given as", name)
		}
		return writeFile(k.root, k.tmp, k.dir, name, name, data, hash, nil)
	}
}
