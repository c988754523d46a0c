package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
	"slices"
	"strings"

	"github.com/fupan/fupan/internal/review"
)

// FileBudget is the number of files a site stays under by default:
// Cloudflare Pages publishes no more than 20,000 files.
const FileBudget = 20_000

// Where the Markdown source of each review is published.
//
// A site whose reviews are at most a quarter of the file budget
// (Options.FileBudget) publishes each source beside its page, as
// reviews/ID/index.md. Such a site holds two files a review, and the rest
// of it (term pages, lists, the search export: under half a file a review)
// stays under as many again, so it is under the budget.
//
// A larger site could not be: one more file a review would pass 20,000 at
// about 8,000 reviews. It packs its sources instead, about
// reviewsPerPack to a file: the review with id ID goes in pack
// reviews/sources/P.md, P the first bits of the SHA-256 of ID, in hex, as
// many bits as make packs of reviewsPerPack reviews or fewer on average.
// So a review stays in its pack when others are added or removed (until
// their number doubles), and an edit rewrites one pack. A pack holds each
// of its reviews, by id, under a heading "## ID" (the anchor GitHub's
// Markdown gives it, which the links to it end with, #ID), the file as
// written between fences of backticks longer than any run of backticks in
// it. The page and llms.txt link to reviews/sources/P.md#ID.
type sourceLayout struct {
	bits int // the bits of a pack's name; 0: each source beside its page
}

// reviewsPerPack is the mean number of reviews a pack of sources holds at
// most: a pack is some 20–40 kB, one fetch for a program that reads one
// review from llms.txt.
const reviewsPerPack = 8

// sourceDir is the folder of the packs of sources, from the site root; no
// review's id, which begins with its date, can take it.
const sourceDir = "reviews/sources/"

// sourcesFor returns the layout of the sources of n reviews in a site of
// at most budget files (FileBudget when 0).
func sourcesFor(n, budget int) sourceLayout {
	if budget <= 0 {
		budget = FileBudget
	}
	if n <= budget/4 {
		return sourceLayout{}
	}
	packs := (n + reviewsPerPack - 1) / reviewsPerPack
	return sourceLayout{bits: max(1, bits.Len(uint(packs-1)))}
}

// packed reports whether the sources are packed.
func (l sourceLayout) packed() bool { return l.bits > 0 }

// file is the file that holds the source of the review id, from the site
// root.
func (l sourceLayout) file(id string) string {
	if !l.packed() {
		return "reviews/" + id + "/index.md"
	}
	sum := sha256.Sum256([]byte(id))
	p := binary.BigEndian.Uint64(sum[:8]) >> (64 - l.bits)
	return fmt.Sprintf("%s%0*x.md", sourceDir, (l.bits+3)/4, p)
}

// target is the link to the source of the review id from the site root:
// its file, and its heading in a pack.
func (l sourceLayout) target(id string) string {
	if !l.packed() {
		return l.file(id)
	}
	return l.file(id) + "#" + id
}

// link is the link to the source of the review id from its page,
// reviews/ID/.
func (l sourceLayout) link(id string) string {
	if !l.packed() {
		return "index.md"
	}
	return "../" + strings.TrimPrefix(l.target(id), "reviews/")
}

// sourceJobs returns the jobs that publish the sources of the reviews of
// the lists: each review's source beside its page, or every pack that
// holds, or held, one of them, made again from the reviews it holds now
// (removed when it holds none). The lists may hold reviews that the site
// no longer has (removed, or the last build's version of a changed one).
func (s *site) sourceJobs(lists ...[]*review.Review) []func() error {
	if s.src == nil {
		return nil
	}
	var jobs []func() error
	if !s.sources.packed() {
		for _, list := range lists {
			for _, rv := range list {
				if _, ok := s.pos[rv]; ok {
					jobs = append(jobs, func() error { return s.source(rv) })
				}
			}
		}
		return jobs
	}
	packs := map[string][]*review.Review{}
	for _, list := range lists {
		for _, rv := range list {
			packs[s.sources.file(rv.ID)] = nil
		}
	}
	for _, rv := range s.reviews {
		if f := s.sources.file(rv.ID); hasKey(packs, f) {
			packs[f] = append(packs[f], rv)
		}
	}
	for name, members := range packs {
		jobs = append(jobs, func() error { return s.pack(name, members) })
	}
	return jobs
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}

// source publishes the review file of rv beside its page.
func (s *site) source(rv *review.Review) error {
	data, err := s.readSource(rv)
	if err != nil {
		return err
	}
	s.put(s.sources.file(rv.ID), data)
	return nil
}

// pack publishes the pack of sources name with the reviews members, in
// the order of their ids; none removes it.
func (s *site) pack(name string, members []*review.Review) error {
	if len(members) == 0 {
		s.mu.Lock()
		delete(s.out, name)
		s.mu.Unlock()
		return nil
	}
	members = slices.Clone(members)
	slices.SortFunc(members, func(a, b *review.Review) int { return strings.Compare(a.ID, b.ID) })
	var b bytes.Buffer
	b.WriteString("# Markdown sources\n\n" +
		"The review files of an incident review site, as written: each under a heading with its id " +
		"(a link to it ends with #ID), between fences of backticks.\n")
	for _, rv := range members {
		data, err := s.readSource(rv)
		if err != nil {
			return err
		}
		fence := strings.Repeat("`", max(3, longestRun(data, '`')+1))
		fmt.Fprintf(&b, "\n## %s\n\n%smarkdown\n", rv.ID, fence)
		b.Write(data)
		if len(data) > 0 && data[len(data)-1] != '\n' {
			b.WriteByte('\n')
		}
		b.WriteString(fence + "\n")
	}
	s.put(name, b.Bytes())
	return nil
}

// longestRun returns the length of the longest run of c in data.
func longestRun(data []byte, c byte) int {
	longest, run := 0, 0
	for _, x := range data {
		if x == c {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// readSource reads the review file of rv as it is written, front matter
// and body, from the repository the reviews were read from
// (review.Repo.FS).
func (s *site) readSource(rv *review.Review) ([]byte, error) {
	f, err := s.src.Open(rv.Path)
	if err != nil {
		return nil, reviewError(rv, "", "", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, review.MaxFileSize+1))
	if err != nil {
		return nil, reviewError(rv, "", "", err)
	}
	if len(data) > review.MaxFileSize {
		return nil, reviewError(rv, "", "", fmt.Errorf("larger than the %d bytes a review may be", review.MaxFileSize))
	}
	return data, nil
}

// unpack returns the review file of the review id as pack (a pack of
// sources) holds it, the one whose hash is hash; nil when it holds none.
// A pack ends each file with a line feed, which the file may lack.
func unpack(pack []byte, id, hash string) []byte {
	_, rest, ok := bytes.Cut(pack, []byte("\n## "+id+"\n\n"))
	if !ok {
		return nil
	}
	open, rest, ok := bytes.Cut(rest, []byte("\n"))
	fence, ok2 := bytes.CutSuffix(open, []byte("markdown"))
	if !ok || !ok2 || len(fence) < 3 || len(bytes.Trim(fence, "`")) != 0 {
		return nil
	}
	end := bytes.Index(rest, append(append([]byte("\n"), fence...), '\n'))
	if end < 0 {
		return nil
	}
	data := rest[:end+1]
	for _, d := range [][]byte{data, data[:end]} {
		if hashOf(d) == hash {
			return d
		}
	}
	return nil
}
