package webindex

// The files of the export, as the package doc describes them. Their fields
// are in the order encoding/json wrote them when they were maps, so that
// the bytes, and the content hashes in the file names, stay the same.

// entryFile is entry.json, the one file with a fixed name.
type entryFile struct {
	Meta string `json:"meta"` // the meta file's name
	V    int    `json:"v"`    // Version
}

// metaFile names every other file and holds what the client needs first.
type metaFile struct {
	Docs    docsRef             `json:"docs"`
	Fields  []fieldRow          `json:"fields"`
	Filters string              `json:"filters"` // the filter file's name
	N       int                 `json:"n"`       // the number of documents
	Shards  shardsRef           `json:"shards"`
	V       int                 `json:"v"` // Version
	Values  map[string][]string `json:"values"`
	Vocab   string              `json:"vocab"` // the vocabulary file's name
	// Custom are the custom fields of fupan.yaml the reviews have values
	// for, sorted: filter keys besides the built-in ones.
	Custom []string `json:"custom,omitempty"`
}

// fieldRow is a text field: [name, boost, avg(f)].
type fieldRow [3]any

// docsRef names the card fragments: fragment k is dirs[k/group] + k +
// ".json".
type docsRef struct {
	Dirs  []string `json:"dirs"`
	Group int      `json:"group"` // fragments per folder: FragmentsPerFolder
	Per   int      `json:"per"`   // cards per fragment: DocsPerFragment
}

// shardsRef names the term shards and gives the first term of each: the
// files of shard i are dir + names[i] + ".t.json" and ".p.json".
type shardsRef struct {
	Dir   string   `json:"dir"`
	First []string `json:"first"`
	Names []string `json:"names"`
}

// card is a review in a card fragment:
// [id, title, date, severity, services, exceptions, summary].
type card [7]any

// filterFile holds, per filter key, each value's documents as deltas, and
// the dates with their number of documents.
type filterFile struct {
	Dates     [][2]any         `json:"dates"`
	Exception map[string][]int `json:"exception"`
	Service   map[string][]int `json:"service"`
	Severity  map[string][]int `json:"severity"`
	Status    map[string][]int `json:"status"`
	Tag       map[string][]int `json:"tag"`
	// Field is the custom fields' values, "name:value" lower-cased.
	Field map[string][]int `json:"field,omitempty"`
}
