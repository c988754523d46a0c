package site

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fupan/fupan/internal/review"
)

// The charts are computed here as shapes with coordinates, and drawn as
// SVG by the theme's templates (partials.html), so that every text in them
// is escaped by html/template.

// A Timeline is the error window of one review on a line.
type Timeline struct {
	Width, Height int
	X1, X2        float64 // the window, start to end
	Span          string  // X2 - X1 with one decimal, the window's width: "560.0"
	Marks         []Mark
}

// A Mark is one moment of the window.
type Mark struct {
	X     float64
	Label string // message id: Start, Detected, Mitigated, End
	Time  string // hh:mm
	Above bool   // label above the line, to keep close labels apart
	Class string // Label in lower case: start, detected, …
	Text  string // Label translated, and Time: "Start 10:04"
}

// newTimeline draws the window w, its times in loc (nil: as written), its
// labels in lang.
func newTimeline(w review.Window, loc *time.Location, lang string) *Timeline {
	if w.Start.IsZero() || w.End.IsZero() {
		return nil
	}
	type moment struct {
		label string
		t     review.Time
	}
	moments := []moment{{"Start", w.Start}, {"Detected", w.Detected}, {"Mitigated", w.Mitigated}, {"End", w.End}}
	lo, hi := w.Start.Time, w.End.Time
	for _, m := range moments {
		if !m.t.IsZero() && m.t.After(hi) {
			hi = m.t.Time
		}
	}
	span := hi.Sub(lo)
	if span <= 0 {
		span = time.Minute
	}
	const width, pad = 640, 40
	x := func(t time.Time) float64 {
		return round1(pad + float64(width-2*pad)*float64(t.Sub(lo))/float64(span))
	}
	tl := &Timeline{Width: width, Height: 92, X1: x(w.Start.Time), X2: x(w.End.Time)}
	tl.Span = strconv.FormatFloat(tl.X2-tl.X1, 'f', 1, 64)
	above := true
	for _, m := range moments {
		if m.t.IsZero() {
			continue
		}
		t := m.t.Time
		if loc != nil {
			t = t.In(loc)
		}
		hm := t.Format("15:04")
		tl.Marks = append(tl.Marks, Mark{X: x(m.t.Time), Label: m.label, Time: hm, Above: above,
			Class: strings.ToLower(m.label), Text: msg(lang, m.label) + " " + hm})
		above = !above
	}
	return tl
}

func round1(f float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'f', 1, 64), 64)
	return v
}

// A BarChart is stacked vertical bars, one per month.
type BarChart struct {
	Width, Height int
	Bars          []Bar
	Ticks         []Tick // the y axis
	Labels        []Tick // the x axis, every year
	Legend        []Count
	Base          float64 // the y of the axis
}

// A Bar is one month, its segments one per severity.
type Bar struct {
	X, W  float64
	Title string
	Segs  []Seg
}

// A Seg is part of a bar.
type Seg struct {
	Y, H  float64
	Rank  int
	Title string
}

// A Tick is a labelled position on an axis.
type Tick struct {
	Pos   float64
	Label string
}

const chartW, chartH, chartLeft, chartBottom, chartTop = 720, 280, 56, 24, 30 // chartTop leaves room for the unit atop the y axis

