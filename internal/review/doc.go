// Package review reads and checks incident reviews: the review format
// (contract v1), its gates and its warnings.
//
// # Files
//
// A review is one Markdown file under reviews/ (sub-folders allowed), named
// YYYY-MM-DD-slug.md with slug [a-z0-9]+(-[a-z0-9]+)*. Its id is the file
// name without .md, unique across all folders. README.md and names starting
// with "." or "_" are not reviews. A file is UTF-8 text of at most
// [MaxFileSize] bytes, with no NUL byte; one UTF-8 byte order mark and CRLF
// line endings are accepted (a second mark, or a UTF-16 or UTF-32 one, is
// an error that says so). A symlink pointing outside the repository is
// never followed.
//
// The file starts with YAML front matter between two lines "---" (the
// closing one may be "..."); the Markdown body follows. Line numbers are
// kept across the split, so every finding names the real line and column of
// the file: reviews/2026-02-16-x.md:12:3.
//
// # Fields and gates
//
// The front matter's structure is one JSON Schema, [Schema] ('fupan schema'
// prints it): field names, types, enums, lengths, and the fields each status
// requires. A field left empty (a key with no value, or an empty list [])
// counts as not written,
// so the template of 'fupan new' can list every field.
//
//   - draft: title, date, status, severity, services, summary.
//   - ready (may be discussed): also window.start and window.end, traceback
//     (or traceback_absent with the reason), reproduction, and
//     failure.function, failure.caller and failure.exceptions.
//   - final (the record is complete): also config, why_not_caught,
//     catch_next_time, first_look.metric/log/config, verification.traffic,
//     verification.watch (two or more, one with expect: down) and actions.
//
// # Rules in Go
//
// What a schema cannot say is checked in Go: the file name, and its date
// against date; unique ids and related targets (across files); unknown keys
// with a "did you mean"; config lines "name = value"; versions pinned as
// name==version; window.end after window.start, detected and mitigated not
// before start; the traceback parses (package traceback) and
// failure.exceptions holds its final exception; severities, services and
// owning teams against fupan.yaml; an owner is never a @person.
//
// # Warnings
//
// Lint rules, warnings unless fupan.yaml's lint sets them to error or off:
// speculation ("I think", "probably", "maybe", 我觉得, 可能是因为, 应该是) in
// summary, why_not_caught or the body outside code blocks; a summary with no
// measured number; an open action past its due date; a @handle in
// why_not_caught.
//
// # Safety
//
// No input makes the package panic. YAML aliases are followed up to
// 100,000 values in all, so an alias bomb fails fast in bounded memory, and
// files over [MaxFileSize] are not read.
package review
