package progress

import (
	"bytes"
	"os"
	"sync"
	"testing"
	"time"
)

func TestSummary(t *testing.T) {
	var b bytes.Buffer
	s := Summary(&b, "fupan build").(*summary)
	at := time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return at }

	ph := s.Start("search index", "review", 3000)
	var wg sync.WaitGroup
	for range 3000 {
		wg.Go(func() { ph.Add(1) })
	}
	wg.Wait()
	at = at.Add(4123456789 * time.Nanosecond)
	ph.Done()
	ph.Done() // once only

	one := s.Start("pages", "file", 0)
	one.Add(1)
	at = at.Add(250 * time.Millisecond)
	one.Done()

	want := "fupan build: search index: 3000 reviews in 4.123s\n" +
		"fupan build: pages: 1 file in 250ms\n"
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestStartNil(t *testing.T) {
	ph := Start(nil, "pages", "file", 10)
	ph.Add(3)
	ph.Done() // does nothing, and does not panic
}

// TestFor: a pipe, a file and a buffer get the summary; so does a
// terminal in CI, which nobody watches.
func TestFor(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	for name, out := range map[string]interface{ Write([]byte) (int, error) }{
		"pipe": w, "buffer": &bytes.Buffer{},
	} {
		if _, ok := For(out, "fupan build").(*summary); !ok {
			t.Errorf("%s: For gives %T, want a summary", name, For(out, "fupan build"))
		}
	}
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		defer tty.Close()
		t.Setenv("CI", "true")
		if _, ok := For(tty, "fupan build").(*summary); !ok {
			t.Errorf("a terminal in CI: For gives %T, want a summary", For(tty, "fupan build"))
		}
		t.Setenv("CI", "")
		if _, ok := For(tty, "fupan build").(*bar); !ok {
			t.Errorf("a terminal: For gives %T, want a bar", For(tty, "fupan build"))
		}
	}
}

// TestBar draws into a file as it would on a terminal: the bar shows the
// phase and the count, is cleared, and the summary line stays.
func TestBar(t *testing.T) {
	f, err := os.Create(t.TempDir() + "/tty")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ph := Bar(f, "fupan build").Start("search index", "review", 40)
	for range 40 {
		ph.Add(1)
		time.Sleep(5 * time.Millisecond)
	}
	ph.Done()
	out, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"fupan build: search index ", "/40, ", " reviews/s"} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("the bar lacks %q:\n%q", want, out)
		}
	}
	if !bytes.Contains(out, []byte("\rfupan build: search index: 40 reviews in ")) {
		t.Errorf("no summary after the cleared bar:\n%q", out)
	}
}
