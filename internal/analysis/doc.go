// Package analysis turns the text of a review into search tokens: whole code
// identifiers and their parts, lower-cased words, and bigrams of Chinese,
// Japanese and Korean text. The same algorithm runs in the browser, in a
// JavaScript port, so it is specified here completely; [Tokens] is the
// reference implementation, and testdata/tokens.json (written by
// "go test -run TestGolden -update") is the fixture both must reproduce.
//
// For bleve, importing the package registers a tokenizer and an analyzer,
// both named [Name] ("fupan"); [NewFieldMapping] returns a text field mapping
// that uses them.
//
// # Examples
//
//	requests.exceptions.ConnectTimeout  1 requests.exceptions.connecttimeout, 1 requests,
//	                                    2 exceptions, 3 connecttimeout, 3 connect, 4 timeout
//	settings.CACHE_TIMEOUT              1 settings.cache_timeout, 1 settings,
//	                                    2 cache_timeout, 2 cache, 3 timeout
//	HTTPError p50                       1 httperror, 1 http, 2 error, 3 p50, 3 p, 4 50
//	status='pending'                    1 status, 2 pending
//	Redis超时了                          1 redis, 2 超时, 3 时了
//
// # The algorithm
//
// Step 1, characters. The input is UTF-8 and is read as a sequence of code
// points; an invalid byte is read as U+FFFD (one byte long). Offsets count
// UTF-8 bytes of the input.
//
// Step 2, classes. Each code point gets the first class whose rule it meets:
//
//  1. CJK: Script (the Script property, not Script_Extensions) is Han,
//     Hiragana, Katakana or Hangul, or the code point is U+30FC or U+FF70
//     (the prolonged sound marks ー and ｰ, which Unicode puts in Common).
//  2. Joiner: one of the twelve ASCII characters . - : / = @ # ? & % + ~
//  3. Separator: a variation selector, U+FE00–U+FE0F or U+E0100–U+E01EF.
//  4. Start: General_Category L (any letter) or N (any number), or "_".
//  5. Mark: General_Category M (Mn, Mc, Me).
//  6. Separator: everything else (spaces, other punctuation, symbols,
//     emoji, format and control characters, unassigned code points).
//
// The Unicode tables are those of Go's unicode package (Unicode 15.0.0 in Go
// 1.26). In JavaScript the rules are the regular expressions
// /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC\uFF70]/u,
// /[\p{L}\p{N}_]/u and /\p{M}/u; code points assigned or re-categorised after
// Unicode 15.0 may be classed differently.
//
// Step 3, scanning. The text is scanned from the start; a position counter
// pos starts at 1. At a CJK code point a CJK run begins (step 4); at a Start
// code point a word begins (steps 5 and 6); any other code point is skipped.
// A word is the longest string that begins with a Start code point and
// consists of Start and Mark code points, and of runs of Joiners each of
// which is immediately followed by a Start code point. So a word begins and
// ends with a Start or Mark code point: "redis://prod-cache:6379" is one
// word, "done." ends before the full stop, and "--verbose" begins after
// the hyphens.
//
// Step 4, CJK runs. A CJK run is a longest run of CJK code points. A run of
// one code point gives one token, that code point, at pos, and pos grows by
// 1. A run of n ≥ 2 code points gives n−1 tokens: for i = 0 … n−2, the
// bigram of code points i and i+1 at pos+i; then pos grows by n−1. So
// 证书过期 gives 证书 书过 过期 at pos, pos+1, pos+2, and a query for 证书过期
// analysed the same way is a phrase of those three bigrams. A run ends at
// any other code point: Redis超时 is a word and a run, 超时，重试 two runs.
//
// Step 5, segments and parts. A word's segments are its longest substrings
// without Joiners (each begins with a Start code point that is not a Mark).
// A segment is divided into clusters: each code point that is not a Mark
// begins a cluster, and a Mark joins the cluster before it. A cluster's kind
// is that of its first code point: underscore ("_"), upper (Lu or Lt),
// lower (Ll), digit (N), other (Lm or Lo). A segment's parts are its
// longest runs of clusters that are not underscores, further split between
// two adjacent clusters a and b when
//
//  1. exactly one of a and b is a digit (p|50, 5|xx, 2|4s → 4|s),
//  2. a is lower and b is upper (connect|Timeout), or
//  3. a and b are upper and the cluster after b is lower (HTTP|Error).
//
// Step 6, tokens and positions. Number the word's parts 0 … k−1, across its
// segments in text order. If k = 0 (the word is only underscores and
// Joiners) it gives no token and pos stays. Otherwise the candidate tokens
// are, in this order: the word at pos; then for each segment that has parts,
// the segment at the position of its first part, followed by its parts,
// part j at pos+j. A candidate whose term and position equal those of the
// candidate just before it is skipped (get_user_profile is one segment, so
// it is emitted once; "settings" is a segment and its only part). Then pos
// grows by k. So the whole word and its first part share a position, and
// the next word follows the last part: phrase queries work on parts
// ("connect timeout" finds ConnectTimeout) and on wholes.
//
// Step 7, terms. A token's Start and End are the byte offsets of its span in
// the input (for the word, segment, part, or one or two CJK code points).
// Its term is that span lower-cased code point by code point with the simple
// lowercase mapping of UnicodeData.txt (Go's unicode.ToLower): no special
// casing, so İ (U+0130) becomes "i" and Σ always "σ". In JavaScript that is
// String.fromCodePoint(c).toLowerCase() for each code point, except U+0130,
// which must give "i" (never toLowerCase() on the whole span, which applies
// the final-sigma rule). A token whose term is longer than [MaxTermBytes]
// UTF-8 bytes is dropped; it keeps its position, so nothing else moves.
// Tokens are returned in the order they are produced; their positions never
// decrease.
//
// # Byte offsets in JavaScript
//
// Offsets are UTF-8 byte offsets, which bleve needs for highlighting, and
// the parity test compares them: the JavaScript port must produce the same
// term, start, end and position for every token of every text in
// testdata/tokens.json. It counts, for each code point c of the string,
// 1 byte if c < 0x80, 2 if c < 0x800, 3 if c < 0x10000, else 4 (a lone
// surrogate, which valid UTF-8 cannot hold, counts 3 like the U+FFFD that
// TextEncoder writes for it). A port that highlights in the browser keeps
// the UTF-16 index beside the byte offset as it scans.
//
// # Decisions
//
// No stemming in the tokens. Code terms must match exactly (a stemmer
// turns "timeouts" and "timeout" into one term but also "settings" into
// "set"), so the index holds the words as written. The search layer finds
// the other endings of a plain word ([Stemmable]) at query time: the terms
// of the index with the same [Stem] (Snowball's English, as bleve ships
// it), which client/stem.js in internal/webindex reproduces exactly
// (TestStemParity there runs it on every word of the example reviews and
// the public postmortems).
//
// No stop words. Reviews are short, so the index is small whatever it
// holds; ranking already weighs common words down; and words such as "not",
// "no", "is" and "on" carry meaning in an incident ("not retried", "retry on
// timeout"). A stop list would also have to be identical in both ports.
//
// No normalisation (NFC, NFKC, width folding): full-width ＡＢＣ is not abc.
// The reviews are typed text, in which such forms are rare, and
// String.prototype.normalize would tie the port to the browser's Unicode
// version.
//
// Why the joiners: they are what holds code terms together in reviews:
// dotted names and versions (.), hyphenated names and dates (-), URLs and
// host:port (: / ? & = # %), pins (==), addresses (@), time zones (+) and
// home directories (~). Quotes, brackets, commas and "!" are not joiners:
// status='pending' is the words status and pending.
//
// Why 64 bytes: it keeps every whole identifier, dotted name, version and
// hex digest (SHA-256 is 64) and drops only long URLs and blobs, whose
// parts are still indexed.
//
// A query is analysed like a text. In bleve, a match query for a compound
// gives its whole and its parts (ConnectTimeout → connecttimeout, connect,
// timeout), and a match_phrase query puts the whole and the first part at
// one position, so "redis-py" (redis-py|redis, py) finds
// redis-py==4.6.0 through its parts. A single CJK code point typed as a query
// is a unigram, which texts do not hold except for one-character runs; the
// search layer's prefix match on the last word finds the bigrams that begin
// with it.
package analysis
