package highlight

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// A goLexer runs the rules of a chroma lexer of one state with Go's regexp
// package rather than chroma's engine (regexp2, a backtracking engine that
// allocates a match for every rule it tries at every position): the same
// tokens, several times faster. It takes only the rules it can run with
// the same meaning: each pattern anchored at the start of a line (^) or
// not at all, with the classes \w, \s and \d of regexp2 (Unicode), given
// to Go as explicit classes. Text that is not valid UTF-8, and options
// other than the defaults, are left to chroma's own lexer.
type goLexer struct {
	chroma.Lexer // the same rules run by chroma
	rules        []goRule
}

// A goRule is a chroma rule compiled for Go's regexp.
type goRule struct {
	bol  bool           // the pattern opens with ^: it matches at a line's start only
	re   *regexp.Regexp // the rest of the pattern, anchored at the start of the text
	emit chroma.Emitter
}

// mustGoLexer returns a goLexer of the rules of the root state of slow.
func mustGoLexer(slow chroma.Lexer, rules []chroma.Rule) *goLexer {
	if c := slow.Config(); c.NotMultiline || c.CaseInsensitive || c.DotAll {
		panic("highlight: a goLexer takes the default flags only")
	}
	l := &goLexer{Lexer: slow}
	for _, r := range rules {
		pattern, bol := strings.CutPrefix(r.Pattern, "^")
		expr, err := goPattern(pattern)
		if err != nil {
			panic(fmt.Sprintf("highlight: rule %q: %v", r.Pattern, err))
		}
		if r.Mutator != nil {
			panic(fmt.Sprintf("highlight: rule %q changes state", r.Pattern))
		}
		l.rules = append(l.rules, goRule{bol: bol, re: regexp.MustCompile(`\A(?:` + expr + `)`), emit: r.Type})
	}
	return l
}

// Classes of regexp2 (without its RE2 or ECMAScript options), spelt for
// Go: \w is a letter, a non-spacing mark, a decimal digit, a connector or
// a zero-width (non-)joiner; \s is what unicode.IsSpace takes; \d a
// decimal digit.
const (
	wordClass  = `\p{L}\p{Mn}\p{Nd}\p{Pc}\x{200C}\x{200D}`
	spaceClass = `\t-\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}`
	digitClass = `\p{Nd}`
)

// goPattern spells a rule's pattern (less its opening ^) for Go's regexp,
// or says why it cannot.
func goPattern(p string) (string, error) {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			i++
			class := map[byte]string{'w': wordClass, 's': spaceClass, 'd': digitClass}[p[i]]
			switch {
			case class != "" && inClass:
				b.WriteString(class)
			case class != "":
				b.WriteString("[" + class + "]")
			case strings.IndexByte("WSDbBGAzZ0123456789kpPuxc", p[i]) >= 0:
				return "", fmt.Errorf(`\%c is not taken`, p[i])
			default:
				b.WriteByte('\\')
				b.WriteByte(p[i])
			}
			continue
		case inClass && c == ']':
			inClass = false
		case !inClass && c == '[':
			inClass = true
			b.WriteByte(c)
			if i+1 < len(p) && p[i+1] == '^' {
				b.WriteByte('^')
				i++
			}
			if i+1 < len(p) && p[i+1] == ']' {
				return "", fmt.Errorf("a class opening with ] is not taken")
			}
			continue
		case !inClass && (c == '^' || c == '$'):
			return "", fmt.Errorf("%c is taken only at the start", c)
		case !inClass && c == '(' && strings.HasPrefix(p[i:], "(?") && !strings.HasPrefix(p[i:], "(?:"):
			return "", fmt.Errorf("only (?: groups are taken")
		}
		b.WriteByte(c)
	}
	return b.String(), nil
}

// Tokenise tokenises text as chroma would with the same rules.
func (l *goLexer) Tokenise(options *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	if options != nil && (options.State != "root" || !options.EnsureLF || options.Nested) || l.Config().EnsureNL || !utf8.ValidString(text) {
		return l.Lexer.Tokenise(options, text)
	}
	// As chroma's EnsureLF: \r\n and \r are line breaks.
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var toks []chroma.Token
	for pos := 0; pos < len(text); {
		m := l.match(text, pos)
		if m == nil {
			// No rule matches: one character is an error, as in chroma.
			_, n := utf8.DecodeRuneInString(text[pos:])
			toks = append(toks, chroma.Token{Type: chroma.Error, Value: text[pos : pos+n]})
			pos += n
			continue
		}
		for t := m.rule.emit.Emit(m.groups, nil); ; {
			tok := t()
			if tok == chroma.EOF {
				break
			}
			if tok.Type != chroma.Ignore {
				toks = append(toks, tok)
			}
		}
		pos += len(m.groups[0])
	}
	return chroma.Literator(toks...), nil
}

// goMatch is the rule that matched and its groups, the whole match first.
type goMatch struct {
	rule   *goRule
	groups []string
}

// match returns the first rule that matches text at pos, nil for none.
func (l *goLexer) match(text string, pos int) *goMatch {
	bol := pos == 0 || text[pos-1] == '\n'
	for i := range l.rules {
		r := &l.rules[i]
		if r.bol && !bol {
			continue
		}
		if g := r.re.FindStringSubmatch(text[pos:]); g != nil && g[0] != "" {
			return &goMatch{r, g}
		}
	}
	return nil
}

// SetRegistry sets the registry of chroma's lexer; it returns l.
func (l *goLexer) SetRegistry(r *chroma.LexerRegistry) chroma.Lexer {
	l.Lexer.SetRegistry(r)
	return l
}

// SetAnalyser sets the analyser of chroma's lexer; it returns l.
func (l *goLexer) SetAnalyser(f func(string) float32) chroma.Lexer {
	l.Lexer.SetAnalyser(f)
	return l
}
