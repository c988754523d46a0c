package site

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"

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
// review (and in parallel), or copied from the last site's reviews.json
// (see jsonFile). When it is that file, byte for byte, the file is kept.
func (s *site) json() error {
	last := s.lastJSON
	s.lastJSON = nil
	var todo []*review.Review
	for _, rv := range s.reviews {
		if _, ok := last.entry(rv); !ok && s.entries[rv] == nil {
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
		last.close()
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
		last.close()
		return err
	}
	j := &jsonFile{last: last}
	j.add(fmt.Appendf(nil, "{\n \"title\": %s,\n \"version\": %d,\n \"reviews\": [", title, review.PublicVersion))
	s.jsonAt = make(map[*review.Review][2]int, len(s.reviews))
	for i, rv := range s.reviews {
		sep := ",\n  "
		if i == 0 {
			sep = "\n  "
		}
		e := s.entries[rv]
		at, ok := last.entry(rv)
		if e != nil {
			// Made again (the review changed): the last file's entry
			// of its path, when it is the same.
			if was, found := last.pathEntry(rv.Path); found && last.holds(int64(was[0]), e) {
				at, ok, e = was, true, nil
			}
		}
		if e != nil || !ok {
			j.add([]byte(sep))
			s.jsonAt[rv] = [2]int{int(j.size), len(e)}
			j.add(e)
			continue
		}
		if i == 0 || !j.extend(int64(at[0])-int64(len(sep)), int64(len(sep))) {
			j.add([]byte(sep))
		}
		s.jsonAt[rv] = [2]int{int(j.size), at[1]}
		j.copy(int64(at[0]), int64(at[1]))
	}
	if len(s.reviews) > 0 {
		j.add([]byte("\n "))
	}
	j.add([]byte("]\n}\n"))
	s.put("reviews.schema.json", reviewsSchema)
	switch {
	case j.unchanged() && s.sink == nil && s.holds("reviews.json"):
		last.close() // kept from the last site, as it is
	case s.sink != nil && last == nil:
		// Made whole by this build: hashed first, so that the file of
		// the last site is linked when it is the same.
		s.sink.putHashed("reviews.json", j, j.size, j.hash())
	case s.sink != nil:
		s.sink.putStream("reviews.json", j)
	case last != nil:
		s.putStream("reviews.json", j) // written with the other files
	default:
		b := bytes.NewBuffer(make([]byte, 0, j.size))
		if _, err := j.WriteTo(b); err != nil {
			return err
		}
		s.put("reviews.json", b.Bytes())
	}
	return nil
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
