// Package search is the code-aware search of the reviews: a bleve v2 index
// of every review, the query language of "fupan search", and the traceback
// matching of "fupan similar". The static site runs the same search in the
// browser, in JavaScript, on an export of this index, and must rank as
// this package does; so the whole model is specified here.
//
// # Documents and fields
//
// Each review is one document whose id is the review id. Its text fields
// ([Fields], each with a boost) are analysed with the fupan analyzer of
// package analysis (tokens, positions and byte offsets as its doc says);
// lists are joined with "\n" into one string:
//
//	exceptions 5   r.Exceptions(): failure.exceptions and the chain's types
//	title 4, function 4 (failure.function), dependency 4
//	caller 3, config 3, versions 3, tags 3
//	services 2, summary 2, first_look 2 (metric, log, config, and the
//	metric of every verification.watch), contributing_factors 2
//	traceback 1.5 (traceback, or traceback_absent), reproduction 1.5
//	body 1         why_not_caught, catch_next_time, verification.traffic,
//	               edge_inputs (none, empty, long, negative), every
//	               action's do and owner, then the Markdown body
//	               ("\n\n" between)
//
// So every text field of the review format can be found; related ids are
// not text (their words would match every review that links another).
//
// Keyword fields, lower-cased, hold what filters and the sort read: date
// (YYYY-MM-DD), severity, status, service, tag, exception (one value per
// list item), and field, the custom fields of fupan.yaml as name:value
// (incident_id:inc-123, one value per list item); id and path are stored
// for display. A custom field's values are also words of the body field.
//
// # Queries
//
// [Parse] turns a query string into a [Query]: words, phrases and filters.
// An item that mixes CJK text with other text is the words it would be
// with a space where they meet (Redis超时了 → Redis, 超时了), since Chinese
// is typed without spaces around the English in it.
// A word's terms are its primary terms ([WordTerms]): the whole identifier
// (ConnectTimeout → connecttimeout), the pieces of a word broken by quotes
// (status='pending' → status, pending), the bigrams of CJK text (证书过期 →
// 证书, 书过, 过期). A phrase's terms are its finest parts, one per position
// ([PhraseTerms]). The last word, when the string does not end with a space,
// matches its last term as a prefix (ConnectTim → connecttimeout,
// connecttimeouterror, …), if that term is at least 2 bytes long.
//
// A query is at most [MaxQueryBytes] (1,000) bytes and [MaxQueryTerms] (64)
// terms, the terms of its words and phrases; since: and until: take a date
// that exists; and a query must hold a word, a phrase or a filter
// ([ErrEmptyQuery]). Parse says which of these a query breaks, and the
// JavaScript port says it in the same words.
//
// Two more forms of item: "a OR b" joins words and phrases into one unit
// that matches when either does (Word.Alt, Phrase.Alt), and "-word" (a
// hyphen and a letter; -1 stays a word) leaves out every review that holds
// all the word's terms (Word.Not), without scoring.
//
// # Plans
//
// A query is run as a [Plan], which [Index.Plan] makes from the query and
// the index's term dictionary (the browser makes the same plan from the
// export's shards; TestPlanParity compares them). Each word, phrase or OR
// group is a [Unit] whose [Node] is a tree of term, phrase, all (a
// conjunction) and any (a disjunction with a minimum) nodes. A query of
// two or more words and no phrase or OR has one more unit, the last: the
// phrase of its words in a row (the words left out aside; Unit.InARow),
// when it has at most 16 terms and the index holds each,
// so that a run of words typed from a review, or an error message pasted
// without quotes, finds the reviews that hold it as typed first. A word is the
// "all" of its terms, each of which is, in order of preference:
//
//   - the term, when a text field holds it (or, the last typed, a term that
//     begins with it); for a plain word ([analysis.Stemmable], not part of
//     an identifier), any of it and its other forms that the index holds,
//     the terms with the same snowball English stem (throttled, throttle,
//     throttling), each at half boost so that the form typed ranks higher;
//   - its other forms alone, when the index holds only those;
//   - its longest dotted suffix that the index holds and that begins with a
//     letter (java.net.ConnectException → connectexception);
//   - the nearest terms of the vocabulary, within an edit distance of 1 (5
//     to 7 bytes) or 2 (8 or more), when there are: a typo, which Plan.Typos
//     reports ("showing results for …"); see typo.go;
//   - any of the phrase of its parts or, scoring lower, all its parts
//     anywhere (exceptions.ReadTimeout → "exceptions read timeout";
//     celery@5.3.6 → "celery 5 3 6", which celery==5.3.6 holds): Word.Parts.
//
// The CJK bigrams of a word are one "any" node that needs two thirds of
// them (rounded up) when there are three or more, so that
// 连接池耗尽导致下单失败, whose pairs across word boundaries (尽导, 致下)
// appear nowhere, still finds the review; more pairs matched score higher.
// A real segmenter would need a dictionary in the browser, as large as
// the rest of the client, and one identical to Go's; two thirds of the
// bigrams keeps both sides the same algorithm.
//
// The nodes are matched as the bleve queries:
//
//	term(t)         = Disjunction over the text fields f of Term(f, t)^(boost(f)·b),
//	                  or Prefix(f, t); b is Node.Boost (1 when 0)
//	phrase          = Disjunction over f of Phrase(f, terms)^boost(f)
//	all             = Conjunction of the kids (the kid alone when one)
//	any             = Disjunction of the kids, min Node.Min
//	query           = Disjunction of the units, min 1
//
// Filters do not score: they drop reviews (bleve's CustomFilterQuery).
// Filters with one key are alternatives, different keys must all hold;
// service and tag match one item, whole, with any spelling of the gaps
// between its words (service:stack-exchange or stack_exchange for "Stack
// Exchange", as a value without spaces can say it), severity and status the value,
// a custom field's name (ParseCustom, with the names the index holds
// values for, [Index.CustomKeys]) one of its name:value items exactly,
// exception an item equal to the value or ending in "." + value, since and
// until compare the date with a YYYY, YYYY-MM or YYYY-MM-DD prefix. A query
// of filters only lists every review kept, newest first, each with score 1.
//
// # Ranking
//
// Hits are sorted by four keys, in order:
//
//  1. coverage: the number of units the review matches, more first (so a
//     pasted log line ranks the review that holds all its words above one
//     that only raised one of them);
//  2. raised: the review raised what a unit names: a word of one term (as
//     the plan resolved it) or a phrase (its terms written together, "read
//     timeout" names ReadTimeout) equal to the whole name of one of its
//     exceptions or a dotted suffix of it ([RaisedNames], the keyword field
//     raised), the last typed word as a prefix of one. timeout, a part
//     inside SocketTimeoutException, names nothing: Unit.Names;
//  3. score, descending (below);
//  4. date descending, then id ascending.
//
// A hit's AllWords (all units matched, the words in a row aside: a
// review that holds them in a row holds each) and Raised report keys 1
// and 2.
// They are tiers, not score. The Go side runs one bleve search per tier (n
// units matched and raised, n matched, n-1 and raised, …, 1), each over
// the reviews not found by the tiers before it, until the limit is
// reached; the reviews raised are found first, by a search of the raised
// field, and kept by a filter that does not change scores. A port that
// scores every review once sorts by the four keys and gets the same order.
//
// The score is bleve's BM25 (the index mapping's ScoringModel "bm25";
// bleve v2.6.3, search/scorer/scorer_term.go and the searchers). For one
// term t in field f of a document d:
//
//	N      = the number of documents in the index
//	df     = the number of documents with t in f
//	freq   = how many times t occurs in f of d
//	len    = the number of tokens of f in d (every token of the analyzer,
//	         wholes, segments and parts alike)
//	norm   = float32(1/sqrt(len))  (rounded to float32, as zap stores it)
//	L      = 1/(norm*norm)          (in float64: len, give or take a float32 ulp)
//	avg(f) = ceil(C(f)/N), where C(f) is bleve's FieldCardinality: the
//	         sum over the index's segments of the size of each segment's
//	         dictionary of f, which is the number of distinct terms of f
//	         when the index is one segment (not the mean length!)
//	idf    = ln(1 + (N - df + 0.5)/(df + 0.5))
//	tf     = sqrt(freq)
//	k1 = 1.2, b = 0.75
//	bm25   = idf * tf*k1 / (tf + k1*(1 - b + b*L/avg(f)))
//	leaf(f, t, d) = bm25 * boost(f) * idf * qnorm
//
// (So idf counts twice: once in bm25, once in bleve's query weight.)
// qnorm is one number for the whole query: 1/sqrt(Σ (boost·idf)²) over
// every leaf term searcher of the query, one per (field, term) of every
// unit, including terms that no document holds (df = 0) and, for a prefix,
// one per term of the field's dictionary that begins with it (or the
// prefix itself when none does). A leaf of a single-leaf query scores bm25.
//
// Composites, as in bleve:
//
//	Disjunction: Σ of the scores of the children that match × (matched/children)
//	Conjunction: Σ of the scores of the children (all match)
//	Phrase:      the Conjunction of its term leaves in that field, kept only
//	             when the terms occur at consecutive positions; tf is the
//	             term's whole frequency in the field, not the phrase's
//	Prefix(f,p): a Disjunction of Term(f, e) over the field's terms e that
//	             begin with p (so a coord of matched/expansions), or
//	             Term(f, p) when p is the only such term or there are none
//
// A field that no review has any term in (C(f) = 0) makes bleve fall back
// to TF-IDF for its leaves: idf = 1 + ln(N/(df+1)) in their query weight,
// which still counts in qnorm (they match nothing).
//
// So a term unit scores (m/F)·Σ leaf over the m fields of F = 14 that hold
// the term, and the query (k/n)·Σ unit over the k units of n that match; in
// the groups of all words k = n. All of this can be computed from, per field, the
// term dictionary and postings term → [doc, freq, len] (with positions for
// phrases), N and avg(f): what the export for the browser holds, and what
// [Index.Terms], [Index.Postings] and [Index.Stats] return.
// TestReferenceScore recomputes the ranking this way from them for a set
// of queries and requires the order, AllWords, Raised and scores (to 1e-6
// relative) of [Index.Search]. Scores are
// float64; computed in the same order they agree to the last bit, and two
// hits with equal scores are ordered by date and id.
//
// # Similar
//
// [Index.Similar] ranks by a traceback: one unit per exception type of the
// chain, of the final exception and the 9 printed nearest it at most (its
// whole name or its class name, in exceptions, traceback, summary and
// title), per frame function of theirs (its last name, in function,
// traceback and caller) and file (its path, in traceback), innermost frame
// first, at most 20 frames, and per word of the final message (3 bytes or
// more, no digits, at most 12, in traceback, summary, title and body); the
// query is a Disjunction of the units, min 1. The hits come in two groups:
// first the reviews that raised one of the traceback's exceptions (its
// whole name or class name, a phrase of its first 16 terms for a Go panic
// value, in the exceptions field), then the others; within each, by score, date and id,
// as for Search. Someone who pastes a ReadTimeout wants the incidents that
// raised ReadTimeout, before those that only share words of its message.
// A hit's Reasons name the units whose terms occur in its matches.
//
// # The index on disk
//
// [Open] keeps the index in a state folder (.fupan/search of the repository,
// which "fupan search" creates with a .gitignore of "*" in .fupan):
//
//	manifest      "fupan search manifest v<Version>", then a line per file
//	              of the index (slash path under index.bleve, size, mtime),
//	              a summary of the reviews (the number of documents, the
//	              content key of the review files, the CRC-32C of the
//	              lines that follow) and a line per review file (id, path,
//	              SHA-256, 1 if it is a document of the index),
//	              tab-separated
//	index.bleve/  the bleve index (scorch)
//
// and beside it the lock file .fupan/search.lock, the fresh stamp
// .fupan/search.fresh (below), and the stat cache that every command
// shares (Options.StatCache, .fupan/stat).
//
// What changed is decided once for every command, by review.Scan and
// review.Diff: on Open, the review files are listed and stat'ed; a file
// whose size and mtime are those of the stat cache is not read, one whose
// mtime changed is hashed, and re-indexed only if its hash is not the
// manifest's; added, changed and
// deleted reviews are decoded in parallel (review.Decode, each file on its
// own, without the checks; a rebuild reads each file as it decodes it, an
// update reads them all first, so that one it cannot read leaves the index
// as it was) and applied in bleve batches of 100, one at a
// time, merged into one segment when there were several (a rebuild lets
// scorch merge them ten at a time, in tiers, while they come, so that
// its cost grows with n log n, not n²); then the index is
// closed and the manifest rewritten (atomically) with the files of the
// index as closed.
// The index is searched read-only, which opens faster and starts no merger;
// when nothing changed, no review is parsed.
//
// A run that finds nothing changed (most runs) does little more than stat
// each review file. The stat cache is read while the review folders are
// listed, and their entries are stat'ed on every core; the index is opened
// meanwhile (lock, manifest, read-only open), and kept when the content
// key of the files scanned, the SHA-256 of their sorted paths and content
// hashes, is the manifest's: equal keys are equal sets of (path, hash),
// for which review.Diff finds no change, so the manifest's review lines
// are not even parsed. Otherwise that index is closed and the run goes as
// above. Every file is still stat'ed: an edit in place changes the file's
// size or time, never its folder's. A summary whose CRC is not that of the
// review lines is ignored, and the lines are read.
//
// Such a run, with a stat cache, writes a fresh stamp: the stat key of the
// files (review.Listing.StatKey, the SHA-256 of their paths, sizes and
// mtimes) and their content key. A later run whose files have that stat
// key takes their content key from it, reads neither the stat cache nor
// any hash, and keeps the index opened early when its manifest has that
// key; it trusts sizes and mtimes no more than the stat cache does. A
// stamp that is missing, not whole or of other stats changes nothing: the
// run goes as above.
//
// A caller that listed and scanned the review files itself a moment
// before (fupan build, for its key) hands them to Open
// (Options.Listing): Open takes their states, hashes included, and
// neither stats a file again nor reads the stat cache.
//
// The folder is a cache, never trusted blindly. Before bleve opens the
// index, every file the manifest lists must be there with its size and
// mtime: a bolt file cut short makes bbolt panic or fault (SIGBUS), and a
// missing segment makes scorch open an empty index. A panic of the storage
// layer while opening is recovered (with faults made panics), and the
// index must hold as many documents as the manifest says. An index that
// fails any of these is damaged; one whose manifest names another
// [Version] is of another version: either is rebuilt, with a note.
//
// Processes share the folder through an OS file lock (flock, through
// github.com/gofrs/flock; a process that dies lets go of it): a search
// holds it shared, and a process that writes holds it exclusive, each
// until Close. A rebuild builds into a new folder beside the old one
// (.fupan/search.tmp-*) and renames it into place; an update is made in
// place, without the manifest until it is done, so that one cut short is
// seen as damage. When the folder cannot be used (it cannot be written,
// the disk is full), Open builds the index in memory, with a note. With no
// folder (the embedded examples) the index is built in memory, with scorch
// too (bleve.NewMemOnly's upsidedown has no field cardinality and would
// score with TF-IDF).
//
// Segments: an index updated many times has several segments until
// scorch's merger joins them, and then C(f) counts a term once per segment
// that holds it (deleted reviews' terms too, until merged), so scores shift
// slightly; an export reads avg(f) from [Index.Stats] rather than
// recounting.
package search
