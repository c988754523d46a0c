package highlight

import (
	"strings"
	"testing"
	"time"

	"github.com/dlclark/regexp2/v2"
)

// TestMatchOutlastsClockPeriod runs a match that takes about a second
// (nested repetition against a text that fails at its end) with a
// timeout of 1 ms, as chroma's 250 ms would end it on a loaded machine:
// with regexp2's clock ticking every 100 ms it times out within 200 ms;
// with clockPeriod it runs to its end and reports no match.
func TestMatchOutlastsClockPeriod(t *testing.T) {
	re := regexp2.MustCompile(`^(a+)+$`)
	re.MatchTimeout = time.Millisecond
	start := time.Now()
	ok, err := re.MatchString(strings.Repeat("a", 24) + "b")
	if err != nil {
		t.Fatalf("after %v: %v; want the match to run to its end (the clock ticks every %v)", time.Since(start), err, clockPeriod)
	}
	if ok {
		t.Fatal("matched; want no match")
	}
	t.Logf("the match took %v", time.Since(start))
}
