package recurrence

import (
	"cmp"
	"slices"
	"sync"
	"time"

	"github.com/fupan/fupan/internal/review"
)

// Threshold is the weight two reviews must share to match; see the
// package doc for the weights.
const Threshold = 5

// The weights of what two reviews share.
const (
	weightException       = 3
	weightCommonException = 2
	weightDependency      = 2
	weightFunction        = 3
	weightFrames          = 2
	weightService         = 1
	minSharedFrames       = 2
)

// The reasons a match gives, in the order of the package doc's table.
const (
	ReasonException  = "same exception"
	ReasonDependency = "same dependency"
	ReasonFunction   = "same failing function"
	ReasonTraceback  = "similar traceback"
	ReasonService    = "same service"
)

// A Match is a review whose failure matches another's.
type Match struct {
	Review  *review.Review
	Score   int
	Reasons []string // what they share, strongest first, e.g. "same exception ReadTimeout"
	// Kinds are the reasons without their values: ReasonException, …
	Kinds []string
	gap   int64 // days between the two incidents
}

// An Index holds the signatures of a repository's reviews, for SeenBefore
// and SeenAgain. Build it once (New) and share it: it is safe for
// concurrent use, and keeps each review's matches once computed.
type Index struct {
	reviews []*review.Review
	sigs    []Signature
	dayOf   []int64 // of each review's date (see days)
	pos     map[*review.Review]int
	// postings: the reviews (by position) of each exception, dependency,
	// function and frame; what a match must share one of.
	byException, byDependency, byFunction, byFrame map[string][]int

	mu      sync.Mutex
	cache   map[int][]hit // like, by position
	tallies sync.Pool     // of *tally
}

// New indexes reviews; it keeps the slice, which it does not change.
func New(reviews []*review.Review) *Index {
	return newIndex(reviews, func(r *review.Review) Signature { return Of(r) })
}

// newIndex indexes reviews, the signature of each given by sig.
func newIndex(reviews []*review.Review, sig func(*review.Review) Signature) *Index {
	ix := &Index{
		reviews:      reviews,
		sigs:         make([]Signature, len(reviews)),
		dayOf:        make([]int64, len(reviews)),
		pos:          make(map[*review.Review]int, len(reviews)),
		byException:  map[string][]int{},
		byDependency: map[string][]int{},
		byFunction:   map[string][]int{},
		byFrame:      map[string][]int{},
		cache:        map[int][]hit{},
	}
	for i, r := range reviews {
		s := sig(r)
		ix.sigs[i] = s
		ix.dayOf[i] = days(r.Date)
		ix.pos[r] = i
		for _, e := range s.Exceptions {
			ix.byException[e] = append(ix.byException[e], i)
		}
		if s.Dependency != "" {
			ix.byDependency[s.Dependency] = append(ix.byDependency[s.Dependency], i)
		}
		if s.Function != "" {
			ix.byFunction[s.Function] = append(ix.byFunction[s.Function], i)
		}
		for _, f := range s.Frames {
			ix.byFrame[f] = append(ix.byFrame[f], i)
		}
	}
	return ix
}

// Reviews returns the reviews the index holds.
func (ix *Index) Reviews() []*review.Review { return ix.reviews }

// common reports whether the exception e is raised by so many reviews that
// it says little on its own.
func (ix *Index) common(e string) bool {
	n := len(ix.byException[e])
	return n >= 4 && n*25 >= len(ix.reviews)
}

// Reclassified returns the reviews of ix that raise an exception which
// is common in ix and not in old, or the reverse: adding or removing any
// review can change what is common, and so the matches of reviews that
// did not change.
func (ix *Index) Reclassified(old *Index) []*review.Review {
	var out []*review.Review
	seen := map[int]bool{}
	for e, raisers := range ix.byException {
		if ix.common(e) == old.common(e) {
			continue
		}
		for _, i := range raisers {
			if !seen[i] {
				seen[i] = true
				out = append(out, ix.reviews[i])
			}
		}
	}
	slices.SortFunc(out, func(a, b *review.Review) int { return cmp.Compare(ix.pos[a], ix.pos[b]) })
	return out
}

// SeenBefore returns the earlier reviews whose failure matches r's, most
// alike first (then the latest first), limit at most (all when limit <=
// 0). r need not be in the index (a review being written); when it is,
// it is never its own match.
func (ix *Index) SeenBefore(r *review.Review, limit int) []Match {
	return ix.matches(r, func(o *review.Review) bool { return earlier(o, r) }, limit)
}

