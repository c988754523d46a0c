package search

import (
	"slices"
	"strings"
)

// CustomKeys returns the names of the custom fields (fupan.yaml's fields)
// that the indexed reviews have values for, sorted: the filter keys a
// query may use besides FilterKeys (see ParseCustom). They are read from
// the index, once, so that an index needs no fupan.yaml to be searched.
func (ix *Index) CustomKeys() ([]string, error) {
	ix.customOnce.Do(func() { ix.custom, ix.customErr = ix.readCustomKeys() })
	return ix.custom, ix.customErr
}

func (ix *Index) readCustomKeys() ([]string, error) {
	r, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	d, err := r.FieldDict(fieldCustom)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	var keys []string
	for {
		e, err := d.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			break
		}
		name, _, _ := strings.Cut(e.Term, ":")
		if len(keys) == 0 || keys[len(keys)-1] != name {
			keys = append(keys, name)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys), nil
}
