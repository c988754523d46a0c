package review

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/fupan/fupan/internal/gen"
)

// Decode gives the Review that ReadFile gives (Pos aside) for the example
// reviews, generated ones in English and Chinese, and files that do not
// decode.
func TestDecodeIsReadFile(t *testing.T) {
	files := map[string][]byte{}
	examples := os.DirFS("../..")
	err := fs.WalkDir(examples, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		files[p], err = fs.ReadFile(examples, p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	generated := gen.MapFS(gen.Options{N: 200, Seed: 7, ChineseShare: 0.5})
	for p, f := range generated {
		if strings.HasPrefix(p, Dir+"/") {
			files[p] = f.Data
		}
	}
	valid := "---\ntitle: T\ndate: 2026-01-02\nstatus: draft\n---\nBody.\n"
	bad := map[string]string{
		"no front matter":               "# Just a title\n",
		"front matter not closed":       "---\ntitle: T\n",
		"YAML that does not parse":      "---\ntitle: [unclosed\n---\nBody.\n",
		"front matter a list":           "---\n- a\n- b\n---\nBody.\n",
		"not UTF-8":                     "---\ntitle: \xff\n---\n",
		"NUL byte":                      "---\ntitle: a\x00b\n---\n",
		"both traceback and absent":     "---\ntraceback: |\n  Traceback (most recent call last):\n    File \"a.py\", line 1, in f\n  ValueError: x\ntraceback_absent: lost\n---\n",
		"traceback that does not parse": "---\ntraceback: not a traceback\n---\n",
		"too big":                       valid + strings.Repeat("x", MaxFileSize),
	}
	for name, data := range bad {
		files["reviews/2026-01-02-"+strings.ReplaceAll(name, " ", "-")+".md"] = []byte(data)
	}
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for p, data := range files {
		want, _ := ReadFile(fstest.MapFS{p: {Data: data}}, p, nil, now)
		want.Pos = nil
		if diff := cmp.Diff(want, Decode(p, data)); diff != "" {
			t.Errorf("%s: Decode differs from ReadFile (-ReadFile +Decode):\n%s", p, diff)
		}
	}
	if len(files) < 200 {
		t.Fatalf("compared %d files, want at least 200", len(files))
	}
}
