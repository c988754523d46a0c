package webindex_test

import (
	"testing"

	"github.com/fupan/fupan/internal/webindex"
)

// TestFormatJS: the client's format.js gives the folder of the index and
// the version of its format as Write uses them.
func TestFormatJS(t *testing.T) {
	type format struct {
		IndexDir string
		Version  int
	}
	got := evaluate[format](t, clientPage(t, ""), `import("/assets/search/format.js").then((f) => ({indexDir: f.indexDir, version: f.version}))`)
	if want := (format{webindex.Dir, webindex.Version}); got != want {
		t.Errorf("format.js gives %+v, want %+v", got, want)
	}
}