// SeenAgain returns the later reviews whose failure matches r's, most
// alike first (then the earliest first), limit at most.
func (ix *Index) SeenAgain(r *review.Review, limit int) []Match {
	return ix.matches(r, func(o *review.Review) bool { return earlier(r, o) }, limit)
}

// Like returns every other review whose failure matches r's, earlier or
// later, most alike first, limit at most.
func (ix *Index) Like(r *review.Review, limit int) []Match {
	return ix.matches(r, func(*review.Review) bool { return true }, limit)
}

// HasSeenBefore reports whether an earlier review matches r; HasSeenAgain
// whether a later one does. Both are cheaper than asking for the matches.
func (ix *Index) HasSeenBefore(r *review.Review) bool {
	return slices.ContainsFunc(ix.like(r), func(h hit) bool { return earlier(ix.reviews[h.j], r) })
}

func (ix *Index) HasSeenAgain(r *review.Review) bool {
	return slices.ContainsFunc(ix.like(r), func(h hit) bool { return earlier(r, ix.reviews[h.j]) })
}

// earlier reports whether a began before b: an earlier date, or the same
// date and a smaller id.
func earlier(a, b *review.Review) bool {
	return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID)) < 0
}

// A hit is a match as kept: the review's position, its score and the days
// between the two; the reasons are said on demand (explain).
type hit struct {
	j     int32
	score int32
	gap   int64
}

func (ix *Index) matches(r *review.Review, keep func(*review.Review) bool, limit int) []Match {
	s := ix.signature(r)
	var out []Match
	for _, h := range ix.like(r) {
		if limit > 0 && len(out) == limit {
			break
		}
		if o := ix.reviews[h.j]; keep(o) {
			m := ix.explain(s, ix.sigs[h.j])
			m.Review, m.gap = o, h.gap
			out = append(out, m)
		}
	}
	return out
}

// signature returns r's signature, as indexed when r is in the index.
func (ix *Index) signature(r *review.Review) Signature {
	if i, ok := ix.pos[r]; ok {
		return ix.sigs[i]
	}
	return Of(r)
}

// like returns every review whose failure matches r's, ranked; computed
// once for a review of the index, then kept.
func (ix *Index) like(r *review.Review) []hit {
	i, indexed := ix.pos[r]
	if indexed {
		ix.mu.Lock()
		ms, ok := ix.cache[i]
		ix.mu.Unlock()
		if ok {
			return ms
		}
	}
	s := ix.signature(r)
	var day int64
	if indexed {
		day = ix.dayOf[i]
	} else {
		day = days(r.Date)
	}
	var out []hit
	ix.candidates(s, func(j int) {
		o := ix.reviews[j]
		if o == r || o.ID == r.ID {
			return
		}
		if sc := ix.score(s, ix.sigs[j]); sc >= Threshold {
			out = append(out, hit{j: int32(j), score: int32(sc), gap: gap(day, ix.dayOf[j])})
		}
	})
	slices.SortFunc(out, func(a, b hit) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.gap, b.gap), cmp.Compare(ix.reviews[a.j].ID, ix.reviews[b.j].ID))
	})
	if indexed {
		ix.mu.Lock()
		ix.cache[i] = out
		ix.mu.Unlock()
	}
	return out
}

// candidates calls f with the position of every review that shares
// enough with s to match it, asked either way (score(s, theirs) or
// score(theirs, s)): what they share, and so its upper bound, is the same
// both ways. f may be called for reviews that do not match.
func (ix *Index) candidates(s Signature, f func(j int)) {
	// Every match shares at least two of s's exceptions, dependency,
	// function and frames (see the weights), so it is in two of their
	// postings at least: the longest one need not be read. What a
	// candidate shares is tallied from the postings first; only those
	// that could reach the threshold are compared.
	type list struct {
		posting []int
		bit     uint8
	}
	var lists []list
	for _, e := range s.Exceptions {
		lists = append(lists, list{ix.byException[e], bitException})
	}
	if s.Dependency != "" {
		lists = append(lists, list{ix.byDependency[s.Dependency], bitDependency})
	}
	if s.Function != "" {
		lists = append(lists, list{ix.byFunction[s.Function], bitFunction})
	}
	for _, f := range s.Frames {
		lists = append(lists, list{ix.byFrame[f], bitFrame})
	}
	longest := -1
	for k, l := range lists {
		if longest < 0 || len(l.posting) > len(lists[longest].posting) {
			longest = k
		}
	}
	var skipped uint8
	if longest >= 0 {
		skipped = lists[longest].bit
	}
	t := ix.tally()
	defer ix.tallies.Put(t)
	for k, l := range lists {
		if k == longest {
			continue
		}
		for _, j := range l.posting {
			if t.bits[j] == 0 && t.frames[j] == 0 {
				t.touched = append(t.touched, j)
			}
			if l.bit == bitFrame {
				t.frames[j]++
			} else {
				t.bits[j] |= l.bit
			}
		}
	}
	for _, j := range t.touched {
		bits, frames := t.bits[j]|skipped, int(t.frames[j])
		t.bits[j], t.frames[j] = 0, 0
		if skipped == bitFrame {
			frames++
		}
		if upperBound(bits, frames) >= Threshold {
			f(j)
		}
	}
	t.touched = t.touched[:0]
}

