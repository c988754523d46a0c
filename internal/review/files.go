package review

import (
	"io/fs"
	"path"
	"strings"
	"time"
)

// An Entry is a review file as its folder lists it.
type Entry struct {
	Path string // slash-separated, from the repository root
	fs.DirEntry
}

// Entries lists the review files of fsys (reviews/**/*.md, less README.md,
// hidden and "_" names, and symlinks out of the repository), sorted, with
// their directory entries, and findings for what cannot be read or is not
// followed.
func Entries(fsys fs.FS) ([]Entry, []Finding, error) {
	return reviewEntries(fsys)
}

// IsReviewPath reports whether p, a slash path from the repository root,
// is where a review file is: reviews/**/*.md, less README.md and names
// (of the file or a folder under reviews/) that start with "." or "_".
func IsReviewPath(p string) bool {
	rest, ok := strings.CutPrefix(p, Dir+"/")
	if !ok || !isReviewName(path.Base(p)) {
		return false
	}
	for part := range strings.SplitSeq(rest, "/") {
		if notReview(part) {
			return false
		}
	}
	return true
}

// notReview reports whether a file or folder under reviews/ is left out,
// with all below it: a name that starts with "." or "_".
func notReview(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

// isReviewName reports whether a file's name is a review's: *.md, not
// README.md.
func isReviewName(name string) bool {
	return strings.HasSuffix(name, ".md") && name != "README.md"
}

// ReadFile reads, decodes and checks one review file. The cross-file rules
// (unique ids, related) need every review and are left to Load. The Review
// is nil only when the file cannot be read.
func ReadFile(fsys fs.FS, path string, cfg *Config, now time.Time) (*Review, []Finding) {
	if cfg == nil {
		cfg = &Config{}
	}
	if now.IsZero() {
		now = time.Now()
	}
	r, _, findings := loadFile(fsys, path, cfg)
	return r, dueFindings(findings, now)
}

// Locate returns the line and column of a field of the review file at path
// in fsys, named as findings name it ("tags[2]", "failure.dependency";
// "body" for the first line of the body): where a later stage, such as the
// build, points at what it could not use. It is 1, 1 for "" and when the
// file or the field cannot be found; the nearest enclosing field when the
// field is not there itself.
func Locate(fsys fs.FS, path, field string) (line, col int) {
	data, err := readLimited(fsys, path)
	if err != nil || field == "" {
		return 1, 1
	}
	src, bad := cleanSource(data)
	if bad != nil {
		return 1, 1
	}
	fm, bad := splitFrontMatter(src)
	if bad != nil {
		return 1, 1
	}
	if field == "body" {
		return fm.BodyLine, 1
	}
	d, _ := decodeYAML(fm)
	if d == nil {
		return 1, 1
	}
	return d.pos(fieldPointer(field), false)
}

// fieldPointer turns a field as findings name it into a JSON pointer:
// "actions[0].due" becomes "/actions/0/due". It undoes fieldPath.
func fieldPointer(field string) string {
	var b strings.Builder
	for _, part := range strings.Split(field, ".") {
		name, index, _ := strings.Cut(part, "[")
		b.WriteString("/" + escapePtr(name))
		for index != "" {
			var i string
			i, index, _ = strings.Cut(index, "]")
			b.WriteString("/" + i)
			index = strings.TrimPrefix(index, "[")
		}
	}
	return b.String()
}
