// Package webindex exports the search index (package search, bleve) into
// static files for the site, so that the browser can search without a
// server, as Pagefind does: a query loads only the few small files of its
// terms and of the reviews it shows. The search client, the JavaScript
// modules in client/, reads them and ranks as [search.Index.Search] does
// (the scoring is specified in package search's doc), and similar.js as
// [search.Index.Similar]; the tests of this package run both in Chromium
// and require the same hits in the same order, and the client's
// tokenizer, query parser and traceback parser give what Go's do.
//
// The client is kept here, with the code that writes its format, and not
// in the theme: [Client] returns it, with format.js, a module made from
// [Dir] and [Version] (export const indexDir, version), and internal/site
// writes it to [ClientDir] (assets/search/) after the theme's static
// files, so that a theme's file of the same name never replaces it. The
// theme's search interface, assets/search/ui.js, imports it from there
// (./search.js, and ./format.js for the index's folder).
//
// [Write] adds the files to the site's output under [Dir] (search/index/).
// Every file but entry.json is named for its own content, by the first 12
// hex digits of a SHA-256 (a shard's two files by that of both), or is in
// a folder so named (the card fragments, [FragmentsPerFolder] to a
// folder, so that meta lists a few folders, not every fragment); so all
// can be cached for ever, and a shard whose content did not change keeps
// its name from one export to the next. entry.json, the only name that
// does not change, is a few bytes. All files are JSON (UTF-8), compact
// and repetitive, so that gzip, which every static host applies, shrinks
// them well.
//
// [WriteCached] writes the same files, and keeps in a cache folder (for
// fupan build, .fupan/search-export) a head, with a sum of each
// document: of what the index says it was indexed from, its file's path
// and content hash (search.Export.Sources), by this fupan, or when the
// index does not say, of its indexed text (search.DocSum); and, per
// shard, the SHA-256 of its files, a sum of its terms with their counts
// and a bit per document that holds one of them; and a record per shard
// with its terms' entries and the documents they were made of, in pack
// files (each record's place and sum in the head). The next export, when
// the documents are numbered as before, keeps whole, without reading it, a
// shard that no document whose sum changed holds a term of and whose
// terms the index's dictionary counts as the head says; of the other
// shards it reads the records, and from the index only the terms that a
// changed document holds or held (it held them when the record says so,
// it holds them now when a field's count in the dictionary passes the
// record's), copying the other entries: after one edited review, a few
// hundred terms of tens of thousands, and the shards that hold them. An
// edit writes only the records of the shards it changed, into one pack
// (and the records of a pack less than half in use, which then goes).
// A review added, removed or moved in date order renumbers the
// documents, and the export reads every term. A head or record damaged, a pack missing or of
// another size than the head says, or a cache of another version, is
// not trusted: the export reads every term. [ExportCached] is
// WriteCached that gives the files of the shards it kept by their SHA-256
// only, for a site that has them from the last build (internal/site's
// Target.ExtraSame), and makes their bytes from the cache when asked
// ([Output.Load]).
//
// # Documents
//
// Documents are numbered 0 … N−1 in the order of the ranking's tie-break:
// date descending, then id ascending. So two hits of equal score are
// ordered by their numbers, and a filters-only query lists the numbers in
// ascending order.
//
// # Files
//
// entry.json:
//
//	{"v": 2, "meta": "meta.<hash>.json"}
//
// meta.<hash>.json:
//
//	{
//	  "v": 2,                  // Version
//	  "n": N,                  // documents in the index
//	  "fields": [[name, boost, avg], …],  // search.Fields in order
//	  "shards": {"dir": "s/", "first": [first, …], "names": [name, …]},
//	  "docs": {"dirs": ["d.<hash>/", …], "group": FragmentsPerFolder,
//	           "per": DocsPerFragment},
//	  "filters": "f.<hash>.json",
//	  "values": {"severity": […], "service": […], "exception": […], "year": […]},
//	  "custom": [name, …]     // custom fields with values; absent when none
//	}
//
// avg is bleve's average field length, ceil(FieldCardinality/N), or 0 when
// the index holds no review: a field with avg 0 is scored with
// TF-IDF instead of BM25 (tf·norm·idf, idf = 1 + ln(N/(df+1))), and so does
// the client. values are what the filter controls offer: the values of the
// filter file's lists, sorted, and the years, newest first.
//
// The term dictionary of every text field is merged, sorted by bytes
// (code points) and cut into shards of ShardBytes/2 to 2·[ShardBytes]:
// before a term, a shard of at least half is cut when a hash of the term
// picks it (one in 8), and one of twice always, and any before a term
// whose entry is ShardBytes or more; so the cuts depend on the terms
// around them only, and a change in one shard moves no other's.
// Shard i holds the terms t with first[i] ≤ t < first[i+1] (first[0] is
// ""). A term is
// looked up in the one shard whose range holds it; the terms that begin
// with a prefix p are in that shard of p and the following shards whose
// first term begins with p.
//
// Shard i is two files in the shards folder, named for their content
// (names[i]). The terms file, names[i].t.json, is an object from term to
// its postings in each field that holds it:
//
//	{"connecttimeout": [f, [d, q, l, d, q, l, …], f, […], …], …}
//
// f is the field's index in meta's fields; then per document, in ascending
// order, d the document number minus the previous one's in this list (the
// first is absolute), q the term's frequency in the field, l the field's
// length in tokens (bleve keeps float32(1/sqrt(l)); the client recomputes
// that norm with Math.fround). The number of documents is the term's df.
// f equal to the number of meta's fields is the raised field, not scored:
// the documents that raised an exception whose whole name or dotted suffix
// is the term (search.RaisedNames), each with q and l 1; a term that only
// this field holds is in no text field, so it matches no query.
//
// The positions file, names[i].p.json, has the same keys and lists, in
// the same order, each posting's q positions, ascending and each minus the
// previous one (the first absolute):
//
//	{"connecttimeout": [f, [p, p, …], …], …}
//
// It is loaded only for a query with a phrase, or of two or more words
// (whose plan holds them in a row as a phrase too).
//
// Metadata fragment k, k.json in the card folder dirs[⌊k/group⌋], is an
// array of the documents k·per … k·per+per−1, each
//
//	[id, title, date, severity, [service, …], [exception, …], summary]
//
// as the review gives them (not lower-cased), for the result cards.
//
// The vocabulary file, v.<hash>.json (meta's "vocab"), is the sorted
// array of the terms that a typo is looked up in (search.InVocabulary,
// internal/search/typo.go); the client loads it only for a query that has
// a term no review holds.
//
// The filter file, f.<hash>.json, gives for each keyword field the
// documents of each value, lower-cased as the index holds them, as
// ascending delta-encoded lists, and the dates as runs (documents are in
// date order):
//
//	{"severity": {"sev1": [d, …]}, "status": {…}, "service": {…},
//	 "tag": {…}, "exception": {…}, "dates": [["2026-09-02", count], …],
//	 "field": {"incident_id:inc-123": [d, …]}}
//
// field, absent when no review has a custom field, holds the custom
// fields' values as name:value; a query's name:value filter, for a name in
// meta's custom, keeps the documents of that entry (search.ParseCustom).
//
// It is loaded when a query has a filter.
//
// # Not exported
//
// The stored text of the fields (snippets are cut from the summary of the
// card and highlighted by the client's tokenizer), and the traceback
// features of "fupan similar", which the browser derives from the pasted
// text.
package webindex
