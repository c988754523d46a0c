package site

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/fupan/fupan/internal/history"
	"github.com/fupan/fupan/internal/review"
)

// A ReviewView is a review as its page shows it.
type ReviewView struct {
	*review.Review
	Body, Traceback, Reproduction template.HTML
	Timeline                      *Timeline
	Exceptions, Services, Tags    []*Term
	Dependency, Year              *Term
	Settings                      []review.Setting
	Related                       []Related
	History                       *history.File
	FileURL, HistoryURL, EditURL  string
	SummaryMore                   template.HTML // the body's opening summary section, shown under Summary
	Versions                      []VersionChip
	Source                        string // its Markdown source, relative to the page; "" when not published
	TimeToDetect, TimeToMitigate  string
	Fields                        []CustomField // the custom fields of fupan.yaml it has
}

// reviewPage renders the page of rv; related are its related reviews, nil
// to work them out.
func (s *site) reviewPage(rv *review.Review, related []Related) error {
	if related == nil {
		related = s.ix.related(rv, s.byID, s.pos)
	}
	key := relatedKey(related)
	s.mu.Lock()
	s.related[rv.ID] = key
	s.mu.Unlock()
	v, err := s.reviewView(rv, related)
	if err != nil {
		return err
	}
	file := "reviews/" + rv.ID + "/index.html"
	b := getBuffer()
	defer putBuffer(b)
	if err := s.renderPageTo(b, "review", file, rv.Title, "reviews", v); err != nil {
		return reviewError(rv, "", "", err)
	}
	s.putPage(file, addTOC(b.Bytes(), msg(s.lang, "On this page")))
	return nil
}

// reviewView makes what the page of rv shows, with its related reviews:
// its Markdown and code rendered, its terms looked up.
func (s *site) reviewView(rv *review.Review, related []Related) (*ReviewView, error) {
	v := &ReviewView{
		Review:     rv,
		Exceptions: s.ix.terms("exceptions", rv.Exceptions()),
		Services:   s.ix.terms("services", rv.Services),
		Tags:       s.ix.terms("tags", rv.Tags),
		Dependency: s.ix.term("dependencies", rv.Failure.Dependency),
		Year:       s.ix.term("years", rv.Date[:min(4, len(rv.Date))]),
		Settings:   rv.Settings(),
		Related:    related,
		Timeline:   newTimeline(rv.Window, s.loc(), s.lang),
		Fields:     s.customFields(rv),
	}
	v.Versions = versionChips(rv.Versions)
	more, body := splitSummary(rv.Body)
	var err error
	if v.Body, err = s.render.markdown(body); err != nil {
		return nil, reviewError(rv, "body", "", err)
	}
	if more != "" {
		if v.SummaryMore, err = s.render.markdown(more); err != nil {
			return nil, reviewError(rv, "body", "", err)
		}
	}
	if rv.Traceback != "" {
		if v.Traceback, err = s.render.code(rv.Traceback, "traceback"); err != nil {
			return nil, reviewError(rv, "traceback", "", err)
		}
	}
	if rv.Reproduction != "" {
		if v.Reproduction, err = s.render.code(rv.Reproduction, reproLang(rv.Reproduction)); err != nil {
			return nil, reviewError(rv, "reproduction", "", err)
		}
	}
	w := rv.Window
	if !w.Start.IsZero() && !w.Detected.IsZero() {
		v.TimeToDetect = duration(w.Detected.Sub(w.Start.Time))
	}
	if !w.Start.IsZero() && !w.Mitigated.IsZero() {
		v.TimeToMitigate = duration(w.Mitigated.Sub(w.Start.Time))
	}
	if s.opt.History != nil {
		v.History = s.opt.History[rv.Path]
	}
	if s.src != nil {
		v.Source = s.sources.link(rv.ID)
	}
	v.FileURL = history.BlobURL(s.opt.Forge, s.opt.Branch, rv.Path)
	v.HistoryURL = history.HistoryURL(s.opt.Forge, s.opt.Branch, rv.Path)
	v.EditURL = history.EditURL(s.opt.Forge, s.opt.Branch, rv.Path)
	return v, nil
}

// reproLang guesses the language of a reproduction: Python when it reads
// like a script, else a shell session (curl, python -c, redis-cli).
func reproLang(src string) string {
	t := strings.TrimSpace(src)
	if strings.HasPrefix(t, "import ") || strings.HasPrefix(t, "from ") || strings.HasPrefix(t, "def ") {
		return "python"
	}
	return "bash"
}

// duration prints d as "4 min", "1 h 12 min", "2 d 3 h".
func duration(d time.Duration) string {
	if d < 0 {
		return ""
	}
	m := int(d.Round(time.Minute) / time.Minute)
	switch {
	case m < 60:
		return fmt.Sprintf("%d min", m)
	case m < 24*60:
		if m%60 == 0 {
			return fmt.Sprintf("%d h", m/60)
		}
		return fmt.Sprintf("%d h %d min", m/60, m%60)
	}
	return fmt.Sprintf("%d d %d h", m/(24*60), m%(24*60)/60)
}

// loc is the configured time zone, nil to keep each time's own offset;
// loaded once (time.LoadLocation reads the zone's file every time).
func (s *site) loc() *time.Location {
	s.locOnce.Do(func() {
		if s.cfg.Timezone != "" {
			if l, err := time.LoadLocation(s.cfg.Timezone); err == nil {
				s.location = l
			}
		}
	})
	return s.location
}

// Count is a number of reviews with a severity or status.
type Count struct {
	Name string
	Rank int
	N    int
}

// An ActionItem is an action of a review.
type ActionItem struct {
	review.Action
	Review *review.Review
	index  int // of the action among the review's
}

// openActions returns every open action, the earliest due first, those
// with no due date last.
func (s *site) openActions() []ActionItem {
	var out []ActionItem
	for _, rv := range s.reviews {
		for i, a := range rv.Actions {
			if a.Status == "open" {
				out = append(out, ActionItem{a, rv, i})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b ActionItem) int {
		if (a.Due == "") != (b.Due == "") {
			if a.Due == "" {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.Due, b.Due)
	})
	return out
}

// Home is the data of the home page.
type Home struct {
	Total      int
	BySeverity []Count
	ByStatus   []Count
	Recent     []*review.Review
	Open       []ActionItem
	OpenTotal  int
}

const recentOnHome, actionsOnHome = 12, 10

func (s *site) home() error {
	h := &Home{Total: len(s.reviews)}
	sev := map[string]int{}
	st := map[string]int{}
	for _, rv := range s.reviews {
		sev[rv.Severity]++
		st[string(rv.Status)]++
	}
	for i, name := range s.cfg.SeverityNames() {
		h.BySeverity = append(h.BySeverity, Count{name, i, sev[name]})
	}
	for _, name := range []review.Status{review.Draft, review.Ready, review.Final} {
		h.ByStatus = append(h.ByStatus, Count{Name: string(name), N: st[string(name)]})
	}
	h.Recent = s.reviews[:min(recentOnHome, len(s.reviews))]
	open := s.openActions()
	h.OpenTotal = len(open)
	h.Open = open[:min(actionsOnHome, len(open))]
	return s.execute("home", "index.html", "", "home", h)
}

// TermIndex is the data of a kind's index page.
type TermIndex struct {
	Kind  *Kind
	Terms []*Term
}

func (s *site) searchPage() error {
	return s.execute("search", "search/index.html", msg(s.lang, "Search"), "search", nil)
}

func (s *site) notFound() error {
	return s.execute("404", "404.html", msg(s.lang, "Page not found"), "", nil)
}
