package review

import (
	"encoding/binary"
	"errors"
	"maps"
	"slices"
	"time"
	"unsafe"

	"github.com/fupan/fupan/internal/traceback"
)

// The parsed-review cache (parsedcache.go) stores each review file as
// Load decoded and checked it: the Review, its findings and where its
// related entries are. The encoding is written out here, field by field,
// rather than left to encoding/gob or encoding/json: the cache must give
// back exactly what a parse gives (an empty list is not a missing one, a
// pointer to an empty struct is not nil, a finding's unexported fields
// count), and decoding 10,000 reviews must cost a fraction of parsing
// them. TestCacheCodecEveryField fills every field of a Review and a
// Finding by reflection and fails when one does not come back, so a field
// added to either cannot be forgotten here.
//
// Integers are varints; a string is its length and bytes; a list or map
// is its length plus one, 0 standing for nil; a pointer is a flag.

// errCacheEntry is the error of a cache entry that cannot be decoded: it
// is parsed again.
var errCacheEntry = errors.New("damaged cache entry")

// encodeKept appends the encoding of a parsed file to b. It reports false
// for a file the cache cannot hold: one whose findings carry an error
// value (a file that could not be read, a YAML or traceback error), which
// a cache could not give back as it was.
func encodeKept(b []byte, k *kept) ([]byte, bool) {
	if k.review == nil {
		return b, false
	}
	for _, f := range k.findings {
		if f.Err != nil {
			return b, false
		}
	}
	e := encoder{b: b, ok: true}
	e.review(k.review)
	e.findings(k.findings)
	e.findings(k.related)
	return e.b, e.ok
}

// decodeKept decodes what encodeKept wrote, with hash as the file's. The
// strings of the kept file are parts of b, not copies (see asString): b
// must never be written to after.
func decodeKept(b []byte, hash string) (*kept, error) {
	d := decoder{b: b, src: asString(b)}
	k := &kept{hash: hash, review: &Review{}}
	d.review(k.review)
	k.findings = d.findings()
	k.related = d.findings()
	if d.err != nil || len(d.b) != 0 {
		return nil, errCacheEntry
	}
	return k, nil
}

type encoder struct {
	b  []byte
	ok bool // false after a value that cannot be encoded
}

func (e *encoder) uint(v int)     { e.b = binary.AppendUvarint(e.b, uint64(v)) }
func (e *encoder) bytes(b []byte) { e.uint(len(b)); e.b = append(e.b, b...) }

// int writes each of vs, in order.
func (e *encoder) int(vs ...int) {
	for _, v := range vs {
		e.b = binary.AppendVarint(e.b, int64(v))
	}
}

// str writes each of ss, in order.
func (e *encoder) str(ss ...string) {
	for _, s := range ss {
		e.uint(len(s))
		e.b = append(e.b, s...)
	}
}

// length writes the length of a list or map, which is nil when isNil.
func (e *encoder) length(n int, isNil bool) {
	if isNil {
		e.uint(0)
		return
	}
	e.uint(n + 1)
}

func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

// encodeList writes l as decodeList reads it: its length, then each item
// written by item.
func encodeList[T any](e *encoder, l []T, item func(*T)) {
	e.length(len(l), l == nil)
	for i := range l {
		item(&l[i])
	}
}

func (e *encoder) strs(l []string) {
	e.length(len(l), l == nil)
	e.str(l...)
}

func (e *encoder) time(t Time) {
	b, err := t.MarshalBinary()
	if err != nil {
		e.ok = false // an offset of seconds: not from RFC 3339, never seen
	}
	e.str(string(b))
}

