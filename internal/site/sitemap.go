package site

import (
	"bytes"
	"encoding/xml"
)

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
