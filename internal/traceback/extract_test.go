package traceback

import (
	"strings"
	"testing"
)

func TestExtract(t *testing.T) {
	for _, tc := range []struct {
		name, log, want string
	}{
		{
			name: "Python between log lines",
			log:  "2026-02-16 05:09:07 INFO start\n2026-02-16 05:09:08 ERROR boom\nTraceback (most recent call last):\n  File \"/app/x.py\", line 3, in f\n    g()\nKeyError: 'a'\n2026-02-16 05:09:09 INFO next request\n2026-02-16 05:09:10 INFO done\n",
			want: "Traceback (most recent call last):\n  File \"/app/x.py\", line 3, in f\n    g()\nKeyError: 'a'",
		},
		{
			name: "a chained Python traceback",
			log:  "INFO a\nTraceback (most recent call last):\n  File \"/app/x.py\", line 3, in f\n    g()\nKeyError: 'a'\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File \"/app/y.py\", line 9, in h\n    f()\nValueError: bad\nINFO b\n",
			want: "Traceback (most recent call last):\n  File \"/app/x.py\", line 3, in f\n    g()\nKeyError: 'a'\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File \"/app/y.py\", line 9, in h\n    f()\nValueError: bad",
		},
		{
			name: "Java with a cause",
			log:  "INFO a\nException in thread \"main\" java.net.SocketTimeoutException: Read timed out\n\tat a.b.C.d(C.java:1)\nCaused by: x.Y: z\n\tat e.F.g(F.java:2)\n\t... 3 more\nINFO later\n",
			want: "Exception in thread \"main\" java.net.SocketTimeoutException: Read timed out\n\tat a.b.C.d(C.java:1)\nCaused by: x.Y: z\n\tat e.F.g(F.java:2)",
		},
		{
			name: "a Go panic",
			log:  "INFO a\npanic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:9 +0x1d\nexit status 2\nINFO later\n",
			want: "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:9 +0x1d",
		},
		{
			name: "only the traceback",
			log:  "Traceback (most recent call last):\n  File \"/app/x.py\", line 3, in f\nKeyError: 'a'\n",
			want: "Traceback (most recent call last):\n  File \"/app/x.py\", line 3, in f\nKeyError: 'a'",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, tb, err := Extract(tc.log)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("Extract:\n got %q\nwant %q", got, tc.want)
			}
			again, err := Parse(got)
			if err != nil || again.Final().Type != tb.Final().Type {
				t.Errorf("the text extracted parses to %v, %v; want final %q", again, err, tb.Final().Type)
			}
		})
	}
	if _, _, err := Extract("INFO nothing here\n"); err == nil {
		t.Error("Extract of a log with no traceback: no error")
	}
}

// Extract takes time n log n in the length of the log, whatever it holds.
func BenchmarkExtract(b *testing.B) {
	for _, tc := range []struct{ name, log string }{
		{"python in a long log", strings.Repeat("2026-02-16 05:09:07 INFO GET /healthz 200 in 3 ms\n", 20000) +
			"Traceback (most recent call last):\n  File \"/app/x.py\", line 3, in f\n    g()\nKeyError: 'a'\n" +
			strings.Repeat("2026-02-16 05:09:08 INFO GET /healthz 200\n", 20000)},
		{"many panic lines", strings.Repeat("panic: x\n", 20000)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := Extract(tc.log); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