func (e *encoder) review(r *Review) {
	e.str(r.ID, r.Path, r.Title, r.Date, string(r.Status), r.Severity)
	e.strs(r.Services)
	e.str(r.Summary)
	e.strs(r.Tags)
	for _, t := range []Time{r.Window.Start, r.Window.End, r.Window.Detected, r.Window.Mitigated} {
		e.time(t)
	}
	e.str(r.Traceback, r.TracebackAbsent, r.Reproduction, r.Failure.Function, r.Failure.Caller, r.Failure.Dependency)
	e.strs(r.Failure.Exceptions)
	e.strs(r.Config)
	e.strs(r.Versions)
	e.str(r.WhyNotCaught, r.CatchNextTime)
	e.strs(r.ContributingFactors)
	e.str(r.FirstLook.Metric, r.FirstLook.Log, r.FirstLook.Config, r.Verification.Traffic)
	encodeList(e, r.Verification.Watch, func(w *Watch) { e.str(w.Metric, w.Expect) })
	e.bool(r.EdgeInputs != nil)
	if x := r.EdgeInputs; x != nil {
		e.str(x.None, x.Empty, x.Long, x.Negative)
	}
	encodeList(e, r.Actions, func(a *Action) { e.str(a.Do, a.Owner, a.Status, a.Due, a.Link) })
	e.strs(r.Related)
	e.str(r.Publish)
	encodeList(e, r.Custom, func(c *CustomValue) {
		e.str(c.Name, c.Value)
		e.strs(c.Values)
		e.bool(c.List)
	})
	e.str(r.Body)
	e.int(r.BodyLine)
	e.traceback(r.Parsed)
	e.length(len(r.Pos), r.Pos == nil)
	for _, name := range slices.Sorted(maps.Keys(r.Pos)) {
		e.str(name)
		e.int(r.Pos[name].Line, r.Pos[name].Col)
	}
}

func (e *encoder) traceback(t *traceback.Traceback) {
	e.bool(t != nil)
	if t == nil {
		return
	}
	e.str(string(t.Language))
	encodeList(e, t.Chain, func(x *traceback.Exception) {
		e.str(x.Type, x.Message)
		e.int(x.Line)
		encodeList(e, x.Frames, func(f *traceback.Frame) {
			e.str(f.File)
			e.int(f.Line)
			e.str(f.Function)
		})
	})
}

func (e *encoder) findings(fs []Finding) {
	encodeList(e, fs, func(f *Finding) {
		e.str(f.File)
		e.int(f.Line, f.Col)
		e.str(string(f.Severity), f.Field, f.Message)
		e.strs(f.Prior)
		e.strs(f.PriorURL)
		e.bool(f.missing)
		e.str(f.meant, f.due)
	})
}

// A decoder reads what an encoder wrote. After the first error it reads
// only zero values: no input makes it panic or allocate more than the
// input's length in elements.
type decoder struct {
	b []byte
	// src is the input as a string, when str is used: the strings read
	// are parts of it, not copies.
	src string
	err error
}

// asString returns b as a string without copying it: the bytes of a
// cache file, which are never written to once read, so that the strings
// decoded from it (every review's body and fields) are parts of one
// buffer, which lives as long as any of them, rather than 10,000 copies
// made and the buffer dropped. b must not be written to after.
func asString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

func (d *decoder) fail() { d.err, d.b, d.src = errCacheEntry, nil, "" }

