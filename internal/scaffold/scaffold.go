// Package scaffold holds the files 'fupan init' writes to start a team's
// review repository, and writes them without ever overwriting one:
//
//	fupan.yaml                      the settings, every one commented
//	reviews/2025-03-18-….md         one final example review that passes check
//	.github/workflows/check.yml     pull-request checks, through fupan's reusable workflow
//	.github/workflows/pages.yml     publishing to GitHub Pages, through the same
//	.gitignore                      .fupan/, public/ and what a killed build leaves
//	schema/review.schema.json       the JSON Schema of the front matter, for editors
//
// The workflows call fupan/fupan/.github/workflows/fupan.yml, pinned (with
// the fupan version they install) to the release of the fupan that wrote
// them; see Pin.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"strings"
	"text/template"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/reviews"
)

//go:embed templates
var templates embed.FS

// ExampleReview is the embedded example review that a new repository starts
// with: final, and clean under 'fupan check' on its own.
const ExampleReview = "reviews/2025-03-18-profile-cache-redis-timeout.md"

// DefaultTitle is the site's title when Options.Title is empty.
const DefaultTitle = "Incident reviews"

// Options fill in the scaffold.
type Options struct {
	Title   string // the site's title; "" is DefaultTitle
	Version string // the fupan version to pin the workflows to; see Pin
}

// A File is one file of the scaffold.
type File struct {
	Path    string // slash path relative to the repository root
	Data    []byte
	Example bool // written only into a repository with no review yet
}

// Files returns the scaffold's files, in the order they are written.
func Files(opt Options) ([]File, error) {
	ref, install, err := Pin(opt.Version)
	if err != nil {
		return nil, err
	}
	title := strings.TrimSpace(opt.Title)
	if title == "" {
		title = DefaultTitle
	}
	data := map[string]string{"Title": title, "Ref": ref, "Install": install}

	example, err := fs.ReadFile(reviews.FS(), ExampleReview)
	if err != nil {
		return nil, fmt.Errorf("example review: %w", err)
	}
	var files []File
	for _, f := range []struct{ path, tmpl string }{
		{review.ConfigFile, "fupan.yaml"},
		{ExampleReview, ""},
		{".github/workflows/check.yml", "check.yml"},
		{".github/workflows/pages.yml", "pages.yml"},
		{".gitignore", "gitignore"},
		{review.SchemaPath, "schema"},
	} {
		if f.tmpl == "schema" {
			// Committed, so that every author's editor finds it; the
			// fupan.yaml written here declares no custom field.
			files = append(files, File{Path: f.path, Data: review.SchemaFor(nil)})
			continue
		}
		if f.tmpl == "" {
			files = append(files, File{Path: f.path, Data: example, Example: true})
			continue
		}
		b, err := execute(f.tmpl, data)
		if err != nil {
			return nil, err
		}
		files = append(files, File{Path: f.path, Data: b})
	}
	return files, nil
}

// execute fills in templates/name. The delimiters are <% %>, as the
// workflows hold GitHub's own ${{ }} expressions.
func execute(name string, data any) ([]byte, error) {
	t, err := template.New(name).Delims("<%", "%>").
		Funcs(template.FuncMap{"yamlString": func(s string) string { return fmt.Sprintf("%q", s) }}).
		ParseFS(templates, "templates/"+name)
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	return b.Bytes(), nil
}

var (
	releaseRE = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$`)
	pseudoRE  = regexp.MustCompile(`[0-9]{14}-[0-9a-f]{12}$`)
)

// Pin returns the ref of the reusable workflow the scaffold's workflows
// call and the fupan version they install, for version:
//
//	v1.2.3      a release: both pinned to v1.2.3
//	"", latest  the workflow on main and the latest release
//
// Anything else is an error.
func Pin(version string) (ref, install string, err error) {
	switch {
	case version == "" || version == "latest":
		return "main", "latest", nil
	case IsRelease(version):
		return version, version, nil
	}
	return "", "", fmt.Errorf("fupan version %q: use a release such as v1.2.3, or latest", version)
}

// IsRelease reports whether a module version, as debug.BuildInfo gives it,
// is a tagged release: not "(devel)", a pseudo-version or a +dirty build.
func IsRelease(version string) bool {
	return releaseRE.MatchString(version) && !pseudoRE.MatchString(version)
}

// A Skip is a file Write left alone, and why.
type Skip struct {
	Path, Reason string
}

// Result is what Write did.
type Result struct {
	Written []string // slash paths, in the order written
	Skipped []Skip
}

// Write writes files into dir, creating it and the folders it needs. It
// never overwrites: a file that exists (even one created a moment ago) is
// skipped, and so is an example review when reviews/ already holds one.
// Writing stops at the first I/O error, which names the file; the Result
// still says what was done until then.
func Write(dir string, files []File) (*Result, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	// os.Root never follows a symlink out of dir.
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()

	has, err := hasReviews(root.FS())
	if err != nil {
		return nil, err
	}
	res := &Result{}
	for _, f := range files {
		if _, err := root.Lstat(f.Path); err == nil {
			res.Skipped = append(res.Skipped, Skip{f.Path, "exists"})
			continue
		}
		if f.Example && has {
			res.Skipped = append(res.Skipped, Skip{f.Path, review.Dir + "/ already holds reviews"})
			continue
		}
		ok, err := create(root, f)
		if err != nil {
			return res, fmt.Errorf("write %s: %w", f.Path, err)
		}
		if !ok {
			res.Skipped = append(res.Skipped, Skip{f.Path, "exists"})
			continue
		}
		res.Written = append(res.Written, f.Path)
	}
	return res, nil
}

// create writes f unless it exists, and reports whether it wrote it.
func create(root *os.Root, f File) (bool, error) {
	if d := path.Dir(f.Path); d != "." {
		if err := root.MkdirAll(d, 0o755); err != nil {
			return false, err
		}
	}
	// O_EXCL: never overwrite, even a file created a moment ago.
	w, err := root.OpenFile(f.Path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if _, err := w.Write(f.Data); err != nil {
		w.Close()
		root.Remove(f.Path)
		return false, err
	}
	if err := w.Close(); err != nil {
		root.Remove(f.Path)
		return false, err
	}
	return true, nil
}

// hasReviews reports whether fsys holds a review under reviews/, as
// review.Load would find it.
func hasReviews(fsys fs.FS) (bool, error) {
	entries, _, err := review.Entries(fsys)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return len(entries) > 0, err
}
