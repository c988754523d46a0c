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
// an error that says so). A symlink pointing outside the repository, to
// nothing, or round a loop is never followed. What would be a review but
// for its name is a warning, not left out in silence: a folder named
// x.md, a Markdown file ending in .MD or .markdown.
//
// The file starts with YAML front matter between two lines "---" (the
// closing one may be "..."); the Markdown body follows. Line numbers are
// kept across the split, so every finding names the real line and column of
// the file: reviews/2026-02-16-x.md:12:3. A line "---" with fields of the
// contract below it closed the front matter too early, and is reported at
// that line. A YAML error is reported, where the cause is one an author
// makes, at the character to mend, in the author's words: a tab in the
// indentation, a quote never closed, an alias with no anchor, a control
// character (a terminal's colour codes pasted in), a value
// that begins with @, ` or %, or with '#' (a comment, so the field is
// empty), a second ': ' in a plain value, a colon with no space after it.
//
// # Fields and gates
//
// The front matter's structure is one JSON Schema, [Schema] ('fupan schema'
// prints it, with the custom fields below): field names, types, enums, lengths, and the fields each status
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
// Optional at any status: tags, window.detected and mitigated,
// failure.dependency, versions, edge_inputs, related,
// contributing_factors (a list of strings: the conditions that together
// let it happen, several causes rather than one root cause) and publish
// (private keeps the review out of every publish profile; public, the
// default).
//
// # Custom fields
//
// fupan.yaml may declare fields of the team's own under fields, each a
// top-level key of the front matter, lowercase snake_case and not a field
// of the contract:
//
//	fields:
//	  incident_id: {type: string, pattern: "^INC-[0-9]+$", required_from: ready}
//	  ticket: {type: url, label: Ticket}
//	  lead: string
//	  customer_impact: {type: enum, enum: [none, minor, major], required_from: final}
//
// A field has a type ([FieldTypes]: string, number, integer, boolean,
// date, datetime, url (http or https), enum, list of strings); a string or
// a list may have a pattern (a Go regular expression each value matches),
// an enum or a list an enum (the values allowed); required_from is the
// status from which it is required (draft, ready or final; optional
// without it); description says what it wants, in messages and the
// schema; label is its name on the review page (else the name with spaces).
// A bad declaration is a finding on fupan.yaml at its line and column
// (an unknown type or setting with a "did you mean"), and the field is left
// out of the checks.
//
// The declared fields join the schema ([SchemaFor], what 'fupan schema'
// prints and the site publishes at [SchemaPath]): each is checked with
// its position like every field, and a missing required one is reported
// at the status line. A key that is neither in the contract nor declared
// stays an error with a "did you mean" over both. A repository that
// declares none has exactly [Schema]: every review valid before stays
// valid. The values are in [Review.Custom]; the site shows them on the
// review page, search filters by them (incident_id:INC-123), and a
// publish profile omits one by its name and redacts their values.
//
// # Rules in Go
//
// What a schema cannot say is checked in Go: the file name, and its date
// against date; unique ids and related targets (across files); unknown keys
// with a "did you mean"; config lines "name = value"; versions pinned as
// name==version; window.end after window.start, detected and mitigated not
// before start; the traceback parses (package traceback), and
// failure.exceptions holds its final exception; severities, services and
// owning teams against fupan.yaml; an owner is never a @person.
//
// # Secrets
//
// A credential in a review is an error: the file is published and stays
// in git history. Every line is scanned as written (front matter values,
// block scalars and comments, the body and its code blocks) for the major
// providers' keys and tokens (AWS, GitHub, GitLab, Slack, Stripe, Google,
// OpenAI, npm, PyPI and more, their shapes ported from gitleaks' rules),
// PEM private keys, passwords in URLs (scheme://user:password@host) and in
// curl -u, tokens in Authorization and X-API-Key headers, JSON Web Tokens,
// and a high-entropy value assigned to a secret's name (password = …,
// secret: …, token=…, --password …, 密码：…). Placeholders are not secrets:
// password itself, <password>, ${DB_PASSWORD}, $VAR, ***, xxx, a password
// equal to its user (guest:guest), environment variables' and settings'
// names, plain words. A finding is at the secret's line and column, names
// its kind and rule id, says to replace it (*** or a placeholder) and to
// rotate it, and never holds it; every finding on the file has the file's
// secrets masked. A line with fupan:allow-secret, and the rules listed
// under secrets.allow in fupan.yaml ([SecretRuleIDs]), are not reported.
//
// # Warnings
//
// What Markdown and YAML read but an author rarely means, always a
// warning, so that a review valid before stays valid: a code block of the
// body never closed (the rest shows as code); a Markdown code fence in
// traceback or reproduction (they are shown as code already); a second
// traceback of another language in traceback (a line that begins one,
// such as "Exception in thread" after a Python traceback; the first is
// the one parsed); a line "---" that ends the front matter with a field
// of the contract below it.
//
// Lint rules, warnings unless fupan.yaml's lint sets them to error or off:
// speculation ("I think", "probably", "maybe", 我觉得, 可能是因为, 应该是) in
// summary, why_not_caught or the body outside code blocks; a summary with no
// measured number; an open action past its due date; a @handle in
// why_not_caught. The blameless rules, on summary, why_not_caught,
// catch_next_time, contributing_factors and the body outside code:
// blame ("human error", "operator error", "careless", "negligent", "their
// fault", "blamed", 人为失误, 粗心, 失误导致, 甩锅, 谁写的) and counterfactual
// ("should have", "should've", "shouldn't have", "could have", "ought to
// have", "if only", 本应该, 本该, 早就应该, 如果当时); quoted words (code
// spans, "quotations", “引文”, > block quotes), "git blame", "could not
// have" and "could have been caused" (a possibility) are not matched. One
// rule is off unless set: missing_contributing_factors asks a final
// review for contributing_factors. The recurrence rule (a changed review
// whose failure was seen before, reported by 'fupan check' through package
// recurrence) may also be set to notice; it is a warning when an earlier
// action is still open or wontfix and a notice otherwise.
//
// # Publish profiles
//
// fupan.yaml's publish declares profiles ('fupan build --profile NAME'),
// each with the statuses it shows, the fields it omits and the regular
// expressions it redacts; see [Profile]. An invalid profile is a finding
// on fupan.yaml at its line and column.
//
// # Cache
//
// With [Options.CacheDir] (the repository's .fupan), [Load] and
// [Snapshot] keep each review file as decoded and checked in
// the folder CacheDir/parsed, by its path and content hash (64 files,
// so that an edit rewrites one), and the next process
// parses only the files that changed. The whole cache is under one key:
// fupan.yaml, the editor schema file, this fupan (its release version, or
// its executable's Go build ID or hash) and the encoding's version. Overdue actions are
// chosen on the day of the Load, not of the parse. A damaged or foreign
// cache is ignored and written again (atomically); the results are those
// of a Load without it.
//
// # Safety
//
// No input makes the package panic. YAML aliases are followed up to
// 100,000 values in all, so an alias bomb fails fast in bounded memory, and
// files over [MaxFileSize] are not read.
package review
