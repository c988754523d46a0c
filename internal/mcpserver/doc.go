// Package mcpserver serves a review repository to coding agents over the
// Model Context Protocol (https://modelcontextprotocol.io), built on the
// protocol's Go SDK (github.com/modelcontextprotocol/go-sdk/mcp): 'fupan
// mcp' runs it over standard input and output, where a coding assistant
// starts it as a subprocess.
//
// # Tools
//
// Each tool's input and output are Go structs (tools.go); the SDK infers
// their JSON Schemas, with the descriptions of the jsonschema tags, checks
// the arguments against them, and returns the output as structured content
// and as its JSON text.
//
//	search        {query, limit?}: the hits of 'fupan search', best first:
//	              id, title, date, severity, path, the page's url when
//	              base_url is set, score, all_words, raised, and the
//	              matched fragments (field, text, highlights as byte
//	              offsets into text). The query syntax is fupan's (package
//	              search): words, "phrases", service:, severity:, status:,
//	              exception:, tag:, since:, until:.
//	similar       {log, limit?}: prior incidents like the traceback in a
//	              pasted log (Python, Java or Go; lines before it are
//	              skipped), the reviews that raised its exception first,
//	              each with the reasons: what it shares with the traceback.
//	get_review    {id}: the whole review, as 'fupan show --json' prints
//	              it: review.Full, the public shape of reviews.json
//	              (review.Public) plus the Markdown body, and the page's
//	              url when fupan.yaml sets base_url.
//	open_actions  {team?, overdue?, limit?}: the open action items, the
//	              earliest due first (those without a due date last), each
//	              with its review's id and title and whether it is overdue.
//
// A bad argument is a tool error (a result with isError set, whose text
// says what is wrong and how to mend it), never a protocol error nor a
// crash: an unknown id (with "did you mean" when one id is clearly
// closest, review.Suggest), an empty query or one that search.Parse
// refuses (over search.MaxQueryBytes, too many terms, a date that does not
// exist), a log over MaxLogBytes or without a traceback, a limit out of
// range, a team that owns no action.
//
// A later tool, seen_before (has this traceback been reviewed before,
// yes or no, and where), will be added beside similar; it is not built
// yet.
//
// # Resources
//
// Every review is a resource, fupan://review/ID, whose content is its
// Markdown source (front matter and body, text/markdown), read from disk
// when asked for. The resource template fupan://review/{id} reads any
// review; resources/list lists those in the search index (every review
// that decodes), newest first, each with its title. When reviews are
// added or removed, the list changes and the SDK tells the clients
// (notifications/resources/list_changed).
//
// # Keeping up with the files
//
// The search index is opened once, at start (Config.OpenIndex: search.Open
// on the repository's state folder, which brings it up to date
// incrementally), and opened again, through the same incremental update,
// only when review files changed. What changed is decided as everywhere in
// fupan: review.Scan lists and stats the files (reading only those whose
// size or time changed) and review.Diff compares their content hashes with
// those of the last scan.
//
// With 10,000 reviews a scan costs tens of milliseconds, more than a
// search, so on disk (Config.Dir) a watcher (fsnotify) of reviews/ tells
// when a scan is needed. Before a request the server waits until the
// watcher has read every event of changes made before the request: it
// changes the mode of a private file that the same watcher watches, whose
// event the kernel queues after every earlier one, and waits for it. So a
// review saved just before a request is searched, and a request with no
// change costs no scan. Without a watcher (a repository in memory, the
// embedded examples, a watcher that cannot be had or lost events), every
// request scans.
//
// With 10,000 generated reviews on two shared, busy cores, a search call
// through the SDK's client costs 8 to 15 ms (BenchmarkSearchTool; goal: 20
// ms) and a start on a warm index, handshake included, 60 to 85 ms
// (BenchmarkStart; goal: 200 ms).
//
// bleve locks an index on disk: one process may write it, or any number
// read it. So the server holds the index read-only between its updates,
// and a change also refreshes it in the background, a moment after the
// last event, and then lets it go until the next request: a 'fupan
// search' run in a terminal just after a save, which wants to update the
// index too, waits a fraction of a second rather than for the server to
// exit. (A request that reopens the index while such a search waits still
// keeps it waiting, until the next change: search.Open waits for bleve's
// lock without end.)
//
// # Output
//
// Standard output is the protocol's transport: nothing else is ever
// written to it. What the server has to say (an index rebuilt, a refresh
// that failed, a panic) goes to Config.Log, standard error for 'fupan mcp'.
package mcpserver
