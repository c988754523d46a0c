package review

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// The ways an author breaks a review at 3 a.m. that TestBadInput does not
// try: each is said at the line and column to mend, saying how; and a few
// that must stay valid. What CommonMark or YAML reads, and the check let
// pass before (a code fence never closed, a second traceback, a file
// named .markdown), is a warning: a review valid before stays valid.
func TestAuthorMistakes(t *testing.T) {
	valid := validReview(t)
	const name = "reviews/2026-02-16-bad.md"
	edit := func(old, new string) map[string]string {
		if !strings.Contains(valid, old) {
			t.Fatalf("testdata/valid.md has no %q", old)
		}
		return map[string]string{validName: strings.Replace(valid, old, new, 1)}
	}
	const tb = "traceback: |\n  Traceback (most recent call last):\n"
	// What the check says of a front matter closed at line 6: the fields
	// below are missing (a warning says why).
	missingBelow := []string{
		validName + ":2:1: error: missing services (required from status draft): the services that failed, e.g. [order-api]",
		validName + ":2:1: error: missing summary (required from status draft): what happened and its impact, with a measured number (e.g. 12% of POST /api/v1/order returned 500 for 32 minutes)",
		validName + ":4:1: error: missing actions (required from status final): action items, each owned by a team",
		validName + ":4:1: error: missing catch_next_time (required from status final): the guard that will stop it next time",
		validName + ":4:1: error: missing config (required from status final): settings in effect, each 'name = value', e.g. settings.CACHE_TIMEOUT = 30",
		validName + ":4:1: error: missing failure (required from status ready): where in the chain it failed",
		validName + ":4:1: error: missing first_look (required from status final): where to look first when it happens again",
		validName + ":4:1: error: missing reproduction (required from status ready): the minimal reproduction: a curl command, a python -c line, a script",
		validName + ":4:1: error: missing traceback or traceback_absent (required from status ready): a real, reproducible traceback (Python, Java or Go), as a block string (traceback: |)",
		validName + ":4:1: error: missing verification (required from status final): how the fix was proven on real traffic",
		validName + ":4:1: error: missing why_not_caught (required from status final): why no test, review, alert or guard stopped it",
		validName + ":4:1: error: missing window (required from status ready): the error time window, RFC 3339 timestamps with offset",
	}
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		// Front matter.
		{"a closing line with trailing spaces is valid", edit("\n---\n\n## Timeline", "\n---  \t\n\n## Timeline"), nil},
		{"an empty file", map[string]string{name: ""},
			[]string{name + ":1:1: error: no front matter: a review begins with a line '---', then its YAML fields, then another '---' line (run 'fupan new' for a template)"}},
		{"front matter below a heading", map[string]string{validName: "# Order API\n\n" + valid},
			[]string{validName + ":1:1: error: no front matter: a review begins with a line '---', then its YAML fields, then another '---' line (run 'fupan new' for a template)"}},
		{"only front matter, no body, no last newline", map[string]string{validName: valid[:strings.Index(valid, "\n---\n")+4]}, nil},
		{"a stray '---' inside the front matter", edit("severity: SEV2\n", "severity: SEV2\n---\n\n"),
			append(missingBelow, validName+":6:1: warning: this line ends the front matter, but fields go on below it (services on line 8): remove the line, or move those fields above it")},
		{"a body that begins with a word and a colon is a body", map[string]string{validName: strings.Replace(valid, "\n---\n\n## Timeline", "\n---\nNote: times are UTC+8.\n\n## Timeline", 1)}, nil},
		{"a field given twice", edit("severity: SEV2\n", "severity: SEV2\nseverity: SEV3\n"),
			[]string{validName + ":6:1: error: field \"severity\" is given twice (first on line 5): keep one"}},
		{"a list where a string is wanted", edit("severity: SEV2", "severity: [SEV2]"),
			[]string{validName + ":5:11: error: severity is a list, want string: one of the configured severities (default SEV1, SEV2, SEV3, SEV4)"}},
		{"a string where a list is wanted", edit("services: [order-api]", "services: order-api"),
			[]string{validName + ":6:11: error: services is a string, want array: the services that failed, e.g. [order-api]"}},
		{"a date in words", edit("date: 2026-02-16", "date: yesterday"),
			[]string{validName + ":3:7: error: date is \"yesterday\", want a date YYYY-MM-DD, e.g. 2026-02-16"}},
		{"a date with month 13 and day 40", edit("date: 2026-02-16", "date: 2026-13-40"),
			[]string{validName + ":3:7: error: date is \"2026-13-40\": there is no month 13: the month comes second, YYYY-MM-DD"}},
		{"a time without a zone", edit("start: 2026-02-16T05:09:07+08:00", "start: 2026-02-16T05:09:07"),
			[]string{validName + ":12:10: error: window.start is \"2026-02-16T05:09:07\", want an RFC 3339 timestamp with offset, e.g. 2026-02-16T05:09:07+08:00"}},
		{"a severity in lower case", edit("severity: SEV2", "severity: sev2"),
			[]string{validName + ":5:11: error: severity \"sev2\" is not one of the configured severities SEV1, SEV2, SEV3, SEV4: did you mean \"SEV2\"?"}},
		{"an unknown severity", edit("severity: SEV2", "severity: P1"),
			[]string{validName + ":5:11: error: severity \"P1\" is not one of the configured severities SEV1, SEV2, SEV3, SEV4"}},
		{"an alias with no anchor", edit("severity: SEV2", "severity: *sev"),
			[]string{validName + ":5:11: error: the alias *sev names no anchor: define it first with &sev, or quote the value if the * is text"}},
		{"a value that begins with @", edit("severity: SEV2", "severity: @SEV2"),
			[]string{validName + ":5:11: error: a YAML value cannot begin with @: put the value in quotes (\"@…\")"}},
		{"a list item that begins with a backtick", edit("services: [order-api]", "services:\n  - `order-api`"),
			[]string{validName + ":7:5: error: a YAML value cannot begin with `: put the value in quotes (\"`…\")"}},
		{"no space after a colon", edit("severity: SEV2", "severity:SEV2"),
			[]string{validName + ":5:10: error: no space after the colon of severity: write 'severity: value', with a space"}},
		{"a second ': ' in a list item's field, the value a secret", edit("    - {metric: http_status_code_5xx, expect: down}", "    - metric: postgres://app:s3cr3t-Pw9x-Zq7@db: 5xx"),
			[]string{
				validName + ":46:30: error: a password in a URL in the front matter: replace it with *** or a placeholder such as user:***@host, and rotate it: it is in git history now (not a secret? add fupan:allow-secret to the line, or url-password to secrets.allow in fupan.yaml)",
				validName + ":46:48: error: a ': ' inside the value of metric, which YAML reads as another field: put the value in quotes (metric: \"…\")",
			}},
		{"a title that begins with #", edit("title: Order API", "title: #1 Order API"),
			[]string{validName + ":2:8: error: the value of title begins with '#', which YAML reads as a comment, so title is empty: put the value in quotes (title: \"#…\")"}},
		{"a nested required field that begins with #", edit("  function: cache.get_user_profile()", "  function: #get_user_profile"),
			[]string{validName + ":25:13: error: the value of function begins with '#', which YAML reads as a comment, so function is empty: put the value in quotes (function: \"#…\")"}},
		{"an empty field with a comment, as the template writes, is not written", edit("tags: [redis, timeout, retry]", "tags:   # lowercase words"), nil},
		{"no space after the colon of the first field", edit("title: Order API", "title:Order API"),
			[]string{validName + ":2:7: error: no space after the colon of title: write 'title: value', with a space"}},
		{"an escape sequence pasted from a terminal", edit("severity: SEV2", "severity: SEV2\x1b[0m"),
			[]string{validName + ":5:15: error: a control character (U+001B) that YAML does not allow: remove it (was it pasted from a terminal?)"}},
		{"a form feed between fields", edit("severity: SEV2\n", "severity: SEV2\n\f\n"),
			[]string{validName + ":6:1: error: a control character (U+000C) that YAML does not allow: remove it (was it pasted from a terminal?)"}},
		{"an alias inside the value its anchor names", edit("severity: SEV2", "severity: &s [x, *s]"),
			[]string{validName + ":5:18: error: the alias *s is inside the value &s names, so it never ends: remove the alias"}},
		{"a body that begins like a field stays valid", edit("\n---\n\n## Timeline", "\n---\n\ntags: in the body\n\n## Timeline"),
			[]string{validName + ":52:1: warning: this line ends the front matter, but fields go on below it (tags on line 54): remove the line, or move those fields above it"}},
		{"a very long line", edit("title: Order API 500s while the profile cache timed out", "title: "+strings.Repeat("超时", 100_000)),
			[]string{validName + ":2:8: error: title is 200000 characters long, at most 120: shorten it"}},

		// Code fences.
		{"a code block in the body never closed", map[string]string{validName: valid + "\n## Traceback\n\n  ```python\nTraceback (most recent call last):\n\n## Action items\n"},
			[]string{validName + ":60:3: warning: the code block opened here with ``` is never closed, so the rest of the review shows as code: add a line ``` after its last line"}},
		{"a ~~~~ block is closed by a longer ~~~~~ only", map[string]string{validName: valid + "~~~~\n```\n~~~\n~~~~~\n"}, nil},
		{"a fence in the traceback", edit(tb, "traceback: |\n  ```python\n  Traceback (most recent call last):\n"),
			[]string{
				validName + ":16:1: error: traceback: not a traceback: expected a Python traceback (starting \"Traceback (most recent call last):\"), a Java stack trace (starting \"java.net.SocketTimeoutException: Read timed out\" or \"Exception in thread \\\"main\\\" …\", followed by \"\\tat …\" frames) or a Go panic (starting \"panic: …\" or \"fatal error: …\"): paste the whole traceback as printed, ending with its exception line",
				validName + ":16:3: warning: traceback holds a Markdown code fence (```): the field is shown as code already; remove the fence lines and keep the text between them",
			}},
		{"a fence in the reproduction", edit("reproduction: |\n", "reproduction: |\n  ~~~sh\n"),
			[]string{validName + ":23:3: warning: reproduction holds a Markdown code fence (~~~): the field is shown as code already; remove the fence lines and keep the text between them"}},
		{"a Java stack trace pasted after the Python traceback", edit("  redis.exceptions.ConnectionError: Timeout connecting to server\n",
			"  redis.exceptions.ConnectionError: Timeout connecting to server\n  Exception in thread \"main\" java.lang.IllegalStateException: closed\n  \tat com.acme.Cache.get(Cache.java:42)\n"),
			[]string{validName + ":22:3: warning: traceback holds a Python traceback and, from this line, a Java stack trace: keep only the traceback of this failure and move the other into the body"}},
		{"a Go panic pasted before the Python traceback", edit(tb, "traceback: |\n  panic: boom\n\n  goroutine 1 [running]:\n  main.main()\n  \t/app/main.go:5 +0x1d\n  Traceback (most recent call last):\n"),
			[]string{validName + ":21:3: warning: traceback holds a Go panic and, from this line, a Python traceback: keep only the traceback of this failure and move the other into the body"}},
		{"an empty reproduction", edit("  python -c \"import redis; redis.Redis(host='prod-cache', socket_timeout=2).get('x')\"\n", "\n"),
			[]string{validName + ":22:15: error: reproduction is empty: the minimal reproduction: a curl command, a python -c line, a script"}},

		// Secrets in a review that is also malformed: the error never
		// holds the secret.
		{"an AWS key in the traceback and an unclosed quote", func() map[string]string {
			m := edit(tb, tb+"    aws_secret_access_key = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Hd3Lk0W\"\n")
			m[validName] = strings.Replace(m[validName], "title: ", "title: \"", 1)
			return m
		}(), []string{
			validName + ":2:8: error: the quoted value opened here is never closed: add the closing quote at the end of the value",
			validName + ":17:30: error: an AWS secret access key in the front matter: replace it with *** or a placeholder such as <AWS_SECRET_ACCESS_KEY>, and rotate it: it is in git history now (not a secret? add fupan:allow-secret to the line, or aws-secret-access-key to secrets.allow in fupan.yaml)",
		}},

		// Files.
		{"a file ending in .markdown", map[string]string{"reviews/2026-02-16-x.markdown": valid},
			[]string{"reviews/2026-02-16-x.markdown:1:1: warning: the file name ends in .markdown, not .md: it is not read as a review; rename it to 2026-02-16-x.md"}},
		{"a file ending in .MD", map[string]string{"reviews/2026-02-16-x.MD": valid},
			[]string{"reviews/2026-02-16-x.MD:1:1: warning: the file name ends in .MD, not .md: it is not read as a review; rename it to 2026-02-16-x.md"}},
		{"a folder named like a review", map[string]string{"reviews/2026-02-16-x.md/notes.txt": "x"},
			[]string{"reviews/2026-02-16-x.md:1:1: warning: a folder named like a review file: a review is one Markdown file; rename the folder (without .md), or put the review's file in its place"}},
		{"README.MD, images and editor backups are not reviews", map[string]string{"reviews/README.MD": "x", "reviews/a.png": "x", "reviews/2026-02-16-x.md~": "x", "reviews/2026-02-16-x.md.swp": "x"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := loadBad(t, tc.files, tc.want)
			if s := strings.Join(got, "\n"); strings.Contains(s, "K7MDENG") || strings.Contains(s, "s3cr3t") {
				t.Errorf("a finding holds the secret:\n%s", s)
			}
		})
	}
}

