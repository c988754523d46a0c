// Package gen generates realistic, deterministic review repositories for
// benchmarks and tests only (no command imports it): thousands of incident reviews that are valid under
// the review format (shared/review-format.md) and draw no lint warning.
//
// # Use
//
//	files := gen.Reviews(gen.Options{N: 10000, Seed: 1, Folders: true})
//	fsys := gen.MapFS(gen.Options{N: 10000, Seed: 1})  // paths "reviews/..."
//	err := gen.WriteDir(dir, gen.Options{N: 500, Seed: 2}) // dir/reviews/...
//
// The same Options always give the same bytes; another Seed gives other
// reviews. Reviews are numbered in date order from 2019-01-01 to
// 2026-11-20, and the number ends the id, so ids are unique:
// "2025-03-14-order-api-redis-timeout-0042". With Folders, a review is at
// reviews/YYYY/ID.md, else at reviews/ID.md.
//
// # What a review holds
//
// Each review combines a failure scenario with a service of the catalog
// (Services, written in Python, Java or Go), the owning team (Teams) and
// drawn numbers, dates and time zones. The scenarios, one function each:
//
//	scenarios_network.go  redis timeouts, requests ConnectTimeout and
//	                      ReadTimeout, expired TLS certificates, a Celery
//	                      broker refusing connections (kombu)
//	scenarios_data.go     psycopg2 QueryCanceled, SQLAlchemy pool
//	                      exhaustion, AttributeError from getattr(),
//	                      KeyError, OSError with a full disk
//	scenarios_jvm.go      Kafka CommitFailedException (Caused by a
//	                      rebalance), java.net.SocketTimeoutException
//	scenarios_go.go       nil pointer dereference, assignment to a nil map
//
// A scenario prints a realistic traceback (python.go, java.go,
// goroutine.go; Python ones have 3–8 frames and are sometimes chained) and
// lists its final exception in failure.exceptions as the format defines
// it. It also gives the reproduction, config lines, pinned versions, the
// first metric, log keyword and config item to look at, and the prose:
// cause, why it was not caught, the guard for next time, action items and
// discussion points, in English or, for ChineseShare of the reviews
// (default 0.2), in Simplified Chinese.
//
// About 60% of the reviews are final, 25% ready and 15% draft; each holds
// the fields its status requires (frontmatter.go) and a Markdown body of
// 20–80 lines with a timeline, the impact, the failure chain and a code
// block (body.go). Open actions have no due date or one in 2028–2029, so
// none is overdue; about one review in six is related to earlier ones.
// Roughly 2% of ready and final reviews give traceback_absent instead of a
// traceback. A review averages about 4.3 KB.
//
// The front matter is written by a small emitter (yaml.go) that quotes
// any scalar YAML would read differently and uses block scalars for
// tracebacks, reproductions and prose; the tests read every file back with
// go.yaml.in/yaml/v3 and parse every traceback with internal/traceback.
package gen