// monthly counts the reviews per month by severity.
func (s *site) monthly() *BarChart {
	if len(s.reviews) == 0 {
		return nil
	}
	sevs := s.cfg.SeverityNames()
	counts := map[string][]int{}
	for _, rv := range s.reviews {
		if len(rv.Date) < 7 {
			continue
		}
		m := rv.Date[:7]
		if counts[m] == nil {
			counts[m] = make([]int, len(sevs))
		}
		if r, ok := s.sevRank[rv.Severity]; ok {
			counts[m][r]++
		}
	}
	months := monthsBetween(s.reviews[len(s.reviews)-1].Date, s.reviews[0].Date)
	maxN := 1
	for _, c := range counts {
		n := 0
		for _, v := range c {
			n += v
		}
		maxN = max(maxN, n)
	}
	top := niceCeil(maxN)
	c := &BarChart{Width: chartW, Height: chartH, Base: chartH - chartBottom}
	plotH := float64(chartH - chartBottom - chartTop)
	step := float64(chartW-chartLeft-8) / float64(len(months))
	for i, m := range months {
		x := chartLeft + float64(i)*step
		b := Bar{X: round1(x + step*0.1), W: round1(max(step*0.8, 1)), Title: m}
		y := c.Base
		total := 0
		for r, n := range counts[m] {
			if n == 0 {
				continue
			}
			h := plotH * float64(n) / float64(top)
			y -= h
			total += n
			b.Segs = append(b.Segs, Seg{Y: round1(y), H: round1(h), Rank: r, Title: fmt.Sprintf("%s %s: %d", m, sevs[r], n)})
		}
		b.Title = fmt.Sprintf("%s: %d", m, total)
		c.Bars = append(c.Bars, b)
		if strings.HasSuffix(m, "-01") || i == 0 {
			c.Labels = append(c.Labels, Tick{round1(x), m[:4]})
		}
	}
	for _, v := range []int{0, top / 2, top} {
		c.Ticks = append(c.Ticks, Tick{round1(c.Base - plotH*float64(v)/float64(top)), strconv.Itoa(v)})
	}
	for i, name := range sevs {
		c.Legend = append(c.Legend, Count{Name: name, Rank: i})
	}
	return c
}

// monthsBetween lists the months "YYYY-MM" from a's to b's, inclusive.
func monthsBetween(a, b string) []string {
	t, err1 := time.Parse("2006-01", a[:min(7, len(a))])
	end, err2 := time.Parse("2006-01", b[:min(7, len(b))])
	if err1 != nil || err2 != nil {
		return nil
	}
	var out []string
	for ; !t.After(end); t = t.AddDate(0, 1, 0) {
		out = append(out, t.Format("2006-01"))
	}
	return out
}

// niceCeil rounds n up to 2, 4, 6 or 10 times a power of ten, so that
// half of it is a whole number too.
func niceCeil(n int) int {
	for p := 1; ; p *= 10 {
		for _, m := range []int{2, 4, 6, 10} {
			if n <= m*p {
				return m * p
			}
		}
	}
}

// A LineChart is median time to detect and to mitigate per quarter.
type LineChart struct {
	Width, Height int
	Base          float64
	Lines         []Line
	Ticks         []Tick
	Labels        []Tick
	Rows          []MedianRow // the medians and their sample sizes, by quarter
}

// A MedianRow is a quarter's medians, each with the number of reviews it
// is the median of; N is 0 where the quarter has none.
type MedianRow struct {
	Quarter            string
	Detect, Mitigate   float64
	NDetect, NMitigate int
}

// A Line is one series.
type Line struct {
	Label  string // message id
	Class  string
	Points string // the SVG polyline points
	Dots   []Dot
}

// A Dot is one point of a line, with its tooltip.
type Dot struct {
	X, Y  float64
	Title string
}

