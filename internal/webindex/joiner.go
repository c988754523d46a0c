package webindex

import "strconv"

// A joiner gathers the bytes of a file of an entry (its T or P) as
// pieces: runs of the bytes of another entry, which it points at, and
// bytes of its own. A spliced entry is mostly runs of its last one; it
// is copied once, into its shard's file (makeShard), and not first into
// a file of its own.
type joiner struct {
	parts   [][]byte
	own     []byte // the bytes of its own; parts point into it
	ownLast bool   // the last part is own's, ending at len(own)
	n       int    // the bytes of all parts
}

// A joinerMark is where a joiner was, to take back what followed.
type joinerMark struct{ parts, last, own, n int }

func (j *joiner) mark() joinerMark {
	m := joinerMark{parts: len(j.parts), own: len(j.own), n: j.n}
	if len(j.parts) > 0 {
		m.last = len(j.parts[len(j.parts)-1])
	}
	return m
}

// reset takes back what was added since m.
func (j *joiner) reset(m joinerMark) {
	j.parts = j.parts[:m.parts]
	if m.parts > 0 {
		j.parts[m.parts-1] = j.parts[m.parts-1][:m.last]
	}
	j.own, j.n, j.ownLast = j.own[:m.own], m.n, false
}

// copy adds b, which it points at: b must not change until the bytes are
// joined.
func (j *joiner) copy(b []byte) {
	if len(b) > 0 {
		j.parts = append(j.parts, b)
		j.n += len(b)
		j.ownLast = false
	}
}

// added makes the bytes own has from start on a part, or the end of the
// last part when it is own's and own was not moved.
func (j *joiner) added(start, capBefore int) {
	b := j.own[start:]
	j.n += len(b)
	if j.ownLast && cap(j.own) == capBefore {
		last := &j.parts[len(j.parts)-1]
		*last = (*last)[:len(*last)+len(b)]
		return
	}
	j.parts = append(j.parts, b)
	j.ownLast = true
}

func (j *joiner) byte(c byte) {
	start, c0 := len(j.own), cap(j.own)
	j.own = append(j.own, c)
	j.added(start, c0)
}

func (j *joiner) string(s string) {
	start, c0 := len(j.own), cap(j.own)
	j.own = append(j.own, s...)
	j.added(start, c0)
}

func (j *joiner) int(n int) {
	start, c0 := len(j.own), cap(j.own)
	j.own = strconv.AppendInt(j.own, int64(n), 10)
	j.added(start, c0)
}

// appendTo appends the joined bytes to b.
func (j *joiner) appendTo(b []byte) []byte {
	for _, p := range j.parts {
		b = append(b, p...)
	}
	return b
}

// entryParts are the files of an entry in pieces (see joiner).
type entryParts struct{ t, p joiner }

// tLen and pLen are the sizes of the entry's T and P.
func (e *termEntry) tLen() int {
	if e.parts != nil {
		return e.parts.t.n
	}
	return len(e.T)
}

func (e *termEntry) pLen() int {
	if e.parts != nil {
		return e.parts.p.n
	}
	return len(e.P)
}

// joined returns e with its T and P whole, joined from its parts.
func (e *termEntry) joined() *termEntry {
	if e == nil || e.parts == nil {
		return e
	}
	j := *e
	j.T, j.P = e.parts.t.appendTo(make([]byte, 0, e.parts.t.n)), e.parts.p.appendTo(make([]byte, 0, e.parts.p.n))
	j.parts = nil
	return &j
}
