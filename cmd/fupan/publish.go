package main

import (
	"github.com/fupan/fupan/internal/history"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/search"
	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/internal/webindex"
)

// publishGit makes what git says fit a publish profile's site, pub (as
// Profile.Apply made it): each review's history under its published path,
// with the profile's redactions made in names, e-mail addresses and
// paths; and no links to the forge when its address or the branch holds
// what the profile redacts.
func publishGit(p *review.Profile, pub *review.Repo, opt *site.Options) {
	if opt.History != nil {
		h := make(map[string]*history.File, len(pub.Reviews))
		for published, source := range pub.Sources {
			f := opt.History[source]
			if f == nil {
				continue
			}
			c := *f
			c.Path = published
			c.First.Author = redactPerson(p, f.First.Author)
			c.Last.Author = redactPerson(p, f.Last.Author)
			c.Contributors = make([]history.Person, len(f.Contributors))
			for i, who := range f.Contributors {
				c.Contributors[i] = redactPerson(p, who)
			}
			h[published] = &c
		}
		opt.History = h
	}
	if p.Redact(opt.Forge) != opt.Forge || p.Redact(opt.Branch) != opt.Branch {
		opt.Forge = ""
	}
}

func redactPerson(p *review.Profile, who history.Person) history.Person {
	return history.Person{Name: p.Redact(who.Name), Email: p.Redact(who.Email)}
}

// publishedSearch exports the search index of a publish profile's
// reviews, built in memory from them as the profile shows them, never
// from their files. It returns the files under search/index/, by site
// path.
func publishedSearch(reviews []*review.Review) (map[string][]byte, error) {
	ix, err := search.FromReviews(reviews)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	files := map[string][]byte{}
	_, err = webindex.Write(files, ix, reviews)
	return files, err
}