// durations charts the median minutes to detect and to mitigate per
// quarter.
func (s *site) durations() *LineChart {
	type series map[string][]float64
	detect, mitigate := series{}, series{}
	quarters := map[string]bool{}
	for _, rv := range s.reviews {
		w := rv.Window
		if w.Start.IsZero() || len(rv.Date) < 7 {
			continue
		}
		m, _ := strconv.Atoi(rv.Date[5:7])
		q := fmt.Sprintf("%s Q%d", rv.Date[:4], (m+2)/3)
		if !w.Detected.IsZero() && !w.Detected.Before(w.Start.Time) {
			detect[q] = append(detect[q], w.Detected.Sub(w.Start.Time).Minutes())
			quarters[q] = true
		}
		if !w.Mitigated.IsZero() && !w.Mitigated.Before(w.Start.Time) {
			mitigate[q] = append(mitigate[q], w.Mitigated.Sub(w.Start.Time).Minutes())
			quarters[q] = true
		}
	}
	if len(quarters) == 0 {
		return nil
	}
	var qs []string
	for q := range quarters {
		qs = append(qs, q)
	}
	slices.Sort(qs)
	maxV := 1.0
	med := func(sr series) map[string]float64 {
		out := map[string]float64{}
		for q, v := range sr {
			slices.Sort(v)
			out[q] = v[len(v)/2]
			maxV = max(maxV, out[q])
		}
		return out
	}
	md, mm := med(detect), med(mitigate)
	rows := make([]MedianRow, len(qs))
	for i, q := range qs {
		rows[i] = MedianRow{Quarter: q, Detect: md[q], Mitigate: mm[q], NDetect: len(detect[q]), NMitigate: len(mitigate[q])}
	}
	top := float64(niceCeil(int(maxV + 0.999)))
	c := &LineChart{Width: chartW, Height: chartH, Base: chartH - chartBottom, Rows: rows}
	plotH := float64(chartH - chartBottom - chartTop)
	step := float64(chartW-chartLeft-16) / float64(max(len(qs)-1, 1))
	xOf := func(i int) float64 { return round1(chartLeft + 8 + float64(i)*step) }
	for _, ser := range []struct {
		label, class string
		v            map[string]float64
		n            series
	}{{"Time to detect", "ttd", md, detect}, {"Time to mitigate", "ttm", mm, mitigate}} {
		l := Line{Label: ser.label, Class: ser.class}
		var pts []string
		for i, q := range qs {
			v, ok := ser.v[q]
			if !ok {
				continue
			}
			y := round1(c.Base - plotH*v/top)
			pts = append(pts, fmt.Sprintf("%g,%g", xOf(i), y))
			l.Dots = append(l.Dots, Dot{xOf(i), y, fmt.Sprintf("%s: %.0f min (n = %d)", q, v, len(ser.n[q]))})
		}
		l.Points = strings.Join(pts, " ")
		c.Lines = append(c.Lines, l)
	}
	for _, v := range []float64{0, top / 2, top} {
		c.Ticks = append(c.Ticks, Tick{round1(c.Base - plotH*v/top), strconv.FormatFloat(v, 'f', -1, 64)})
	}
	for i, q := range qs {
		if strings.HasSuffix(q, "Q1") || i == 0 {
			c.Labels = append(c.Labels, Tick{xOf(i), q[:4]})
		}
	}
	return c
}

// A TopChart is the most frequent terms of a kind, as a list of bars in
// HTML (so that long names wrap on a phone), each as long as its count
// is of the scale: the largest count rounded up (niceCeil).
type TopChart struct {
	Rows  []TopRow
	Scale int
}

// A TopRow is one term of a TopChart.
type TopRow struct {
	Term *Term
	N    int
	Pct  float64 // the bar's length, in percent of the scale
}

const topN = 10

func (s *site) top(kind string) *TopChart {
	terms := slices.Clone(s.ix.byKind[kind])
	slices.SortStableFunc(terms, func(a, b *Term) int { return -cmp.Compare(len(a.Reviews), len(b.Reviews)) })
	terms = terms[:min(topN, len(terms))]
	if len(terms) == 0 {
		return nil
	}
	c := &TopChart{Scale: niceCeil(len(terms[0].Reviews))}
	for _, t := range terms {
		c.Rows = append(c.Rows, TopRow{Term: t, N: len(t.Reviews), Pct: round1(100 * float64(len(t.Reviews)) / float64(c.Scale))})
	}
	return c
}

// Insights is the data of the insights page.
type Insights struct {
	Monthly      *BarChart
	Durations    *LineChart
	Exceptions   *TopChart
	Dependencies *TopChart
}

func (s *site) insightsPage() error {
	in := &Insights{Monthly: s.monthly(), Durations: s.durations(), Exceptions: s.top("exceptions"), Dependencies: s.top("dependencies")}
	return s.execute("insights", "insights/index.html", msg(s.lang, "Insights"), "insights", in)
}
