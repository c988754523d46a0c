package review

import (
	"fmt"
	"strconv"
	"time"
)

// dateShapeRE is a date as written, YYYY-MM-DD, at the start of a date or
// a timestamp.
var dateShapeRE = lazyRegexp(`^(\d{4})-(\d{2})-(\d{2})(?:$|T)`)

// noSuchDay says why s, a date or timestamp of the right shape, names a
// day that is not in the calendar ("November 2026 has 30 days"), or "".
func noSuchDay(s string) string {
	m := dateShapeRE().FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 {
		return fmt.Sprintf("there is no month %02d: the month comes second, YYYY-MM-DD", mo)
	}
	// The day before the first of the next month is the last of this one.
	last := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if day < 1 || day > last {
		return fmt.Sprintf("that day does not exist: %s %d has %d days", time.Month(mo), y, last)
	}
	return ""
}
