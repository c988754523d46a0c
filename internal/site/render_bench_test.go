package site

import (
	"testing"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/theme"
)

// load2k loads 2,000 generated reviews, a quarter of them in Chinese.
func load2k(b *testing.B) *review.Repo {
	repo, err := review.Load(gen.MapFS(gen.Options{N: 2000, Seed: 1, ChineseShare: 0.25}), review.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	return repo
}

// BenchmarkReviewPages2k renders the pages of 2,000 generated reviews one
// after the other, each time with a new renderer and new templates: the
// review pages of a cold build, the largest part of its rendering.
func BenchmarkReviewPages2k(b *testing.B) {
	repo := load2k(b)
	for b.Loop() {
		s, err := newSite(repo, Options{Theme: theme.FS()}, newRenderer(false), nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, rv := range s.reviews {
			if err := s.reviewPage(rv, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkBuild2k renders the whole site of 2,000 generated reviews: a
// cold build, without the disk.
func BenchmarkBuild2k(b *testing.B) {
	repo := load2k(b)
	for b.Loop() {
		if _, err := Build(repo, Options{Theme: theme.FS()}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReviewTemplate2k executes the review template for the pages of
// 2,000 generated reviews, their Markdown and code rendered beforehand
// (template), and fills in their tables of contents (toc): what a review
// page costs besides its Markdown.
func BenchmarkReviewTemplate2k(b *testing.B) {
	repo := load2k(b)
	s, err := newSite(repo, Options{Theme: theme.FS()}, newRenderer(false), nil)
	if err != nil {
		b.Fatal(err)
	}
	views := make([]*ReviewView, len(s.reviews))
	for i, rv := range s.reviews {
		if views[i], err = s.reviewView(rv, s.ix.related(rv, s.byID, s.pos)); err != nil {
			b.Fatal(err)
		}
	}
	s.recurrence() // made once per build, not per page
	pages := make([][]byte, len(views))
	render := func(b *testing.B) {
		clear(s.tmpl.items) // as in a cold build
		clear(s.tmpl.shared)
		buf := getBuffer()
		defer putBuffer(buf)
		for i, v := range views {
			buf.Reset()
			if err := s.renderPageTo(buf, "review", "reviews/"+v.ID+"/index.html", v.Title, "reviews", v); err != nil {
				b.Fatal(err)
			}
			pages[i] = append(pages[i][:0], buf.Bytes()...)
		}
	}
	render(b)
	b.Run("template", func(b *testing.B) {
		for b.Loop() {
			render(b)
		}
	})
	b.Run("toc", func(b *testing.B) {
		label := msg(s.lang, "On this page")
		for b.Loop() {
			for _, p := range pages {
				addTOC(p, label)
			}
		}
	})
}
