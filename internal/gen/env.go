package gen

import (
	"fmt"
	"math/rand/v2"
)

// env is what a scenario sees while it builds one failure: the random
// source, the failing service, the language of the prose and a few choices
// already made for the review.
type env struct {
	r    *rand.Rand
	svc  *service
	zh   bool   // write the prose in Simplified Chinese
	py   string // Python minor version, e.g. "3.11"
	noun string // the domain object involved, e.g. "order"
}

// s returns en or zh, following the language of the review.
func (e *env) s(en, zh string) string {
	if e.zh {
		return zh
	}
	return en
}

// sf is s with fmt.Sprintf applied to the chosen format.
func (e *env) sf(en, zh string, args ...any) string {
	return fmt.Sprintf(e.s(en, zh), args...)
}

// pick returns one of xs.
func (e *env) pick(xs ...string) string { return xs[e.r.IntN(len(xs))] }

// n returns a number in [lo, hi].
func (e *env) n(lo, hi int) int { return lo + e.r.IntN(hi-lo+1) }

// chance reports true with probability p.
func (e *env) chance(p float64) bool { return e.r.Float64() < p }

// site is the site-packages directory of the service's Python.
func (e *env) site() string {
	return "/usr/local/lib/python" + e.py + "/site-packages"
}

// hex returns a Python-style object address such as 0x7f3a2c1d9e50.
func (e *env) hex() string {
	return fmt.Sprintf("0x7f%02x%08x", e.r.IntN(256), e.r.Uint32())
}
