package search

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/fupan/fupan/internal/gen"
)

// queryAtLimits is a query of MaxQueryTerms terms, each a word, in close
// to MaxQueryBytes: identifiers and words of the example reviews.
func queryAtLimits() string {
	words := strings.Fields(`requests.exceptions.ConnectTimeout redis.exceptions.TimeoutError timeout
		get_user_profile max.poll.interval.ms settings.CACHE_TIMEOUT kafka psycopg2.OperationalError
		java.net.SocketTimeoutException connection pool exhausted CommitFailedError cert expired
		redis lag dns retry`)
	var b []string
	for i := range MaxQueryTerms {
		b = append(b, words[i%len(words)])
	}
	return strings.Join(b, " ")
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, query, want string
		empty             bool // errors.Is(err, ErrEmptyQuery)
	}{
		{name: "too long", query: strings.Repeat("timeout ", 15000),
			want: "query is 120,000 bytes; the limit is 1,000: search for the most distinctive words"},
		{name: "one byte too long", query: strings.Repeat("x", MaxQueryBytes+1),
			want: "query is 1,001 bytes; the limit is 1,000: search for the most distinctive words"},
		{name: "too long, in spaces", query: strings.Repeat(" ", 100_000),
			want: "query is 100,000 bytes; the limit is 1,000: search for the most distinctive words"},
		{name: "too many words", query: strings.Repeat("a1 ", MaxQueryTerms+1),
			want: `query has 65 terms; the limit is 64: search for the most distinctive words (a term is a word, a part of a "phrase", or two CJK characters)`},
		{name: "too many CJK bigrams", query: cjk(80),
			want: `query has 79 terms; the limit is 64: search for the most distinctive words (a term is a word, a part of a "phrase", or two CJK characters)`},
		{name: "too many phrase parts", query: `"` + strings.Repeat("connect timeout ", 40) + `"`,
			want: `query has 80 terms; the limit is 64: search for the most distinctive words (a term is a word, a part of a "phrase", or two CJK characters)`},
		{name: "empty", query: "", empty: true,
			want: `empty query: give a word, a "phrase" or a filter such as service:order-api`},
		{name: "spaces", query: " \t\u3000 ", empty: true,
			want: `empty query: give a word, a "phrase" or a filter such as service:order-api`},
		{name: "emoji only", query: " 🔥🔥 ", empty: true,
			want: `no searchable words in "🔥🔥": punctuation, symbols and words over 64 bytes are not indexed; give a word, a "phrase" or a filter such as service:order-api`},
		{name: "a word too long to index", query: strings.Repeat("x", 65), empty: true,
			want: `no searchable words in "` + strings.Repeat("x", 65) + `": punctuation, symbols and words over 64 bytes are not indexed; give a word, a "phrase" or a filter such as service:order-api`},
		{name: "punctuation and an empty phrase", query: `-- "" ?`, empty: true,
			want: `no searchable words in "-- "" ?": punctuation, symbols and words over 64 bytes are not indexed; give a word, a "phrase" or a filter such as service:order-api`},
		{name: "not a date", query: "since:yesterday",
			want: "since:yesterday: want a date, YYYY-MM-DD (or YYYY-MM, YYYY)"},
		{name: "no month 13", query: "timeout since:2025-13-45",
			want: "since:2025-13-45: there is no month 13: want a date, YYYY-MM-DD (or YYYY-MM, YYYY)"},
		{name: "no month 00", query: "UNTIL:2025-00",
			want: "until:2025-00: there is no month 00: want a date, YYYY-MM-DD (or YYYY-MM, YYYY)"},
		{name: "no day 30 in February", query: "until:2025-02-30",
			want: "until:2025-02-30: 2025-02 has 28 days: want a date, YYYY-MM-DD (or YYYY-MM, YYYY)"},
		{name: "no day 29 in February 2100", query: "until:2100-02-29",
			want: "until:2100-02-29: 2100-02 has 28 days: want a date, YYYY-MM-DD (or YYYY-MM, YYYY)"},
		{name: "no day 00", query: "since:2024-04-00",
			want: "since:2024-04-00: 2024-04 has 30 days: want a date, YYYY-MM-DD (or YYYY-MM, YYYY)"},
		{name: "no day 31 in April", query: "since:2024-04-31",
			want: "since:2024-04-31: 2024-04 has 30 days: want a date, YYYY-MM-DD (or YYYY-MM, YYYY)"},
		{name: "a date with a time", query: "since:2025-01-01T00:00",
			want: "since:2025-01-01T00:00: want a date, YYYY-MM-DD (or YYYY-MM, YYYY)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.query)
			if err == nil {
				t.Fatalf("Parse: no error, want %q", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("Parse:\n got %s\nwant %s", err, tt.want)
			}
			if got := errors.Is(err, ErrEmptyQuery); got != tt.empty {
				t.Errorf("errors.Is(err, ErrEmptyQuery) = %v, want %v", got, tt.empty)
			}
		})
	}
}

// cjk returns n different CJK ideographs: a run of n-1 different bigrams.
func cjk(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteRune(rune(0x4e00 + 7*i))
	}
	return b.String()
}

