package review

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
)

// checkSchemaFile warns when the repository's copy of the schema for
// editors (SchemaPath, written by 'fupan init') is not the schema of the
// repository any more: fupan.yaml's fields changed, or fupan did. Editors
// would check the reviews against the old one.
func checkSchemaFile(fsys fs.FS, cfg *Config) []Finding {
	data, err := fs.ReadFile(fsys, SchemaPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	f := Finding{File: SchemaPath, Line: 1, Col: 1, Severity: Warning}
	if err != nil {
		f.Message, f.Err = "cannot read: "+err.Error(), err
		return []Finding{f}
	}
	var have, want any
	if json.Unmarshal(data, &have) == nil && json.Unmarshal(SchemaFor(cfg), &want) == nil && reflect.DeepEqual(have, want) {
		return nil
	}
	f.Message = fmt.Sprintf("%s is not the schema of this repository (the fields of %s, or fupan, changed since it was written), so editors check reviews against an old one: write it again with 'fupan schema > %s'",
		SchemaPath, ConfigFile, SchemaPath)
	return []Finding{f}
}
