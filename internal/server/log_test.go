package server

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/internal/terminal"
	"github.com/fupan/fupan/theme"
)

// The log lists the problems one per line: a file name with a newline or
// escapes is quoted, a message is shown as text, and neither is acted on.
func TestLogHostileNames(t *testing.T) {
	review := []byte("---\ntitle: \"\\e]0;pwned\\a Cache down\"\ndate: 2026-02-16\nstatus: draft\nseverity: \"SEV\\e[2J\"\nservices: [order-api]\nsummary: 3% failed for 5 minutes.\n---\n")
	repo := fstest.MapFS{
		"reviews/a\nreviews/x.md:1:1: error: fake.md": {Data: review},
		"reviews/2026-02-17-\x1b[2J.md":               {Data: review},
	}
	var log bytes.Buffer
	if _, err := New(Config{Repo: repo, Site: site.Options{Theme: theme.FS()}, Log: &log}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(log.String(), "\n"), "\n")
	if len(lines) < 3 || !strings.Contains(lines[0], "problems") {
		t.Fatalf("log:\n%s", log.String())
	}
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l, `  "reviews/`) {
			t.Errorf("line %q: want a quoted file name", l)
		}
		for _, r := range l {
			if terminal.Escaped(r) {
				t.Errorf("line %q holds %U", l, r)
			}
		}
	}
}