// A symlink loop and a symlink to nothing are each said to be so, on a
// real file system through os.Root.
func TestSymlinkLoopAndDangling(t *testing.T) {
	repo := t.TempDir()
	dir := filepath.Join(repo, "reviews")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		"2026-01-01-a.md":    "2026-01-02-b.md",
		"2026-01-02-b.md":    "2026-01-01-a.md",
		"2026-01-03-gone.md": "2026-01-03-moved.md",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skip("symlinks unsupported:", err)
		}
	}
	got := loadRoot(t, repo)
	want := []string{
		"reviews/2026-01-01-a.md:1:1: error: a symlink to 2026-01-02-b.md, which leads back to itself (a symlink loop): not followed; replace it with the review's file",
		"reviews/2026-01-02-b.md:1:1: error: a symlink to 2026-01-01-a.md, which leads back to itself (a symlink loop): not followed; replace it with the review's file",
		"reviews/2026-01-03-gone.md:1:1: error: a symlink to 2026-01-03-moved.md, which does not exist: remove it, or point it at the review's file",
	}
	if diff := cmp.Diff(want, lines(got.Findings)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// deniedFS is a file system whose named file cannot be opened, as a file
// with mode 000 is to a user who is not root.
type deniedFS struct {
	fstest.MapFS
	name string
}

func (d deniedFS) Open(name string) (fs.File, error) {
	if name == d.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.Open(name)
}

func (d deniedFS) ReadFile(name string) ([]byte, error) {
	if name == d.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.ReadFile(name)
}

func TestUnreadableFile(t *testing.T) {
	fsys := deniedFS{fstest.MapFS{"reviews/2026-01-01-x.md": {Data: []byte(draft("2026-01-01"))}}, "reviews/2026-01-01-x.md"}
	got, err := Load(fsys, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"reviews/2026-01-01-x.md:1:1: error: cannot read: open reviews/2026-01-01-x.md: permission denied: give yourself permission to read it (chmod u+r, and u+x on a folder)"}
	if diff := cmp.Diff(want, lines(got.Findings)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// fupan new refuses what check refuses, with check's words.
func TestCheckField(t *testing.T) {
	for _, tt := range []struct{ field, value, want string }{
		{"date", "2026-02-16", ""},
		{"date", "2026-02-30", `date is "2026-02-30": that day does not exist: February 2026 has 28 days`},
		{"date", "16/02/2026", `date is "16/02/2026", want a date YYYY-MM-DD, e.g. 2026-02-16`},
		{"title", "🔥🔥🔥", ""},
		{"title", "Key AKIAIOSFODNN7EXAMPLF leaked", "an AWS access key id in title: replace it with *** or a placeholder such as <AWS_ACCESS_KEY_ID>, and rotate it: it is in git history now (not a secret? add fupan:allow-secret to the line, or aws-access-token to secrets.allow in fupan.yaml)"},
	} {
		got := ""
		if err := CheckField(tt.field, tt.value); err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("CheckField(%q, %q) = %q, want %q", tt.field, tt.value, got, tt.want)
		}
	}
}

// fupan.yaml broken as a review is: the same words, at its line and column.
func TestConfigMistakes(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"a tab in the indentation", "title: Reviews\n\tlanguage: en\n", "fupan.yaml:2:1: error: a tab in the indentation: tabs are not allowed for indentation in YAML; indent with spaces"},
		{"a value that begins with @", "title: @acme\n", "fupan.yaml:1:8: error: a YAML value cannot begin with @: put the value in quotes (\"@…\")"},
		{"no space after a colon", "title: Reviews\nlanguage:en\n", "fupan.yaml:2:10: error: no space after the colon of language: write 'language: value', with a space"},
		{"a single value for a list", "title: Reviews\nseverities: SEV1\n", "fupan.yaml:2:1: error: severities is a single value, want a list, e.g. [a, b]"},
		{"a mapping for a list", "teams: {a: b}\n", "fupan.yaml:1:1: error: teams is a mapping, want a list, e.g. [a, b]"},
		{"a list for a mapping", "lint: [speculation]\n", "fupan.yaml:1:1: error: lint is a list, want a mapping of names to values, one 'name: value' per line, indented"},
		{"a list never closed on the last line", "language: [en\n", "fupan.yaml:1:1: error: YAML syntax error: did not find expected ',' or ']': check the indentation, and quote values that contain ': ' or start with a special character"},
		{"a setting given twice", "title: A\ntitle: B\n", "fupan.yaml:2:1: error: setting \"title\" is given twice (first on line 1): keep one"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := load(t, map[string]string{"fupan.yaml": tc.yaml, validName: validReview(t)})
			if len(got) == 0 || got[0] != tc.want {
				t.Errorf("findings:\n%s\nwant first\n%s", strings.Join(got, "\n"), tc.want)
			}
		})
	}
}

func TestReviewsIsAFile(t *testing.T) {
	_, err := Load(fstest.MapFS{"reviews": {Data: []byte("x")}}, Options{Now: now})
	if want := "reviews is a file, not the folder of the reviews: move it aside and make reviews/ a folder (run 'fupan init' to start a review repository)"; err == nil || err.Error() != want {
		t.Errorf("Load: err = %v, want %q", err, want)
	}
}
