package analysis

import (
	"unicode/utf8"

	bleveanalysis "github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// Name is the name under which the tokenizer and the analyzer are
// registered with bleve, when this package is imported.
const Name = "fupan"

func init() {
	if err := registry.RegisterTokenizer(Name, newTokenizer); err != nil {
		panic(err)
	}
	if err := registry.RegisterAnalyzer(Name, newAnalyzer); err != nil {
		panic(err)
	}
}

// Tokenizer is the bleve form of [Tokens]. Its terms are already
// lower-cased, so it needs no token filter.
type Tokenizer struct{}

// Tokenize implements bleve's analysis.Tokenizer. The tokens, and the
// bytes of their terms, are cut from one allocation each (not one a
// token): indexing 10,000 reviews makes tens of millions of tokens.
func (Tokenizer) Tokenize(input []byte) bleveanalysis.TokenStream {
	tokens := Tokens(string(input))
	n := 0
	for _, t := range tokens {
		n += len(t.Term)
	}
	terms := make([]byte, 0, n)
	slab := make([]bleveanalysis.Token, len(tokens))
	stream := make(bleveanalysis.TokenStream, len(tokens))
	for i, t := range tokens {
		typ := bleveanalysis.AlphaNumeric
		if r, _ := utf8.DecodeRuneInString(t.Term); IsCJK(r) {
			typ = bleveanalysis.Ideographic
		}
		start := len(terms)
		terms = append(terms, t.Term...)
		slab[i] = bleveanalysis.Token{
			// Capped, so that an append to one term cannot overwrite the next.
			Term:     terms[start:len(terms):len(terms)],
			Start:    t.Start,
			End:      t.End,
			Position: t.Position,
			Type:     typ,
		}
		stream[i] = &slab[i]
	}
	return stream
}

func newTokenizer(map[string]any, *registry.Cache) (bleveanalysis.Tokenizer, error) {
	return Tokenizer{}, nil
}

func newAnalyzer(map[string]any, *registry.Cache) (bleveanalysis.Analyzer, error) {
	return &bleveanalysis.DefaultAnalyzer{Tokenizer: Tokenizer{}}, nil
}

// NewFieldMapping returns a bleve text field mapping that uses the analyzer
// and keeps term vectors, which phrase queries and highlighting need.
func NewFieldMapping() *mapping.FieldMapping {
	m := mapping.NewTextFieldMapping()
	m.Analyzer = Name
	return m
}
