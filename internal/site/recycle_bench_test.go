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
	dir, spare, files, m := spareSite10k(b)
	tmp := filepath.Join(filepath.Dir(dir), "tmp")
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

// BenchmarkKeep10k puts the 10,001 files of a site that the recycled
// spare holds already, as a build after one edit keeps them: after the
// walk (not timed), nothing to link or write.
func BenchmarkKeep10k(b *testing.B) {
	dir, spare, files, m := spareSite10k(b)
	names := files.Names()
	for b.Loop() {
		b.StopTimer()
		k, err := openSink(dir, "", m, spare)
		if err != nil {
			b.Fatal(err)
		}
		if len(k.found) != len(names)+1 { // and the marker
			b.Fatalf("recycled %d files, want %d", len(k.found), len(names)+1)
		}
		b.StartTimer()
		g := putters()
		put(k, g, nil, names, hashedFiles{}, nil)
		g.Wait()
		b.StopTimer()
		if k.err != nil || len(k.stamps) != len(names) || len(k.found) != 1 { // the marker
			b.Fatalf("kept %d of %d files, %d left (%v)", len(k.stamps), len(names), len(k.found), k.err)
		}
		k.root.Close()
		if err := os.Rename(k.tmp, spare); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// spareSite10k writes a site of 10,000 review folders, each with its
// page, twice (the home page changed), so that the first is the spare of
// the second: its folder, the spare's, its files and its manifest.
func spareSite10k(b *testing.B) (dir, spare string, files Files, m *Manifest) {
	parent := b.TempDir()
	dir, spare = filepath.Join(parent, "public"), filepath.Join(parent, "spare")
	files = Files{"index.html": []byte("index")}
	for i := range 10_000 {
		files[fmt.Sprintf("reviews/2026-01-01-review-%05d/index.html", i)] = fmt.Appendf(nil, "<p>review %d</p>", i)
	}
	mA, err := writeSite(dir, "", spare, files, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	files["index.html"] = []byte("index B")
	if m, err = writeSite(dir, "", spare, files, nil, mA); err != nil {
		b.Fatal(err)
	}
	return dir, spare, files, m
}
