package site

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"time"

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
		ID:    cmp.Or(s.baseURL, "urn:fupan:"+s.title),
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
			Title: rv.Title, ID: cmp.Or(s.baseURL, "urn:fupan:") + "reviews/" + rv.ID + "/",
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
