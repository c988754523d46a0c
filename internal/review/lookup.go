package review

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"
)

// An UnknownIDError is the error of Lookup for an id that no review has.
type UnknownIDError struct {
	ID         string
	DidYouMean string // the id that is clearly closest to ID, or ""
}

func (e *UnknownIDError) Error() string {
	if e.DidYouMean != "" {
		return fmt.Sprintf("no review has the id %q: did you mean %q?", e.ID, e.DidYouMean)
	}
	return fmt.Sprintf("no review has the id %q: an id is a review's file name without .md, such as 2026-02-16-order-api-cache-timeout", e.ID)
}

// Lookup returns the path of the review file whose id is id, among the
// files Entries lists; when two files have the id, the first by path (as
// the search index keeps it). A file name (ID.md) or a path to it is
// taken for its id. An id that no review has is an *UnknownIDError, with
// the id that is clearly closest, if one is (Suggest).
func Lookup(fsys fs.FS, id string) (string, error) {
	entries, _, err := reviewEntries(fsys)
	if err != nil {
		return "", err
	}
	want := strings.TrimSuffix(path.Base(strings.ReplaceAll(id, `\`, "/")), ".md")
	if want != "" && want != "." && want != "/" {
		for _, e := range entries {
			if strings.TrimSuffix(path.Base(e.Path), ".md") == want {
				return e.Path, nil
			}
		}
	}
	ids := make([]string, len(entries))
	for i, e := range entries {
		ids[i] = strings.TrimSuffix(path.Base(e.Path), ".md")
	}
	return "", &UnknownIDError{ID: id, DidYouMean: suggestID(want, ids)}
}

// suggestID returns the id meant by want: the one whose slug (the id
// after its date) is want, when one is; else the one Suggest finds.
func suggestID(want string, ids []string) string {
	meant := ""
	for _, id := range ids {
		if len(id) > len("YYYY-MM-DD-") && id[len("YYYY-MM-DD-"):] == want && id != meant {
			if meant != "" {
				return "" // two reviews of that slug: which?
			}
			meant = id
		}
	}
	if meant != "" {
		return meant
	}
	return Suggest(want, ids)
}

// ReadID reads, decodes and checks the review whose id is id (Lookup), as
// ReadFile does. A review whose front matter cannot be decoded at all is
// returned with an error: the first error finding, which says where and
// what is wrong.
func ReadID(fsys fs.FS, id string, cfg *Config, now time.Time) (*Review, []Finding, error) {
	p, err := Lookup(fsys, id)
	if err != nil {
		return nil, nil, err
	}
	if cfg == nil {
		cfg = &Config{}
	}
	if now.IsZero() {
		now = time.Now()
	}
	r, d, findings := loadFile(fsys, p, cfg)
	findings = dueFindings(findings, now)
	if d == nil {
		for _, f := range findings {
			if f.Severity == Error {
				return r, findings, fmt.Errorf("%w (the review cannot be read until this is mended; 'fupan check' says more)", &f)
			}
		}
		return r, findings, fmt.Errorf("%s: the review cannot be read", p)
	}
	return r, findings, nil
}
