package analysis

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/tokens.json")

// A fixture is one entry of testdata/tokens.json, the file on which the
// JavaScript port is tested: it must give the same tokens for the text.
type fixture struct {
	Name   string  `json:"name"`
	Text   string  `json:"text"`
	Tokens []Token `json:"tokens"`
}

// TestGolden checks testdata/tokens.json against Tokens, or rewrites it
// with -update. The texts are those of tokenCases (except invalid UTF-8,
// which a JSON string cannot hold) and testdata/review.md.
func TestGolden(t *testing.T) {
	review, err := os.ReadFile(filepath.Join("testdata", "review.md"))
	if err != nil {
		t.Fatal(err)
	}
	var fixtures []fixture
	for _, tc := range tokenCases {
		if utf8.ValidString(tc.text) {
			fixtures = append(fixtures, fixture{tc.name, tc.text, Tokens(tc.text)})
		}
	}
	fixtures = append(fixtures, fixture{"review", string(review), Tokens(string(review))})

	got, err := marshalFixtures(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "tokens.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestGolden -update)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got); run go test -run TestGolden -update if intended:\n%s", golden, diff)
	}
}

// marshalFixtures writes one token per line, so that a diff of the file
// shows which tokens changed.
func marshalFixtures(fixtures []fixture) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	put := func(prefix string, v any) error {
		buf.WriteString(prefix)
		err := enc.Encode(v)
		buf.Truncate(buf.Len() - 1) // the newline Encode adds
		return err
	}
	buf.WriteString("[")
	for i, f := range fixtures {
		if i > 0 {
			buf.WriteString(",")
		}
		if err := put("\n{\"name\": ", f.Name); err != nil {
			return nil, err
		}
		if err := put(", \"text\": ", f.Text); err != nil {
			return nil, err
		}
		buf.WriteString(", \"tokens\": [")
		for j, tok := range f.Tokens {
			sep := ",\n  "
			if j == 0 {
				sep = "\n  "
			}
			if err := put(sep, tok); err != nil {
				return nil, err
			}
		}
		buf.WriteString("]}")
	}
	buf.WriteString("\n]\n")
	return buf.Bytes(), nil
}
