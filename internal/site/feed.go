package site

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"time"

	"github.com/fupan/fupan/internal/history"
	"github.com/fupan/fupan/internal/review"
)

// feedSize is the number of reviews in the Atom feed.
const feedSize = 50

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
}

type atomEntry struct {
	Title   string     `xml:"title"`
	ID      string     `xml:"id"`
	Updated string     `xml:"updated"`
	Link    atomLink   `xml:"link"`
	Summary string     `xml:"summary"`
	Author  atomAuthor `xml:"author"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

// abs returns the address of a page: under the base URL when there is
// one, else relative to the site root.
func (s *site) abs(p string) string { return s.baseURL + p }

// updated is when a review last changed: its last commit, else its date.
func (s *site) updated(rv *review.Review) string {
	if f := s.opt.History[rv.Path]; f != nil && !f.Last.When.IsZero() {
		return f.Last.When.UTC().Format(time.RFC3339)
	}
	return rv.Date + "T00:00:00Z"
}

func (s *site) feed() error {
	f := atomFeed{
		Title: s.title,
		ID:    cmpOr(s.baseURL, "urn:fupan:"+s.title),
		Links: []atomLink{{Href: s.abs("")}, {Href: s.abs("atom.xml"), Rel: "self"}},
	}
	for i, rv := range s.reviews {
		if i == feedSize {
			break
		}
		u := s.updated(rv)
		if u > f.Updated {
			f.Updated = u
		}
		f.Entries = append(f.Entries, atomEntry{
			Title: rv.Title, ID: cmpOr(s.baseURL, "urn:fupan:") + "reviews/" + rv.ID + "/",
			Updated: u, Link: atomLink{Href: s.abs("reviews/" + rv.ID + "/")},
			Summary: rv.Summary, Author: atomAuthor{Name: s.title},
		})
	}
	if f.Updated == "" {
		f.Updated = "1970-01-01T00:00:00Z"
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	b.WriteByte('\n')
	s.put("atom.xml", b.Bytes())
	return nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// jsonReview is a review in reviews.json: every field of the front matter,
// and what the site adds.
type jsonReview struct {
	ID   string `json:"id"`
	Path string `json:"path"`
	URL  string `json:"url"`
	*review.Review
	AllExceptions []string      `json:"all_exceptions"`
	History       *history.File `json:"history,omitempty"`
}

type jsonSite struct {
	Title   string       `json:"title"`
	Version int          `json:"version"`
	Reviews []jsonReview `json:"reviews"`
}

// json writes reviews.json, every review's structured data for other tools.
func (s *site) json() error {
	out := jsonSite{Title: s.title, Version: 1, Reviews: make([]jsonReview, 0, len(s.reviews))}
	for _, rv := range s.reviews {
		j := jsonReview{ID: rv.ID, Path: rv.Path, URL: "reviews/" + rv.ID + "/", Review: rv, AllExceptions: rv.Exceptions()}
		if s.opt.History != nil {
			j.History = s.opt.History[rv.Path]
		}
		out.Reviews = append(out.Reviews, j)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	s.put("reviews.json", b.Bytes())
	return nil
}

type urlset struct {
	XMLName xml.Name  `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []siteURL `xml:"url"`
}

type siteURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap lists every page. The sitemap protocol wants absolute
// addresses: without a base URL they are relative to the site root.
func (s *site) sitemap() error {
	u := urlset{URLs: []siteURL{{Loc: s.abs("")}, {Loc: s.abs("reviews/")}, {Loc: s.abs("actions/")}, {Loc: s.abs("insights/")}}}
	for _, rv := range s.reviews {
		u.URLs = append(u.URLs, siteURL{Loc: s.abs("reviews/" + rv.ID + "/"), LastMod: s.updated(rv)[:10]})
	}
	for _, k := range kinds {
		u.URLs = append(u.URLs, siteURL{Loc: s.abs(k.Dir + "/")})
		for _, t := range s.ix.byKind[k.Dir] {
			u.URLs = append(u.URLs, siteURL{Loc: s.abs(t.URL())})
		}
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(u); err != nil {
		return err
	}
	b.WriteByte('\n')
	s.put("sitemap.xml", b.Bytes())
	return nil
}