// Queries at the limits, and valid dates, are accepted.
func TestParseWithinLimits(t *testing.T) {
	for _, q := range []string{
		queryAtLimits(),
		strings.Repeat("requests.exceptions.ConnectTimeout ", 28) + strings.Repeat("é", 10), // 1,000 bytes
		cjk(65), // 64 bigrams
		"since:2024-02-29 until:2000-02-29", "since:2025-12-31", "since:2025-01", "until:2025", "since:0000-02-29",
		"🔥 timeout", "service:order-api",
	} {
		if _, err := Parse(q); err != nil {
			t.Errorf("Parse(%.40q…): %v", q, err)
		}
	}
}

// TestParseRejectsOversizeFirst: a query over MaxQueryBytes is refused
// before any of it is read, so its size costs nothing: the same few
// allocations (the message) for 2 kB as for 10 MB.
func TestParseRejectsOversizeFirst(t *testing.T) {
	for _, n := range []int{2 * MaxQueryBytes, 10 << 20} {
		q := strings.Repeat("证书 timeout ", n/len("证书 timeout ")+1)
		allocs := testing.AllocsPerRun(10, func() {
			if _, err := Parse(q); err == nil {
				t.Fatal("no error")
			}
		})
		if allocs > 10 {
			t.Errorf("Parse of %d bytes: %v allocations, want a few for the message", len(q), allocs)
		}
	}
}

// TestSearchMaxQuery runs a query at both limits, with a prefix, on the
// examples: it is accepted and finds reviews.
func TestSearchMaxQuery(t *testing.T) {
	ix := examples(t)
	at := queryAtLimits()
	q := at[:strings.LastIndexByte(at, ' ')] + " ConnectTim"
	if p, err := Parse(q); err != nil || p.terms() != MaxQueryTerms || len(q) < MaxQueryBytes*3/4 {
		t.Fatalf("the test query is %d bytes, %d terms (%v)", len(q), p.terms(), err)
	}
	hits, err := ix.Search(context.Background(), q, 10)
	if err != nil || len(hits) == 0 {
		t.Fatalf("Search: %d hits, %v", len(hits), err)
	}
}

// FuzzParse: Parse never panics, and what it accepts is within the limits.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`requests.exceptions.ConnectTimeout status='pending' "connect timeout" service:order-api 证书过期 ConnectTim`,
		"since:2025-02-29", "🔥", `"`, "since:", "x:y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			return
		}
		if len(s) > MaxQueryBytes || q.terms() > MaxQueryTerms {
			t.Errorf("Parse accepted %d bytes, %d terms", len(s), q.terms())
		}
		if len(q.Words)+len(q.Phrases)+len(q.Filters) == 0 {
			t.Errorf("Parse(%q) accepted an empty query", s)
		}
	})
}

// BenchmarkSearchMaxQuery is a search of 2,000 generated reviews with a
// query at both limits, the slowest a query can be.
func BenchmarkSearchMaxQuery(b *testing.B) {
	ix, err := Open(context.Background(), gen.MapFS(gen.Options{N: 2000, Seed: 1}), Options{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	q := queryAtLimits()
	for b.Loop() {
		if _, err := ix.Search(context.Background(), q, 10); err != nil {
			b.Fatal(err)
		}
	}
}

// TestParseMixedScripts: an item that mixes CJK text with other text is
// read as the words it would be with a space where the scripts meet, as
// Chinese is typed; other items stay whole.
func TestParseMixedScripts(t *testing.T) {
	tests := []struct {
		name, query string
		words       []string // the words' texts
	}{
		{"English then Chinese", "Redis超时了", []string{"Redis", "超时了"}},
		{"Chinese then an exception", "证书过期SSLError", []string{"证书过期", "SSLError"}},
		{"identifier then Chinese", "auth-service证书过期", []string{"auth-service", "证书过期"}},
		{"Chinese around a name", "连接redis超时", []string{"连接", "redis", "超时"}},
		{"brackets", "「连接超时」", []string{"连接超时"}},
		{"Chinese only", "证书过期导致登录失败", []string{"证书过期导致登录失败"}},
		{"code only", "requests.exceptions.ConnectTimeout", []string{"requests.exceptions.ConnectTimeout"}},
		{"Japanese", "タイムアウトerror", []string{"タイムアウト", "error"}},
		{"a left-out word stays whole", "timeout -redis超时", []string{"timeout", "-redis超时"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := Parse(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range q.Words {
				got = append(got, w.Text)
			}
			if !slices.Equal(got, tt.words) {
				t.Errorf("Parse(%q) words %q, want %q", tt.query, got, tt.words)
			}
		})
	}
	// The last piece is the one typed last: it is the prefix.
	q, err := Parse("Redis超时")
	if err != nil || len(q.Words) != 2 || q.Words[0].Prefix || !q.Words[1].Prefix {
		t.Errorf("Parse(%q) = %+v, %v: want the prefix on 超时 only", "Redis超时", q.Words, err)
	}
}

// BenchmarkSearchWords is a search of 2,000 generated reviews with queries
// of several words as people type them: a run of words, and an error
// message pasted without quotes (each also matched as words in a row).
func BenchmarkSearchWords(b *testing.B) {
	ix, err := Open(context.Background(), gen.MapFS(gen.Options{N: 2000, Seed: 1}), Options{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	queries := []string{
		"connection pool exhausted after the deploy",
		"requests.exceptions.ConnectTimeout: HTTPSConnectionPool(host='stock.internal', port=443): Max retries exceeded",
	}
	for b.Loop() {
		for _, q := range queries {
			if _, err := ix.Search(context.Background(), q, 10); err != nil {
				b.Fatal(err)
			}
		}
	}
}
