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

// TestStemParity runs the JavaScript stemmer (client/stem.js) in Chromium
// on every stemmable word of the example reviews and of the public
// postmortems in ../shared/corpus (when present), and requires Go's
// analysis.Stem for each.
func TestStemParity(t *testing.T) {
	words := map[string]bool{}
	add := func(text string) {
		for _, tok := range analysis.Tokens(text) {
			if analysis.Stemmable(tok.Term) {
				words[tok.Term] = true
			}
		}
	}
	read := func(fsys fs.FS) {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(fsys, p)
			add(string(b))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	read(reviews.FS())
	const corpus = "../../../shared/corpus"
	if _, err := os.Stat(corpus); err == nil {
		read(os.DirFS(corpus))
	} else {
		t.Logf("no corpus at %s: the example reviews only", corpus)
	}
	// Words that exercise every step and exception of the algorithm.
	for _, w := range strings.Fields(`throttled throttling deadlocks migrations restarting restarted
		generously communism arsenal skies dying lying tying idly gently ugly early only singly sky news
		howe atlas cosmos bias andes inning outing canning herring earring proceed exceed succeed agreed
		hopping hoping filing fizzed cries ties says yes yay boyish crying syzygy ability aliveness
		hopefulness relational conditional rational valenci digitizer operator feudalism sensibility
		logically logi fluently analogi electrical formalize goodness electriciti adjustable replacement`) {
		words[w] = true
	}
	list := make([]string, 0, len(words))
	for w := range words {
		list = append(list, w)
	}
	ctx := clientPage(t, `import { stem } from "/assets/search/stem.js"; window.fupanStem = stem;`)
	in, _ := json.Marshal(list)
	got := evaluate[[]string](t, ctx, `(() => `+string(in)+`.map((w) => window.fupanStem(w)))()`)
	bad := 0
	for i, w := range list {
		if want := analysis.Stem(w); got[i] != want {
			if bad++; bad <= 30 {
				t.Errorf("stem(%q): js %q, go %q", w, got[i], want)
			}
		}
	}
	t.Logf("%d words", len(list))
	if bad > 0 {
		t.Errorf("%d of %d words differ", bad, len(list))
	}
}
