package traceback

import (
	"errors"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	f.Add(requestsConnectTimeout)
	f.Add(kafkaCommitFailed)
	f.Add("panic: assignment to entry in nil map\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:9 +0x1d\n")
	f.Add("panic: x [recovered]\n\tpanic: y\n")
	f.Add("fatal error: concurrent map writes\n")
	f.Add("  Traceback (most recent call last):\r\n    File \"a.py\", line 1, in <module>\r\n  KeyError\r\n")
	f.Add("KeyError\n\nDuring handling of the above exception, another exception occurred:\n\nValueError: x\n")
	f.Add("Exception in thread \"main\" java.lang.Error\n\tSuppressed: a.B\nCaused by: c.D: e\n\tat f.g(Native Method)\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		tb, err := Parse(text)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse error %v is not an *Error", err)
			}
			if e.Line < 1 {
				t.Fatalf("error line %d < 1", e.Line)
			}
			return
		}
		final := tb.Final()
		if final.Type == "" || strings.Contains(final.Type, "\n") {
			t.Fatalf("Final().Type = %q", final.Type)
		}
		if final.Line < 1 || final.Line > strings.Count(text, "\n")+1 {
			t.Fatalf("Final().Line = %d out of range", final.Line)
		}
	})
}