// The features a candidate shares with the review asked about, as the
// postings tell them.
const (
	bitException uint8 = 1 << iota
	bitDependency
	bitFunction
	bitFrame
)

// upperBound is the most a candidate sharing bits and frames can weigh.
func upperBound(bits uint8, frames int) int {
	w := weightService
	if bits&bitException != 0 {
		w += weightException
	}
	if bits&bitDependency != 0 {
		w += weightDependency
	}
	if bits&bitFunction != 0 {
		w += weightFunction
	}
	if frames >= minSharedFrames {
		w += weightFrames
	}
	return w
}

// A tally counts, by review position, what candidates share.
type tally struct {
	bits    []uint8
	frames  []uint16
	touched []int
}

func (ix *Index) tally() *tally {
	if t, ok := ix.tallies.Get().(*tally); ok {
		return t
	}
	n := len(ix.reviews)
	return &tally{bits: make([]uint8, n), frames: make([]uint16, n)}
}

// days is the day number of a date YYYY-MM-DD; 0 when it is not one.
func days(date string) int64 {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return 0
	}
	return t.Unix() / 86400
}

func gap(a, b int64) int64 {
	if a > b {
		return a - b
	}
	return b - a
}

// score weighs what signatures a (the review asked about) and b share,
// allocating nothing.
func (ix *Index) score(a, b Signature) int {
	score := 0
	if e := sharedException(a, b); e != "" {
		if ix.common(e) {
			score += weightCommonException
		} else {
			score += weightException
		}
	}
	if a.Dependency != "" && a.Dependency == b.Dependency {
		score += weightDependency
	}
	if a.Function != "" && a.Function == b.Function {
		score += weightFunction
	}
	if score+weightFrames+weightService < Threshold {
		return score
	}
	if shared(a.Frames, b.Frames) >= minSharedFrames {
		score += weightFrames
	}
	if score+weightService < Threshold {
		return score
	}
	if sharedService(a, b) != "" {
		score += weightService
	}
	return score
}

// explain says what a and b share: a Match without its Review.
func (ix *Index) explain(a, b Signature) Match {
	m := Match{Score: ix.score(a, b), Kinds: make([]string, 0, 5), Reasons: make([]string, 0, 5)}
	add := func(kind, value string) {
		m.Kinds = append(m.Kinds, kind)
		if value != "" {
			kind += " " + value
		}
		m.Reasons = append(m.Reasons, kind)
	}
	if e := sharedException(a, b); e != "" {
		add(ReasonException, a.show(e))
	}
	if a.Dependency != "" && a.Dependency == b.Dependency {
		add(ReasonDependency, a.Dependency)
	}
	if a.Function != "" && a.Function == b.Function {
		add(ReasonFunction, a.show(a.Function))
	}
	if shared(a.Frames, b.Frames) >= minSharedFrames {
		add(ReasonTraceback, "")
	}
	if sv := sharedService(a, b); sv != "" {
		add(ReasonService, sv)
	}
	return m
}

// sharedService is the first service of a that b has too, or "".
func sharedService(a, b Signature) string {
	for _, sv := range a.Services {
		if slices.Contains(b.Services, sv) {
			return sv
		}
	}
	return ""
}

// sharedException is the final exception of a that b raised too, or else
// the final one of b that a raised; "" when neither.
func sharedException(a, b Signature) string {
	if a.Final != "" && slices.Contains(b.Exceptions, a.Final) {
		return a.Final
	}
	if b.Final != "" && slices.Contains(a.Exceptions, b.Final) {
		return b.Final
	}
	return ""
}

func shared(a, b []string) int {
	n := 0
	for _, x := range a {
		if slices.Contains(b, x) {
			n++
		}
	}
	return n
}