func (d *decoder) uint() int {
	v, n := binary.Uvarint(d.b)
	if n <= 0 || v > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *decoder) int() int {
	v, n := binary.Varint(d.b)
	if n <= 0 || int64(int(v)) != v {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *decoder) bytes() []byte {
	n := d.uint()
	if n > len(d.b) {
		d.fail()
		return nil
	}
	b := d.b[:n:n]
	d.b = d.b[n:]
	return b
}

// str reads a string, a part of src.
func (d *decoder) str() string {
	n := d.uint()
	if n > len(d.b) || len(d.src) < len(d.b) {
		d.fail()
		return ""
	}
	at := len(d.src) - len(d.b)
	d.b = d.b[n:]
	return d.src[at : at+n]
}

// length reads a length written by encoder.length: -1 for nil. Each
// element takes a byte at least, so a length beyond what is left is
// damage.
func (d *decoder) length() int {
	n := d.uint() - 1
	if n > len(d.b) {
		d.fail()
		return -1
	}
	return n
}

func (d *decoder) bool() bool {
	if len(d.b) == 0 || d.b[0] > 1 {
		d.fail()
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

// decodeList reads a list written as its length and items, each read by item.
func decodeList[T any](d *decoder, item func(*T)) []T {
	n := d.length()
	if n < 0 {
		return nil
	}
	l := make([]T, n)
	for i := range l {
		item(&l[i])
	}
	return l
}

func (d *decoder) strs() []string {
	return decodeList(d, func(s *string) { *s = d.str() })
}

func (d *decoder) time() Time {
	var t time.Time
	if err := t.UnmarshalBinary(d.bytes()); err != nil {
		d.fail()
	}
	return Time{t}
}

func (d *decoder) review(r *Review) {
	for _, s := range []*string{&r.ID, &r.Path, &r.Title, &r.Date, (*string)(&r.Status), &r.Severity} {
		*s = d.str()
	}
	r.Services = d.strs()
	r.Summary = d.str()
	r.Tags = d.strs()
	for _, t := range []*Time{&r.Window.Start, &r.Window.End, &r.Window.Detected, &r.Window.Mitigated} {
		*t = d.time()
	}
	for _, s := range []*string{&r.Traceback, &r.TracebackAbsent, &r.Reproduction, &r.Failure.Function, &r.Failure.Caller, &r.Failure.Dependency} {
		*s = d.str()
	}
	r.Failure.Exceptions = d.strs()
	r.Config = d.strs()
	r.Versions = d.strs()
	r.WhyNotCaught = d.str()
	r.CatchNextTime = d.str()
	r.ContributingFactors = d.strs()
	for _, s := range []*string{&r.FirstLook.Metric, &r.FirstLook.Log, &r.FirstLook.Config, &r.Verification.Traffic} {
		*s = d.str()
	}
	r.Verification.Watch = decodeList(d, func(w *Watch) { w.Metric, w.Expect = d.str(), d.str() })
	if d.bool() {
		x := &EdgeInputs{}
		for _, s := range []*string{&x.None, &x.Empty, &x.Long, &x.Negative} {
			*s = d.str()
		}
		r.EdgeInputs = x
	}
	r.Actions = decodeList(d, func(a *Action) {
		for _, s := range []*string{&a.Do, &a.Owner, &a.Status, &a.Due, &a.Link} {
			*s = d.str()
		}
	})
	r.Related = d.strs()
	r.Publish = d.str()
	r.Custom = decodeList(d, func(c *CustomValue) { c.Name, c.Value, c.Values, c.List = d.str(), d.str(), d.strs(), d.bool() })
	r.Body = d.str()
	r.BodyLine = d.int()
	r.Parsed = d.traceback()
	if n := d.length(); n >= 0 {
		r.Pos = make(map[string]Position, n)
		for range n {
			name := d.str()
			r.Pos[name] = Position{Line: d.int(), Col: d.int()}
		}
	}
}

func (d *decoder) traceback() *traceback.Traceback {
	if !d.bool() {
		return nil
	}
	t := &traceback.Traceback{Language: traceback.Language(d.str())}
	t.Chain = decodeList(d, func(x *traceback.Exception) {
		x.Type, x.Message, x.Line = d.str(), d.str(), d.int()
		x.Frames = decodeList(d, func(f *traceback.Frame) { f.File, f.Line, f.Function = d.str(), d.int(), d.str() })
	})
	return t
}

func (d *decoder) findings() []Finding {
	return decodeList(d, func(f *Finding) {
		f.File, f.Line, f.Col = d.str(), d.int(), d.int()
		f.Severity, f.Field, f.Message = Severity(d.str()), d.str(), d.str()
		f.Prior, f.PriorURL = d.strs(), d.strs()
		f.missing, f.meant, f.due = d.bool(), d.str(), d.str()
	})
}
