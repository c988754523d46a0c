package search

import (
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/fupan/fupan/internal/analysis"
)

// A Field is a text field of the index and its boost.
type Field struct {
	Name  string
	Boost float64
}

// Fields are the text fields that plain words and phrases are looked up
// in, with their boosts, in the order queries list them. A match in a field
// with a higher boost outranks one in a field with a lower boost.
var Fields = []Field{
	{"exceptions", 5},
	{"title", 4},
	{"function", 4},
	{"dependency", 4},
	{"caller", 3},
	{"config", 3},
	{"versions", 3},
	{"tags", 3},
	{"services", 2},
	{"summary", 2},
	{"first_look", 2},
	{"contributing_factors", 2},
	{"traceback", 1.5},
	{"reproduction", 1.5},
	{"body", 1},
}

// boost returns the boost of a text field, or 1.
func boost(field string) float64 {
	for _, f := range Fields {
		if f.Name == field {
			return f.Boost
		}
	}
	return 1
}

// Keyword fields: stored for display, with doc values for the filters and
// the sort. Their values are lower-cased, except path and id.
const (
	fieldID        = "id"
	fieldPath      = "path"
	fieldDate      = "date"
	fieldSeverity  = "severity"
	fieldStatus    = "status"
	fieldService   = "service"
	fieldTag       = "tag"
	fieldException = "exception"
	// fieldRaised holds RaisedNames of the review's exceptions, for the
	// "raised" tier; it is neither stored nor scored.
	fieldRaised = "raised"
	// fieldCustom holds the custom fields of fupan.yaml, one value per
	// item: "name:value", lower-cased ("incident_id:inc-123").
	fieldCustom = "field"
)

// newMapping returns the index mapping: BM25 scoring, the fupan analyzer
// on every text field, and keyword fields for filters and display.
func newMapping() *mapping.IndexMappingImpl {
	doc := mapping.NewDocumentStaticMapping()
	for _, f := range Fields {
		fm := analysis.NewFieldMapping()
		fm.Store = true // the snippets are cut from the stored text
		fm.IncludeInAll = false
		fm.DocValues = false
		doc.AddFieldMappingsAt(f.Name, fm)
	}
	for _, name := range []string{fieldID, fieldPath, fieldDate, fieldSeverity, fieldStatus, fieldService, fieldTag, fieldException, fieldCustom} {
		doc.AddFieldMappingsAt(name, keywordField(true))
	}
	// raised is only searched: neither shown nor sorted by.
	doc.AddFieldMappingsAt(fieldRaised, keywordField(false))
	m := mapping.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analysis.Name
	m.ScoringModel = index.BM25Scoring
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}

// keywordField is the mapping of a keyword field: the whole value is one
// term, outside the composite "_all" field and without term vectors;
// shown, when it is stored and has doc values (for display, sorting and
// faceting).
func keywordField(shown bool) *mapping.FieldMapping {
	fm := mapping.NewKeywordFieldMapping()
	fm.Store = shown
	fm.IncludeInAll = false
	fm.IncludeTermVectors = false
	fm.DocValues = shown
	return fm
}
