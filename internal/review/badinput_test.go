package review

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Bad input gets one clear error with its position, and nothing else.
func TestBadInput(t *testing.T) {
	valid := validReview(t)
	const name = "reviews/2026-02-16-bad.md"
	bomb := "---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n" +
		"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n" +
		"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]\n---\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "unterminated front matter",
			files: map[string]string{name: "---\ntitle: x\ndate: 2026-02-16\n\n## Timeline\n"},
			want:  []string{name + ":1:1: error: the front matter opened here is never closed: add a line '---' after the last field"},
		},
		{
			name:  "no front matter",
			files: map[string]string{name: "# Just Markdown\n"},
			want:  []string{name + ":1:1: error: no front matter: a review begins with a line '---', then its YAML fields, then another '---' line (run 'fupan new' for a template)"},
		},
		{
			name:  "YAML syntax error at the real file line",
			files: map[string]string{name: "---\ntitle: x\ndate: 2026-02-16\nservices: [order-api\nsummary: y\n---\n"},
			want:  []string{name + ":4:1: error: YAML syntax error: did not find expected ',' or ']': check the indentation, and quote values that contain ': ' or start with a special character"},
		},
		{
			name:  "YAML syntax error: a block mapping that breaks off",
			files: map[string]string{name: "---\ntitle: x\nwindow:\n  start: 2026-02-16T05:09:07+08:00\n end: 2026-02-16T05:41:00+08:00\n---\n"},
			want:  []string{name + ":5:1: error: YAML syntax error: did not find expected key: check the indentation, and quote values that contain ': ' or start with a special character"},
		},
		{
			name:  "YAML syntax error: a colon in a plain value",
			files: map[string]string{name: "---\ntitle: x\nsummary: a: b\n---\n"},
			want:  []string{name + ":3:11: error: a ': ' inside the value of summary, which YAML reads as another field: put the value in quotes (summary: \"…\")"},
		},
		{
			name:  "front matter that is not a mapping",
			files: map[string]string{name: "---\n- title\n- date\n---\n"},
			want:  []string{name + ":2:1: error: the front matter is list, not a mapping of fields: write one 'field: value' per line"},
		},
		{
			name:  "empty front matter",
			files: map[string]string{name: "---\n---\nbody\n"},
			want:  []string{name + ":1:1: error: the front matter is empty: add the fields title, date, status, severity, services and summary (run 'fupan new' for a template)"},
		},
		{
			name:  "invalid UTF-8",
			files: map[string]string{name: "---\ntitle: caf\xe9 down\n---\n"},
			want:  []string{name + ":2:11: error: invalid UTF-8 (byte 0xe9): save the file as UTF-8"},
		},
		{
			name:  "a NUL byte",
			files: map[string]string{name: "---\ntitle: 超时\x00\n---\n"},
			want:  []string{name + ":2:10: error: the file holds a NUL byte: a review is UTF-8 text; remove the byte (was a binary file saved as .md?)"},
		},
		{
			name:  "two byte order marks",
			files: map[string]string{name: "\uFEFF\uFEFF---\ntitle: x\n---\n"},
			want:  []string{name + ":1:1: error: a second byte order mark (U+FEFF) at the start of the file, after the first: remove it (a file begins with at most one)"},
		},
		{
			name:  "three byte order marks",
			files: map[string]string{name: "\uFEFF\uFEFF\uFEFF---\ntitle: x\n---\n"},
			want:  []string{name + ":1:1: error: a second byte order mark (U+FEFF) at the start of the file, after the first: remove it (a file begins with at most one)"},
		},
		{
			name:  "a byte order mark before the closing line",
			files: map[string]string{name: "---\ntitle: x\n\uFEFF---\nbody\n"},
			want:  []string{name + ":3:1: error: a byte order mark (U+FEFF) before the line '---' that closes the front matter: remove it (was a file pasted in here?)"},
		},
		{
			name:  "fupan.yaml with two byte order marks",
			files: map[string]string{"fupan.yaml": "\uFEFF\uFEFFtitle: Reviews\n", validName: valid},
			want:  []string{"fupan.yaml:1:1: error: a second byte order mark (U+FEFF) at the start of the file, after the first: remove it (a file begins with at most one)"},
		},
		{
			name:  "UTF-16, little-endian",
			files: map[string]string{name: "\xFF\xFE-\x00-\x00-\x00\n\x00"},
			want:  []string{name + ":1:1: error: the file is UTF-16 (it begins with a UTF-16 byte order mark): save it as UTF-8"},
		},
		{
			name:  "UTF-16, big-endian",
			files: map[string]string{name: "\xFE\xFF\x00-\x00-\x00-\x00\n"},
			want:  []string{name + ":1:1: error: the file is UTF-16 (it begins with a UTF-16 byte order mark): save it as UTF-8"},
		},
		{
			name:  "UTF-32",
			files: map[string]string{name: "\xFF\xFE\x00\x00-\x00\x00\x00"},
			want:  []string{name + ":1:1: error: the file is UTF-32 (it begins with a UTF-32 byte order mark): save it as UTF-8"},
		},
		{
			name:  "a YAML alias bomb",
			files: map[string]string{name: bomb},
			want:  []string{name + ":6:29: error: the front matter expands to more than 100000 values through YAML aliases: remove the anchors (&name) and aliases (*name)"},
		},
		{
			name:  "a 10 MB file",
			files: map[string]string{name: "---\n" + strings.Repeat("x", 10<<20) + "\n---\n"},
			want:  []string{name + ":1:1: error: the file is 10.0 MiB, larger than the 1 MiB a review may be: move logs and dumps out of the review and link to them"},
		},
		{
			name:  "a file name that breaks the convention",
			files: map[string]string{"reviews/Redis Timeout.md": strings.Replace(valid, "2026-02-16", "2026-02-16", 1)},
			want:  []string{"reviews/Redis Timeout.md:1:1: error: the file name \"Redis Timeout.md\" breaks the convention YYYY-MM-DD-slug.md (slug: lowercase letters, digits and single hyphens): rename it, e.g. to 2026-02-16-redis-timeout.md"},
		},
		{
			name:  "a file name with an impossible date",
			files: map[string]string{"reviews/2026-02-30-x.md": draft("2026-02-30")},
			want: []string{
				"reviews/2026-02-30-x.md:1:1: error: the file name \"2026-02-30-x.md\" breaks the convention YYYY-MM-DD-slug.md (slug: lowercase letters, digits and single hyphens): rename it, e.g. to YYYY-MM-DD-slug.md",
				"reviews/2026-02-30-x.md:3:7: error: date is \"2026-02-30\": that day does not exist: February 2026 has 28 days",
			},
		},
		{
			name: "duplicate ids in two folders",
			files: map[string]string{
				"reviews/2025/2026-01-01-same.md": draft("2026-01-01"),
				"reviews/2026/2026-01-01-same.md": draft("2026-01-01"),
			},
			want: []string{
				"reviews/2025/2026-01-01-same.md:1:1: error: id \"2026-01-01-same\" is used by 2 files (reviews/2025/2026-01-01-same.md, reviews/2026/2026-01-01-same.md): the id is the file name, unique across all folders; rename all but one",
				"reviews/2026/2026-01-01-same.md:1:1: error: id \"2026-01-01-same\" is used by 2 files (reviews/2025/2026-01-01-same.md, reviews/2026/2026-01-01-same.md): the id is the file name, unique across all folders; rename all but one",
			},
		},
		{
			name:  "a date that does not exist",
			files: map[string]string{validName: strings.Replace(valid, "date: 2026-02-16", "date: 2026-11-31", 1)},
			want:  []string{validName + ":3:7: error: date is \"2026-11-31\": that day does not exist: November 2026 has 30 days"},
		},
		{
			name:  "a due date that does not exist, in a leap year's February",
			files: map[string]string{validName: strings.Replace(valid, "due: 2026-03-01", "due: 2028-02-30", 1)},
			want:  []string{validName + ":50:90: error: actions[1].due is \"2028-02-30\": that day does not exist: February 2028 has 29 days"},
		},
		{
			name:  "a month that does not exist",
			files: map[string]string{validName: strings.Replace(valid, "due: 2026-03-01", "due: 2026-13-01", 1)},
			want:  []string{validName + ":50:90: error: actions[1].due is \"2026-13-01\": there is no month 13: the month comes second, YYYY-MM-DD"},
		},
		{
			name:  "a timestamp on a day that does not exist",
			files: map[string]string{validName: strings.Replace(valid, "end: 2026-02-16T05:41:00+08:00", "end: 2026-02-29T05:41:00+08:00", 1)},
			want:  []string{validName + ":13:8: error: window.end is \"2026-02-29T05:41:00+08:00\": that day does not exist: February 2026 has 28 days"},
		},
		{
			name:  "a misspelt required field is one finding",
			files: map[string]string{validName: strings.Replace(valid, "summary:", "sumary:", 1)},
			want:  []string{validName + ":8:1: error: unknown field \"sumary\": did you mean \"summary\"?"},
		},
		{
			name:  "a misspelt field in a nested mapping is one finding",
			files: map[string]string{validName: strings.Replace(valid, "  metric: redis", "  metrc: redis", 1)},
			want:  []string{validName + ":40:3: error: unknown field \"metrc\": did you mean \"metric\"?"},
		},
		{
			name:  "a tab in the indentation",
			files: map[string]string{validName: strings.Replace(valid, "  start:", "\tstart:", 1)},
			want:  []string{validName + ":12:1: error: a tab in the indentation: tabs are not allowed for indentation in YAML; indent with spaces"},
		},
		{
			name:  "a tab after spaces in a list's indentation",
			files: map[string]string{validName: strings.Replace(valid, "  - settings.CACHE_TIMEOUT", " \t- settings.CACHE_TIMEOUT", 1)},
			want:  []string{validName + ":30:2: error: a tab in the indentation: tabs are not allowed for indentation in YAML; indent with spaces"},
		},
		{
			name:  "an unclosed double quote",
			files: map[string]string{validName: strings.Replace(valid, "title: ", "title: \"", 1)},
			want:  []string{validName + ":2:8: error: the quoted value opened here is never closed: add the closing quote at the end of the value"},
		},
		{
			name:  "an unclosed single quote in a nested mapping",
			files: map[string]string{validName: strings.Replace(valid, "  metric: redis_client_errors_total", "  metric: 'redis_client_errors_total", 1)},
			want:  []string{validName + ":40:11: error: the quoted value opened here is never closed: add the closing quote at the end of the value"},
		},
		{
			name:  "an unclosed quote on the last field",
			files: map[string]string{name: "---\ntitle: x\nsummary: \"12% failed\n---\n"},
			want:  []string{name + ":3:10: error: the quoted value opened here is never closed: add the closing quote at the end of the value"},
		},
		{
			name:  "CRLF line endings and a byte order mark are valid",
			files: map[string]string{validName: "\uFEFF" + strings.ReplaceAll(valid, "\n", "\r\n")},
		},
		{
			name:  "README.md and _drafts are not reviews",
			files: map[string]string{"reviews/README.md": "# How we write reviews\n", "reviews/_drafts/notes.md": "scratch\n"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) { loadBad(t, tc.files, tc.want) })
	}
}

