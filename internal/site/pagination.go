package site

import (
	"cmp"
	"strconv"
)

// perPage is how many reviews or actions one page of a list holds: about
// 60 kB of HTML, so that no page of a list passes 200 kB however many
// reviews the repository has. A longer list goes on in DIR/page/2/,
// DIR/page/3/… (A variable for the tests, which split short lists.)
var perPage = 200

// A Pager is where a page of a list stands among the list's pages.
type Pager struct {
	N, Of      int        // this page, from 1, and the number of pages
	From, To   int        // the items shown, from 1
	Total      int        // the items of the whole list
	Prev, Next string     // the pages before and after, relative to this one; "" at either end
	Pages      []PageLink // every page, when there is more than one
}

// A PageLink is one page of a list in the pager.
type PageLink struct {
	N       int
	URL     string // relative to the page showing the pager
	Current bool
}

// pageFile is the file of page n (from 1) of the list in dir ("reviews/").
func pageFile(dir string, n int) string {
	if n == 1 {
		return dir + "index.html"
	}
	return dir + "page/" + strconv.Itoa(n) + "/index.html"
}

// pageLink is the link from page from to page to of one list.
func pageLink(from, to int) string {
	up := ""
	if from > 1 {
		up = "../../"
	}
	if to == 1 {
		return cmp.Or(up, "./")
	}
	return up + "page/" + strconv.Itoa(to) + "/"
}

// paginate renders a list of n items in pages of perPage under dir:
// render(file, from, to, pager) renders the page of items [from, to). It
// removes the pages of dir that an earlier, longer list left (an
// incremental build starts from the last build's files).
//
// same, when not nil, reports whether the page of items [from, to) is
// made of what the last build's page was (see site.prev): the same
// items, the same n, the same all else the page shows. Such a page, held
// from the last build, is kept as it is.
func (s *site) paginate(dir string, n int, same func(from, to int) bool, render func(file string, from, to int, p *Pager) error) error {
	pages := max(1, (n+perPage-1)/perPage)
	s.mu.Lock()
	for i := pages + 1; ; i++ {
		f := pageFile(dir, i)
		if !s.has(f) {
			break
		}
		s.drop(f)
	}
	s.mu.Unlock()
	for i := 1; i <= pages; i++ {
		from, to := (i-1)*perPage, min(i*perPage, n)
		if same != nil && s.holds(pageFile(dir, i)) && same(from, to) {
			continue
		}
		p := &Pager{N: i, Of: pages, From: from + 1, To: to, Total: n}
		if i > 1 {
			p.Prev = pageLink(i, i-1)
		}
		if i < pages {
			p.Next = pageLink(i, i+1)
		}
		if pages > 1 {
			for j := 1; j <= pages; j++ {
				p.Pages = append(p.Pages, PageLink{N: j, URL: pageLink(i, j), Current: i == j})
			}
		}
		if err := render(pageFile(dir, i), from, to, p); err != nil {
			return err
		}
	}
	return nil
}
