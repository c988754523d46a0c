package site

import (
	"bytes"
	"cmp"
	"encoding/json"
	"encoding/xml"
	"fmt"
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

// json writes reviews.json, every review's structured data for other
// tools: as encoding/json's Encoder with SetIndent("", " ") writes a
// jsonSite, but put together from each review's entry, encoded once per
// review (and in parallel).
func (s *site) json() error {
	var todo []*review.Review
	for _, rv := range s.reviews {
		if s.entries[rv] == nil {
			todo = append(todo, rv)
		}
	}
	made := make([][]byte, len(todo))
	var jobs []func() error
	const batch = 128
	for lo := 0; lo < len(todo); lo += batch {
		hi := min(lo+batch, len(todo))
		jobs = append(jobs, func() error {
			for i := lo; i < hi; i++ {
				e, err := s.jsonEntry(todo[i])
				if err != nil {
					return err
				}
				made[i] = e
			}
			return nil
		})
	}
	if err := parallel(jobs); err != nil {
		return err
	}
	if s.render.keep { // a Builder's: the next build takes them
		for i, rv := range todo {
			s.entries[rv] = made[i]
		}
	} else {
		for i, rv := range todo {
			s.entries[rv] = made[i]
			made[i] = nil
		}
		defer clear(s.entries)
	}
	title, err := json.Marshal(s.title)
	if err != nil {
		return err
	}
	size := 64 + len(title)
	for _, rv := range s.reviews {
		size += len(s.entries[rv]) + 4
	}
	b := make([]byte, 0, size)
	b = append(b, "{\n \"title\": "...)
	b = append(b, title...)
	b = append(b, ",\n \"version\": 1,\n \"reviews\": ["...)
	for i, rv := range s.reviews {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n  "...)
		b = append(b, s.entries[rv]...)
	}
	if len(s.reviews) > 0 {
		b = append(b, "\n "...)
	}
	b = append(b, "]\n}\n"...)
	s.put("reviews.json", b)
	return nil
}

// jsonEntry encodes the entry of rv in reviews.json, indented as an
// element of the reviews array.
func (s *site) jsonEntry(rv *review.Review) ([]byte, error) {
	j := jsonReview{ID: rv.ID, Path: rv.Path, URL: "reviews/" + rv.ID + "/", Review: rv, AllExceptions: rv.Exceptions()}
	if s.opt.History != nil {
		j.History = s.opt.History[rv.Path]
	}
	compact, err := json.Marshal(j)
	if err != nil {
		return nil, fmt.Errorf("reviews.json: %s: %w", rv.Path, err)
	}
	var b bytes.Buffer
	b.Grow(len(compact) * 5 / 4)
	if err := json.Indent(&b, compact, "  ", " "); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
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
// It is written as encoding/xml's Encoder with Indent("", " ") writes a
// urlset, by hand: fifteen thousand addresses are written on every rebuild.
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
	b.Grow(len(u.URLs) * 128)
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for _, l := range u.URLs {
		b.WriteString("\n <url>\n  <loc>")
		if err := xml.EscapeText(&b, []byte(l.Loc)); err != nil {
			return err
		}
		b.WriteString("</loc>")
		if l.LastMod != "" {
			b.WriteString("\n  <lastmod>")
			if err := xml.EscapeText(&b, []byte(l.LastMod)); err != nil {
				return err
			}
			b.WriteString("</lastmod>")
		}
		b.WriteString("\n </url>")
	}
	b.WriteString("\n</urlset>\n")
	s.put("sitemap.xml", b.Bytes())
	return nil
}