// loadBad checks an in-memory repository, fast, and that its findings are
// want; it returns them.
func loadBad(t *testing.T, files map[string]string, want []string) []string {
	t.Helper()
	start := time.Now()
	got := load(t, files)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v: bad input must fail fast", d)
	}
	return got
}

// loadRoot checks the repository in dir through os.Root, which is how a
// symlink out of it is refused.
func loadRoot(t *testing.T, dir string) *Repo {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	repo, err := Load(root.FS(), Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return repo
}

// A symlink that points outside the repository is never followed, on a
// real file system through os.Root.
func TestSymlinkOutsideRepository(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "2026-01-01-secret.md")
	if err := os.WriteFile(secret, []byte(draft("2026-01-01")), 0o644); err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	if err := os.MkdirAll(filepath.Join(repo, "reviews"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(repo, "reviews", "2026-01-01-secret.md")); err != nil {
		t.Skip("symlinks unsupported:", err)
	}
	if err := os.Symlink("../../"+filepath.Base(outside)+"/2026-01-01-secret.md", filepath.Join(repo, "reviews", "2026-01-02-relative.md")); err != nil {
		t.Fatal(err)
	}
	got := loadRoot(t, repo)
	want := []string{
		"reviews/2026-01-01-secret.md:1:1: error: a symlink to " + secret + ", outside the repository: not followed; copy the review into the repository instead",
		"reviews/2026-01-02-relative.md:1:1: error: a symlink to ../../" + filepath.Base(outside) + "/2026-01-01-secret.md, outside the repository: not followed; copy the review into the repository instead",
	}
	if diff := cmp.Diff(want, lines(got.Findings)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if len(got.Reviews) != 0 {
		t.Errorf("read %d reviews through symlinks, want 0", len(got.Reviews))
	}
}

func TestNoReviewsFolder(t *testing.T) {
	_, err := Load(os.DirFS(t.TempDir()), Options{})
	if err == nil || !strings.Contains(err.Error(), "no reviews folder") {
		t.Errorf("Load on an empty folder: err = %v, want one saying there is no reviews folder", err)
	}
}

// A file far over the limit is reported by its size and never read: a
// sparse file of 200 GB must not be allocated.
func TestHugeFileNotRead(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "reviews"), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "reviews", "2026-02-16-huge.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(200 << 30); err != nil {
		f.Close()
		t.Skip("no sparse files here:", err)
	}
	f.Close()
	repo, err := Load(os.DirFS(dir), Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"reviews/2026-02-16-huge.md:1:1: error: the file is 200 GiB, larger than the 1 MiB a review may be: move logs and dumps out of the review and link to them"}
	if diff := cmp.Diff(want, lines(repo.Findings)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}
