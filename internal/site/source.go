package site

import (
	"fmt"
	"io"

	"github.com/fupan/fupan/internal/review"
)

// sourceFile is where the Markdown source of a review is published:
// beside its page, which links to it (rel=alternate, text/markdown).
func sourceFile(rv *review.Review) string { return "reviews/" + rv.ID + "/index.md" }

// source publishes the review file of rv as it is written, front matter
// and body, read from the repository the reviews were read from
// (review.Repo.FS); nothing when the repository does not say.
func (s *site) source(rv *review.Review) error {
	if s.src == nil {
		return nil
	}
	f, err := s.src.Open(rv.Path)
	if err != nil {
		return reviewError(rv, "", "", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, review.MaxFileSize+1))
	if err != nil {
		return reviewError(rv, "", "", err)
	}
	if len(data) > review.MaxFileSize {
		return reviewError(rv, "", "", fmt.Errorf("larger than the %d bytes a review may be", review.MaxFileSize))
	}
	s.put(sourceFile(rv), data)
	return nil
}
