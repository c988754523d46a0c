package search

import (
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A manifest parses into one that encodes and parses to itself, or it is
// damaged or of another version: never a panic, never a third kind of
// error.
func FuzzManifest(f *testing.F) {
	f.Add([]byte(manifestHeader + "\nfile\tstore/root.bolt\t65536\t1796082373544863872\n" +
		"reviews\t1\t" + contentKey([]pathHash{{"reviews/2025-03-18-x.md", "b04f5b"}}) + "\n" +
		"review\t2025-03-18-x\treviews/2025-03-18-x.md\tb04f5b\t1\n"))
	f.Add([]byte(manifestHeader + "\nfile\tindex_meta.json\t42\t1\nreview\tx\treviews/x.md\th\t0\n"))
	f.Add([]byte("fupan search manifest v3\nreview\tx\treviews/x.md\t1\t1\th\t0\n"))
	f.Add([]byte("fupan search manifest v1\nx\treviews/x.md\t1\t1\th\n"))
	f.Add([]byte(manifestHeader + "\nbroken line\n"))
	f.Add([]byte(manifestHeader + "\nfile\tindex_meta.json\t42"))
	f.Add([]byte{0xff, 0x00, '\n'})
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := parseManifest(data)
		var (
			derr *damageError
			verr *versionError
		)
		if err != nil {
			if !errors.As(err, &derr) && !errors.As(err, &verr) {
				t.Fatalf("parseManifest: %v (%T), want a damageError or a versionError", err, err)
			}
			if bytes.Contains([]byte(err.Error()), []byte("\n")) {
				t.Fatalf("parseManifest: an error of several lines: %q", err)
			}
			return
		}
		var b bytes.Buffer
		m.encode(&b)
		again, err := parseManifest(b.Bytes())
		if err != nil {
			t.Fatalf("parseManifest(encode(m)): %v\n%s", err, b.Bytes())
		}
		opt := cmp.AllowUnexported(manifest{}, stamp{})
		if diff := cmp.Diff(m, again, opt); diff != "" {
			t.Errorf("a manifest encoded and parsed again differs (-first +again):\n%s", diff)
		}
	})
}
