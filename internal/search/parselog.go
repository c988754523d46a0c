package search

import (
	"errors"
	"fmt"
	"strings"

	"github.com/fupan/fupan/internal/traceback"
)

// MaxLog is how much of a log ParseLog reads: of a longer log, the lines
// that start in its last MaxLog bytes (CutLog). A log is pasted for the
// traceback that ends it, and 1 MiB holds thousands of log lines above
// the longest traceback; reading no more keeps "fupan similar" and the
// search page's paste mode quick whatever is pasted. The search page
// reads the same part of a log.
const MaxLog = 1 << 20

// CutLog returns the part of a log that ParseLog reads: all of text when
// it is at most MaxLog bytes long; else the lines that start in its last
// MaxLog bytes, which is "" when no line does. It looks at no more than
// the last MaxLog+1 bytes of text.
func CutLog(text string) string {
	if len(text) <= MaxLog {
		return text
	}
	cut := len(text) - MaxLog
	if text[cut-1] != '\n' {
		i := strings.IndexByte(text[cut:], '\n')
		if i < 0 {
			return ""
		}
		cut += i + 1
	}
	return text[cut:]
}

// LongLogNote returns what to tell the reader of a log of size bytes that
// ParseLog reads only the end of, or "" when it reads the whole log:
// "the log is 3.2 MiB; fupan reads its last 1 MiB, from the first line
// that starts there".
func LongLogNote(size int64) string {
	if size <= MaxLog {
		return ""
	}
	tenths := (size*10 + 1<<19) >> 20 // MiB, rounded half up as the search page does
	return fmt.Sprintf("the log is %d.%d MiB; fupan reads its last %d MiB, from the first line that starts there",
		tenths/10, tenths%10, MaxLog>>20)
}

// ParseLog finds the traceback in a pasted log with traceback.Find, in
// the part of it that CutLog returns: log lines before the traceback are
// skipped, and the first line from which the traceback parser accepts the
// rest starts it. It takes time linear in the length of that part.
func ParseLog(text string) (*traceback.Traceback, error) {
	start, tb, err := traceback.Find(CutLog(text))
	switch {
	case err == nil:
		return tb, nil
	case start < 0: // only blank lines
		return nil, ErrNoTraceback
	}
	return nil, errors.Join(ErrNoTraceback, err)
}
