package highlight

import (
	"time"

	"github.com/dlclark/regexp2/v2"
)

// clockPeriod is how often regexp2 reads the time to end a match that runs
// too long. chroma gives each match of its lexers 250 ms, and a match that
// times out just does not match: the block is highlighted otherwise (an
// error token where a string was), with no error to see. On a loaded
// machine (a CI runner, a build beside the tests) a match is descheduled
// or its clock goes stale for that long, and the same page came out
// differently from one build to the next. regexp2 ends a match at the
// first tick of its clock past the timeout plus one period, so with ticks
// every 10 s a match that loops without end still stops, within 10 to 20
// s, and a page never depends on the machine's load.
const clockPeriod = 10 * time.Second

func init() { regexp2.SetTimeoutCheckPeriod(clockPeriod) }
