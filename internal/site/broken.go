package site

import (
	"path"
	"slices"
	"strings"

	"github.com/fupan/fupan/internal/review"
)

// Broken is the data of the page of a review that has errors: its file
// and what check says of it, errors and warnings, in file order.
type Broken struct {
	Path     string
	Findings []review.Finding
}

// BuildAround renders the site of a repository that has errors, for
// 'fupan serve' before it has had a good build: every review without an
// error is rendered as usual, and a review with one is left out of every
// list and index, its page (reviews/ID/index.html) listing its findings,
// FILE:LINE:COL: message, instead. 'fupan build' never calls it: it
// builds only a repository without errors.
func BuildAround(repo *review.Repo, opt Options) (Files, error) {
	broken := map[string]*Broken{}
	for _, f := range repo.Findings {
		if f.Severity == review.Error && isReviewFile(f.File) {
			broken[f.File] = &Broken{Path: f.File}
		}
	}
	for _, f := range repo.Findings {
		if b := broken[f.File]; b != nil {
			b.Findings = append(b.Findings, f)
		}
	}
	ok := *repo
	ok.Reviews = slices.DeleteFunc(slices.Clone(repo.Reviews), func(rv *review.Review) bool { return broken[rv.Path] != nil })
	s, err := newSite(&ok, opt, newRenderer(false), nil)
	if err != nil {
		return nil, err
	}
	if err := s.build(); err != nil {
		return nil, err
	}
	for _, b := range broken {
		id := strings.TrimSuffix(path.Base(b.Path), ".md")
		if id == "" || id == "." || id == ".." || strings.ContainsAny(id, "/\\") {
			continue
		}
		review.SortFindings(b.Findings)
		if err := s.execute("broken", "reviews/"+id+"/index.html", b.Path, "reviews", b); err != nil {
			return nil, err
		}
	}
	return s.out, nil
}

// isReviewFile reports whether a finding's file is a review's, not
// fupan.yaml's or the reviews/ folder's.
func isReviewFile(file string) bool {
	return strings.HasPrefix(file, review.Dir+"/") && strings.HasSuffix(file, ".md")
}
