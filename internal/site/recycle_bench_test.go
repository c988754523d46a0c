package site

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRecycle10k looks through a spare of 10,000 review folders,
// each with its page, whose folders are as stamped: the spare walk of a
// build after one edit.
func BenchmarkRecycle10k(b *testing.B) {
	parent := b.TempDir()
	dir, spare, tmp := filepath.Join(parent, "public"), filepath.Join(parent, "spare"), filepath.Join(parent, "tmp")
	files := Files{"index.html": []byte("index")}
	for i := range 10_000 {
		files[fmt.Sprintf("reviews/2026-01-01-review-%05d/index.html", i)] = fmt.Appendf(nil, "<p>review %d</p>", i)
	}
	mA, err := writeSite(dir, "", spare, files, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	files["index.html"] = []byte("index B")
	m, err := writeSite(dir, "", spare, files, nil, mA)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := os.Mkdir(tmp, 0o700); err != nil {
			b.Fatal(err)
		}
		found, dirs := recycle(spare, tmp, m.Spare, m.SpareDirs)
		if len(found) != len(files)+1 || len(dirs) != 10_001 { // and the marker; reviews/
			b.Fatalf("recycled %d files, %d folders; want %d, %d", len(found), len(dirs), len(files)+1, 10_001)
		}
		if err := os.Rename(tmp, spare); err != nil {
			b.Fatal(err)
		}
	}
}
