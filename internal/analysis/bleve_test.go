package analysis

import (
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

func TestBleve(t *testing.T) {
	docs := map[string]string{
		"python":  "requests.exceptions.ConnectTimeout raised by cache.get_user_profile()",
		"java":    "java.net.SocketTimeoutException: connect timed out",
		"chinese": "Redis连接超时，证书过期后未告警",
		"pin":     "回滚后锁定版本 redis-py==4.6.0",
		"other":   "The timeout of the connection pool was raised; user profile cached.",
	}
	index := newTestIndex(t, docs)

	match := func(q string) query.Query { return bleve.NewMatchQuery(q) }
	all := func(q string) query.Query {
		m := bleve.NewMatchQuery(q)
		m.SetOperator(query.MatchQueryOperatorAnd)
		return m
	}
	phrase := func(q string) query.Query { return bleve.NewMatchPhraseQuery(q) }
	tests := []struct {
		name  string
		query query.Query
		want  []string // all hits; or, when top is set, the best hit only
		top   bool
	}{
		{"whole identifier", match("ConnectTimeout"), []string{"python"}, true},
		{"dotted identifier", phrase("requests.exceptions.ConnectTimeout"), []string{"python"}, false},
		{"parts as a phrase", phrase("connect timeout"), []string{"python"}, false},
		{"parts not adjacent", phrase("timeout connect"), nil, false},
		{"whole identifier, all terms", all("ConnectTimeout"), []string{"python"}, false},
		{"snake case", match("get_user_profile"), []string{"python"}, true},
		{"snake case parts", phrase("get user profile"), []string{"python"}, false},
		{"pascal case part", all("SocketTimeoutException"), []string{"java"}, false},
		{"han word", match("超时"), []string{"chinese"}, false},
		{"han phrase", phrase("证书过期"), []string{"chinese"}, false},
		{"han phrase absent", phrase("证书超时"), nil, false},
		{"han phrase version", phrase("锁定版本"), []string{"pin"}, false},
		{"compound in a longer whole", phrase("redis-py"), []string{"pin"}, false},
		{"case insensitive", match("REDIS"), []string{"chinese", "pin"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := index.Search(bleve.NewSearchRequest(tc.query))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, hit := range res.Hits {
				got = append(got, hit.ID)
			}
			if tc.top && len(got) > 1 {
				if res.Hits[0].Score == res.Hits[1].Score {
					t.Errorf("hits %q: the best two have the same score", got)
				}
				got = got[:1]
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("hits = %q, want %q", got, tc.want)
			}
		})
	}
}

// newTestIndex returns an in-memory index of docs (id to text) whose field
// "text" uses the analyzer.
func newTestIndex(t *testing.T, docs map[string]string) bleve.Index {
	t.Helper()
	doc := mapping.NewDocumentMapping()
	doc.AddFieldMappingsAt("text", NewFieldMapping())
	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = Name
	m.DefaultField = "text"
	index, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { index.Close() })
	for id, text := range docs {
		if err := index.Index(id, map[string]string{"text": text}); err != nil {
			t.Fatal(err)
		}
	}
	return index
}
