package review

import (
	"regexp"
	"sync"
)

// lazyRegexp returns a function that compiles expr on its first call and
// returns the same expression from then on. The package's expressions are
// built this way, not at init, so that a command that never checks a
// review (a search of an index that is up to date) does not pay for them.
// expr is a constant of the package, so a mistake in it fails every test
// that uses it.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
