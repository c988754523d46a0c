package gen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"
	"time"
)

// File is one generated file of a review repository.
type File struct {
	Path string // slash-separated, e.g. "reviews/2025/2025-03-14-order-api-redis-timeout-0042.md"
	Data []byte
}

// Options controls what Reviews generates.
type Options struct {
	N    int    // number of reviews
	Seed uint64 // the same Options give the same bytes

	// ChineseShare is the fraction of reviews written in Simplified
	// Chinese. Zero means the default, 0.2; a negative value means none.
	ChineseShare float64

	// Folders puts each review under reviews/YYYY/ instead of reviews/.
	Folders bool
}

// generator holds what later reviews may refer to.
type generator struct {
	opt       Options
	share     float64
	ids       []string
	byKind    map[string][]int // failure kind → indexes into ids
	byService map[string][]int
}

// first and last bound the incident dates.
var (
	first = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	last  = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
)

// Reviews generates opt.N reviews, sorted by date, with ids unique and
// related ids pointing to earlier reviews. The result depends only on opt.
func Reviews(opt Options) []File {
	if opt.N <= 0 {
		return nil
	}
	g := &generator{
		opt:       opt,
		share:     opt.ChineseShare,
		byKind:    make(map[string][]int),
		byService: make(map[string][]int),
	}
	switch {
	case g.share == 0:
		g.share = 0.2
	case g.share < 0:
		g.share = 0
	}

	days := int(last.Sub(first).Hours()/24) + 1
	r := rand.New(rand.NewPCG(opt.Seed, 0x2545f4914f6cdd1d))
	offsets := make([]int, opt.N)
	for i := range offsets {
		offsets[i] = r.IntN(days)
	}
	slices.Sort(offsets)

	files := make([]File, opt.N)
	var b strings.Builder
	for i := range files {
		rv := g.newReview(i, first.AddDate(0, 0, offsets[i]))
		b.Reset()
		b.Grow(6 << 10)
		b.WriteString("---\n")
		rv.frontMatter(&b)
		b.WriteString("---\n")
		rv.body(rv.e, &b)
		dir := "reviews"
		if opt.Folders {
			dir = path.Join(dir, rv.date.Format("2006"))
		}
		files[i] = File{Path: path.Join(dir, rv.id+".md"), Data: []byte(b.String())}

		g.byKind[rv.f.kind] = append(g.byKind[rv.f.kind], len(g.ids))
		g.byService[rv.services[0]] = append(g.byService[rv.services[0]], len(g.ids))
		g.ids = append(g.ids, rv.id)
	}
	return files
}

// MapFS returns the reviews of opt as a file system rooted at the
// repository, so paths begin with "reviews/".
func MapFS(opt Options) fstest.MapFS {
	fsys := make(fstest.MapFS, opt.N)
	for _, f := range Reviews(opt) {
		fsys[f.Path] = &fstest.MapFile{Data: f.Data, Mode: 0o644, ModTime: modTime}
	}
	return fsys
}

// modTime is the fixed modification time of MapFS files.
var modTime = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// WriteDir writes the reviews of opt under dir, creating dir/reviews/...
func WriteDir(dir string, opt Options) error {
	made := make(map[string]bool)
	for _, f := range Reviews(opt) {
		name := filepath.Join(dir, filepath.FromSlash(f.Path))
		if d := filepath.Dir(name); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("gen: %w", err)
			}
			made[d] = true
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			return fmt.Errorf("gen: %w", err)
		}
	}
	return nil
}
