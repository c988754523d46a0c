package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkTokens tokenizes about 10 KB of English, Chinese and code.
func BenchmarkTokens(b *testing.B) {
	review, err := os.ReadFile(filepath.Join("testdata", "review.md"))
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat(string(review), 10*1024/len(review)+1)[:10*1024]
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Tokens(text)
	}
}
