package webindex_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fupan/fupan/internal/analysis"
	"github.com/fupan/fupan/reviews"
)

// TestAnalysisParity runs the JavaScript tokenizer (client/analysis.js)
// in Chromium over the whole text of every example review, and over the
// analyzer's own fixture, and requires the same tokens as Go's
// analysis.Tokens: term, byte offsets and position.
func TestAnalysisParity(t *testing.T) {
	texts := map[string]string{}
	err := fs.WalkDir(reviews.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(reviews.FS(), p)
		texts[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fixture, err := os.ReadFile("../analysis/testdata/tokens.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct{ Name, Text string }
	if err := json.Unmarshal(fixture, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		texts["fixture:"+c.Name] = c.Text
	}
	if len(texts) < 20 {
		t.Fatalf("only %d texts", len(texts))
	}

	ctx := clientPage(t, `import { tokens } from "/assets/search/analysis.js";
window.fupanTokens = (text) => tokens(text).map(({term, start, end, position}) => ({term, start, end, position}));`)
	in, _ := json.Marshal(texts)
	got := evaluate[map[string][]analysis.Token](t, ctx, `(() => { const texts = `+string(in)+`; const out = {}; for (const k in texts) out[k] = window.fupanTokens(texts[k]); return out; })()`)
	for name, text := range texts {
		want := analysis.Tokens(text)
		if len(want) == 0 && !strings.HasPrefix(name, "fixture:") {
			t.Errorf("%s: Go gave no tokens", name)
		}
		if diff := cmp.Diff(want, got[name], cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: JavaScript tokens differ from Go's (-go +js):\n%s", name, diff)
		}
	}
}
