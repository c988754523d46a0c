package highlight

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"

	"github.com/fupan/fupan/internal/gen"
)

// lex returns the tokens of text, or the error as a token.
func lex(l chroma.Lexer, text string) []chroma.Token {
	it, err := l.Tokenise(nil, text)
	if err != nil {
		return []chroma.Token{{Type: chroma.Error, Value: err.Error()}}
	}
	return it.Tokens()
}

// sameTokens fails t unless Traceback (Go's regexp) tokenises text as
// tracebackRegexp (chroma's engine) does.
func sameTokens(t *testing.T, name, text string) {
	t.Helper()
	got, want := lex(Traceback, text), lex(tracebackRegexp, text)
	if !slices.Equal(got, want) {
		t.Errorf("%s: %q:\n got %v\nwant %v", name, text, got, want)
	}
}

// edgeTexts are tracebacks at the edges of the rules: line breaks, a
// missing last one, spaces and word characters beyond ASCII.
var edgeTexts = []string{
	"",
	"\n",
	"Traceback (most recent call last):\r\n  File \"a.py\", line 1, in f\r\nKeyError: 1",
	"Traceback (most recent call last):\n  File \"a.py\", line 1, in f\n    x = y\n        ^^^\nKeyError: 1\n",
	"java.lang.IllegalStateException: boom\n\n\tat com.acme.Foo.bar(Foo.java:12)\n\n    at x.y(Z.java)\n\t... 3 more\n",
	"Exception in thread \"main\" java.lang.Error\nCaused by: a.B: c\nSuppressed: d.E\n",
	"panic: boom\n\ngoroutine 7 [chan receive, 3 minutes]:\nmain.main()\n\t/app/main.go:9 +0x2f\n\t/app/x.go:1\n",
	"Ünïcødé.Érreur: message\nدرس: x\n名前.エラー\n\u00a0\u2003at é.f(g)\n\u3000\u3000... 2 more\n",
	"a\u200db\u200cc: d\n١٢٣: digits\n  File \"x\", line ١٢, in f\n",
	"\r\rnot a frame\r\n\t\n",
	"only text without a break",
}

func TestGoLexerSameTokens(t *testing.T) {
	for i, text := range edgeTexts {
		sameTokens(t, fmt.Sprint("edge ", i), text)
	}
	for _, f := range gen.Reviews(gen.Options{N: 400, Seed: 3, ChineseShare: 0.3}) {
		src := string(f.Data)
		if _, tb, ok := strings.Cut(src, "\ntraceback: |\n"); ok {
			var lines []string
			for _, line := range strings.SplitAfter(tb, "\n") {
				if !strings.HasPrefix(line, "  ") {
					break
				}
				lines = append(lines, line[2:])
			}
			sameTokens(t, f.Path, strings.Join(lines, ""))
		}
		sameTokens(t, f.Path, src) // the whole file, every rule tried everywhere
	}
}

// TestGoLexerClasses runs \w, \s and \d, in and out of brackets, through
// both engines over a wide sample of Unicode.
func TestGoLexerClasses(t *testing.T) {
	rules := func() chroma.Rules {
		return chroma.Rules{"root": {
			{Pattern: `\d`, Type: chroma.LiteralNumber},
			{Pattern: `\s`, Type: chroma.TextWhitespace},
			{Pattern: `\w`, Type: chroma.Name},
			{Pattern: `[x\d]`, Type: chroma.LiteralNumberInteger},
			{Pattern: `[x\s]`, Type: chroma.Comment},
			{Pattern: `[x\w]`, Type: chroma.NameFunction},
			{Pattern: `.`, Type: chroma.Punctuation},
			{Pattern: `\n`, Type: chroma.Text},
		}}
	}
	// The same rules in the other order, so that the bracketed classes
	// are the ones that decide.
	bracketed := func() chroma.Rules {
		r := rules()["root"]
		return chroma.Rules{"root": append(slices.Clone(r[3:6]), r[6:]...)}
	}
	var b strings.Builder
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r < 0x3100 || r%61 == 0 || unicode.IsSpace(r) || r == 0x200c || r == 0x200d {
			if utf8.ValidRune(r) {
				b.WriteRune(r)
			}
		}
	}
	text := b.String()
	for name, fn := range map[string]func() chroma.Rules{"bare": rules, "bracketed": bracketed} {
		slow := chroma.MustNewLexer(&chroma.Config{Name: "classes-" + name}, fn)
		fast := mustGoLexer(slow, fn()["root"])
		got, want := lex(fast, text), lex(slow, text)
		if len(got) != len(want) {
			t.Fatalf("%s: %d tokens, want %d", name, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: %U: %v, want %v", name, []rune(want[i].Value)[0], got[i].Type, want[i].Type)
			}
		}
	}
}

func TestGoPatternRefuses(t *testing.T) {
	for _, p := range []string{`a^b`, `a$`, `\bword`, `(?i)a`, `\W`, `[]a]`, `(\d)\1`} {
		if got, err := goPattern(p); err == nil {
			t.Errorf("goPattern(%q) = %q, want an error", p, got)
		}
	}
}

func FuzzGoLexer(f *testing.F) {
	for _, s := range edgeTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sameTokens(t, "fuzz", s)
	})
}

// BenchmarkTraceback highlights the tracebacks of 300 generated reviews
// with the traceback lexer's rules run by each engine.
func BenchmarkTraceback(b *testing.B) {
	var tbs []string
	for _, f := range gen.Reviews(gen.Options{N: 300, Seed: 1, ChineseShare: 0.25}) {
		if _, tb, ok := strings.Cut(string(f.Data), "\ntraceback: |\n"); ok {
			var lines []string
			for _, line := range strings.SplitAfter(tb, "\n") {
				if !strings.HasPrefix(line, "  ") {
					break
				}
				lines = append(lines, line[2:])
			}
			tbs = append(tbs, strings.Join(lines, ""))
		}
	}
	for _, e := range []struct {
		name  string
		lexer chroma.Lexer
	}{{"regexp2", tracebackRegexp}, {"go", Traceback}} {
		lexer := chroma.Coalesce(e.lexer)
		b.Run(e.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, tb := range tbs {
					if _, err := format(tb, lexer); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
