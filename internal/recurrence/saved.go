package recurrence

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/fupan/fupan/internal/review"
)

// What an index has computed outlives the process: 'fupan build' saves
// it with the site ([Index.Save]), and the next build restores it into
// the index of the reviews as they were ([Restore]), then carries it
// over to the reviews as they are ([Carry]), so that one edit computes
// again only the matches it can change.
//
// A saved index is trusted only for the same reviews: it holds a digest
// of every review's id, date and signature, in order (all a match
// depends on), the key its caller saved it with (fupan build's: this
// fupan and what else the site is made of), and a checksum of the whole.
// Anything else — another repository, a file cut short or changed, an
// older format — restores nothing, and the matches are computed again.

// maxScore is the most two reviews can share.
const maxScore = weightException + weightDependency + weightFunction + weightFrames + weightService

// savedHeader opens a saved index; a change of its format or of what
// matches (weights, threshold, signatures) takes a new one.
const savedHeader = "fupan recurrence matches v1\n"

// Save returns the matches ix has computed, for Restore; key is what the
// caller requires of the index it restores into (empty for nothing more
// than the same reviews).
func (ix *Index) Save(key string) []byte {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	n := 0
	for _, hits := range ix.cache {
		n += len(hits)
	}
	b := make([]byte, 0, len(savedHeader)+len(key)+2*sha256.Size+3*len(ix.reviews)+4*n+32)
	b = append(b, savedHeader...)
	b = binary.AppendUvarint(b, uint64(len(key)))
	b = append(b, key...)
	b = append(b, ix.digest()...)
	b = binary.AppendUvarint(b, uint64(len(ix.reviews)))
	for i := range ix.reviews {
		hits, ok := ix.cache[i]
		if !ok {
			b = append(b, 0) // not computed
			continue
		}
		b = binary.AppendUvarint(b, uint64(len(hits))+1)
		for _, h := range hits {
			b = binary.AppendUvarint(b, uint64(h.j))
			b = binary.AppendUvarint(b, uint64(h.score))
		}
	}
	sum := sha256.Sum256(b)
	return append(b, sum[:]...)
}

// Restore returns the index of reviews, as New does, holding the matches
// that data, saved of an index of the same reviews with the same key,
// holds. Data of other reviews, of another key, or damaged restores
// nothing, and the error (wrapping ErrNotSaved) says why: the index
// returned then computes every match on first use.
func Restore(reviews []*review.Review, data []byte, key string) (*Index, error) {
	ix := New(reviews)
	cache, err := ix.restore(data, key)
	if err != nil {
		return ix, err
	}
	ix.cache = cache
	return ix, nil
}

// ErrNotSaved is wrapped by Restore's error for data that is not a saved
// index of the same reviews and key.
var ErrNotSaved = errors.New("not the matches of these reviews")

// restore decodes data, saved by Save of an index of ix's reviews.
func (ix *Index) restore(data []byte, key string) (map[int][]hit, error) {
	bad := func(why string) (map[int][]hit, error) {
		return nil, fmt.Errorf("%w: %s", ErrNotSaved, why)
	}
	if len(data) < len(savedHeader)+sha256.Size || !bytes.HasPrefix(data, []byte(savedHeader)) {
		return bad("not a saved index of this fupan")
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if want := sha256.Sum256(body); !bytes.Equal(sum, want[:]) {
		return bad("damaged")
	}
	d := decoder{b: body[len(savedHeader):]}
	if k := d.bytes(d.uint()); string(k) != key {
		return bad("another key")
	}
	if !bytes.Equal(d.bytes(sha256.Size), ix.digest()) || d.uint() != uint64(len(ix.reviews)) {
		return bad("other reviews")
	}
	cache := make(map[int][]hit, len(ix.reviews))
	n := uint64(len(ix.reviews))
	for i := range ix.reviews {
		k := d.uint()
		if k == 0 {
			continue
		}
		if k-1 > n {
			return bad("a match out of range")
		}
		hits := make([]hit, k-1)
		for m := range hits {
			j, score := d.uint(), d.uint()
			if j >= n || j == uint64(i) || score < Threshold || score > maxScore {
				return bad("a match out of range")
			}
			hits[m] = hit{j: int32(j), score: int32(score), gap: gap(ix.dayOf[i], ix.dayOf[j])}
		}
		cache[i] = hits
	}
	if d.err || len(d.b) > 0 {
		return bad("damaged")
	}
	return cache, nil
}

// digest is the SHA-256 of what the matches of ix's reviews depend on:
// each review's id, date and signature, in the order of the index.
func (ix *Index) digest() []byte {
	h := sha256.New()
	var b []byte
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	list := func(l []string) {
		b = binary.AppendUvarint(b, uint64(len(l)))
		for _, s := range l {
			str(s)
		}
	}
	for i, r := range ix.reviews {
		s := ix.sigs[i]
		b = b[:0]
		str(r.ID)
		str(r.Date)
		list(s.Exceptions)
		str(s.Final)
		str(s.Dependency)
		str(s.Function)
		list(s.Frames)
		list(s.Services)
		h.Write(b)
	}
	return h.Sum(nil)
}

// A decoder reads what Save wrote; err is set, and zeros read, past the
// end or at a malformed number.
type decoder struct {
	b   []byte
	err bool
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err, d.b = true, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) bytes(n uint64) []byte {
	if n > uint64(len(d.b)) {
		d.err, d.b = true, nil
		return nil
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}
