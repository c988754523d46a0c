package site

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/fupan/fupan/internal/history"
	"github.com/fupan/fupan/internal/review"
)

// reviewsSchema is the JSON Schema of reviews.json, published beside it as
// reviews.schema.json.
//
//go:embed reviews.schema.json
var reviewsSchema []byte

// jsonReview is a review in reviews.json: its public shape (review.Public),
// with the page's address and what git says about the file.
type jsonReview struct {
	review.Public
	History *history.File `json:"history,omitempty"`
}

// jsonSite is reviews.json; reviews.schema.json, published beside it, is
// its JSON Schema.
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
	defer func() { s.lastJSON.close(); s.lastJSON = nil }()
	var todo []*review.Review
	for _, rv := range s.reviews {
		if _, ok := s.lastJSON.entry(rv); !ok && s.entries[rv] == nil {
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
		at, _ := s.lastJSON.entry(rv)
		size += max(len(s.entries[rv]), at[1]) + 4
	}
	b := make([]byte, 0, size)
	b = append(b, "{\n \"title\": "...)
	b = append(b, title...)
	b = append(b, ",\n \"version\": "...)
	b = strconv.AppendInt(b, review.PublicVersion, 10)
	b = append(b, ",\n \"reviews\": ["...)
	s.jsonAt = make(map[*review.Review][2]int, len(s.reviews))
	// The entries of the last reviews.json, copied after: a run of
	// reviews whose entries follow one another there as here is one
	// range (the separator between two, ",\n  ", is the same).
	type span struct{ dst, src, n int }
	var copies []span
	for i, rv := range s.reviews {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n  "...)
		e := s.entries[rv]
		at, ok := s.lastJSON.entry(rv)
		if e != nil || !ok {
			s.jsonAt[rv] = [2]int{len(b), len(e)}
			b = append(b, e...)
			continue
		}
		s.jsonAt[rv] = [2]int{len(b), at[1]}
		if k := len(copies) - 1; k >= 0 && copies[k].dst+copies[k].n+4 == len(b) && copies[k].src+copies[k].n+4 == at[0] {
			copies[k].n += 4 + at[1]
		} else {
			copies = append(copies, span{len(b), at[0], at[1]})
		}
		b = b[:len(b)+at[1]]
	}
	if len(copies) > 0 {
		for _, c := range copies {
			if _, err := s.lastJSON.f.ReadAt(b[c.dst:c.dst+c.n], int64(c.src)); err != nil {
				return s.jsonAfresh()
			}
		}
		if !stampedNow(s.lastJSON.f, s.lastJSON.st) { // changed meanwhile
			return s.jsonAfresh()
		}
	}
	if len(s.reviews) > 0 {
		b = append(b, "\n "...)
	}
	b = append(b, "]\n}\n"...)
	s.put("reviews.json", b)
	s.put("reviews.schema.json", reviewsSchema)
	return nil
}

// jsonAfresh writes reviews.json encoding every entry that the last
// build's reviews.json was to give, when it cannot.
func (s *site) jsonAfresh() error {
	s.lastJSON.close()
	s.lastJSON = nil
	return s.json()
}

// jsonEntry encodes the entry of rv in reviews.json, indented as an
// element of the reviews array.
func (s *site) jsonEntry(rv *review.Review) ([]byte, error) {
	j := jsonReview{Public: rv.Public()}
	j.URL = "reviews/" + rv.ID + "/"
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

// frontMatterSchema publishes the JSON Schema of the reviews' front
// matter, custom fields included, where editors can fetch it.
func (s *site) frontMatterSchema() error {
	s.put(review.SchemaPath, review.SchemaFor(&s.cfg))
	return nil
}
