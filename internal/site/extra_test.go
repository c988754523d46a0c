package site

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/theme"
)

// TestExtraSame writes sites whose extra files come by hash only
// (Target.ExtraSame): linked from the last site when it has them as
// stamped, from the last site or when it starts from it; else written
// with the bytes ExtraLoad gives, which must have the hash.
func TestExtraSame(t *testing.T) {
	fsys := gen.MapFS(gen.Options{N: 30, Seed: 6})
	repo, err := review.Load(fsys, review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	states, err := review.Scan(fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Theme: theme.FS()}
	dir := filepath.Join(t.TempDir(), "site")
	const x, y = "search/index/s/x.t.json", "search/index/y.json"
	xData, yData := []byte(`{"x":1}`), []byte(`{"y":2}`)
	_, m, err := WriteSite(repo, nil, opt, Target{Dir: dir, ExtraDir: "search/index/", Extra: map[string][]byte{x: xData, y: yData}})
	if err != nil {
		t.Fatal(err)
	}
	loads := 0
	load := func(name string) ([]byte, error) {
		loads++
		if name != x {
			return nil, errors.New("no such file")
		}
		return xData, nil
	}
	check := func(step string, wantLoads int) {
		t.Helper()
		if got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(x))); err != nil || string(got) != string(xData) {
			t.Errorf("%s: %s is %q (%v)", step, x, got, err)
		}
		if m.Files[x].Hash != hashOf(xData) {
			t.Errorf("%s: the manifest stamps %s with %s", step, x, m.Files[x].Hash)
		}
		if loads != wantLoads {
			t.Errorf("%s: %d loads, want %d", step, loads, wantLoads)
		}
	}
	last := func() *Last { return &Last{Manifest: m, Dir: dir, Hashes: review.Hashes(states)} }
	same := map[string]string{x: hashOf(xData)}
	for _, step := range []struct {
		name  string
		last  func() *Last
		do    func()
		loads int
	}{
		{"resumed, kept", last, func() {}, 0},
		{"every page, kept", func() *Last { return nil }, func() {}, 0},
		{"resumed, changed in the site", last, func() {
			os.WriteFile(filepath.Join(dir, filepath.FromSlash(x)), []byte(`{"x":"changed"}`), 0o644)
		}, 1},
		{"every page, gone from the site", func() *Last { return nil }, func() {
			os.Remove(filepath.Join(dir, filepath.FromSlash(x)))
		}, 2},
	} {
		step.do()
		var o *Output
		o, m, err = WriteSite(repo, step.last(), opt, Target{Dir: dir, Prev: m, ExtraDir: "search/index/", Extra: map[string][]byte{y: yData}, ExtraSame: same, ExtraLoad: load})
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if o.Resumed != (step.last() != nil) {
			t.Errorf("%s: resumed %v", step.name, o.Resumed)
		}
		check(step.name, step.loads)
	}

	// Bytes that are not of the hash are never written: nothing is.
	before := readTree(t, dir)
	os.Remove(filepath.Join(dir, filepath.FromSlash(x)))
	delete(before, x)
	bad := func(string) ([]byte, error) { return []byte(`{"x":"other"}`), nil }
	if _, _, err := WriteSite(repo, nil, opt, Target{Dir: dir, Prev: m, ExtraDir: "search/index/", ExtraSame: same, ExtraLoad: bad}); err == nil {
		t.Error("a file of other bytes than its hash written")
	}
	if after := readTree(t, dir); len(after) != len(before) {
		t.Errorf("the failed build changed the site: %d files, were %d", len(after), len(before))
	}
	if _, _, err := WriteSite(repo, nil, opt, Target{Dir: dir, ExtraDir: "search/index/", ExtraSame: map[string]string{"index.html": "0"}}); err == nil {
		t.Error("a file by hash out of the extra folder written")
	}
}
