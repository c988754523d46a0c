package search

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/fupan/fupan/internal/atomicfile"
)

// A run that finds the index up to date leaves a fresh stamp beside it
// (.fupan/search.fresh): the stat key of the review files
// (review.Listing.StatKey: their paths, sizes and times) and the content
// key they had then. The next run whose files have that stat key knows
// their content key without reading the stat cache or hashing anything,
// and uses the index when its manifest has that key. It trusts a file's
// size and time as the stat cache does, and only when there is one
// (Options.StatCache).

// stampHeader is the first line of a fresh stamp.
const stampHeader = "fupan search fresh v1"

// A freshStamp says that review files with the stat key stat had the
// contentKey content, and were n files once those of the same id are
// left out (listFiles).
type freshStamp struct {
	stat, content string
	n             int
}

// stampFile is the fresh stamp of the index in opt.Dir, or "" when there
// is none (no state folder, or no stat cache to trust sizes and times).
func (o *Options) stampFile() string {
	if o.Dir == "" || o.StatCache == "" {
		return ""
	}
	return o.Dir + ".fresh"
}

// readStamp reads the fresh stamp name; ok is false when there is none or
// it is not whole (the run then reads the stat cache, as without one).
func readStamp(name string) (s freshStamp, ok bool) {
	data, err := os.ReadFile(name)
	if err != nil {
		return freshStamp{}, false
	}
	head, line, _ := strings.Cut(string(data), "\n")
	line, ok = strings.CutSuffix(line, "\n")
	f := strings.Split(line, "\t")
	if head != stampHeader || !ok || len(f) != 3 || !isKey(f[0]) || !isKey(f[1]) {
		return freshStamp{}, false
	}
	n, err := strconv.Atoi(f[2])
	if err != nil || n < 0 {
		return freshStamp{}, false
	}
	return freshStamp{f[0], f[1], n}, true
}

// writeStamp writes the fresh stamp name, atomically; without sync: a
// stamp lost in a crash only costs the next run the stat cache.
func writeStamp(name string, s freshStamp) error {
	return atomicfile.WriteBytes(name, fmt.Appendf(nil, "%s\n%s\t%s\t%d\n", stampHeader, s.stat, s.content, s.n), false)
}
