package server

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/fupan/fupan/internal/site"
	"github.com/fupan/fupan/internal/syncbuf"
	"github.com/fupan/fupan/reviews"
	"github.com/fupan/fupan/theme"
)

// A branch switch removes reviews/ and writes it again, either at once or
// a while later. Meanwhile the pages say that the folder is missing, and
// the last good site stays; when it is back, the site is built from it,
// and the folder and its subfolders are watched again.
func TestWatchFolderReturns(t *testing.T) {
	for _, tt := range []struct {
		name string
		wait bool // for the pages to say that reviews/ is missing
	}{
		{"removed, then back", true},
		{"removed and written again at once", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			r := newTestRepo(t)
			ts := httptest.NewServer(r.srv)
			defer ts.Close()
			reviewsDir := filepath.Join(r.dir, "reviews")
			watched := make(chan error, 1)
			go func() {
				watched <- r.srv.Watch(ctx, []string{reviewsDir}, []string{filepath.Join(r.dir, "fupan.yaml")})
			}()
			events := openEvents(ctx, t, ts.URL)
			events.await(t, "ok", "")
			r.armed(t, events)
			_, home := get(t, ts.URL+"/")

			if err := os.RemoveAll(reviewsDir); err != nil {
				t.Fatal(err)
			}
			if tt.wait {
				events.await(t, "problems", "reviews/ is missing; waiting for it to return")
				if code, page := get(t, ts.URL+"/"); code != http.StatusOK || page != home {
					t.Errorf("with reviews/ missing: GET / = %d, the last good page: %v", code, page == home)
				}
				// A page opened meanwhile is told at once.
				late := openEvents(ctx, t, ts.URL)
				late.await(t, "problems", "reviews/ is missing")
			}

			// Back, with a review edited and another in a new subfolder.
			edit := map[string]string{r.some: "title: Edited on the other branch"}
			moved := ""
			for p := range r.examples {
				if p != r.some {
					moved = p
					break
				}
			}
			writeRepo(t, r.dir, r.examples, func(p string) string {
				if p == moved {
					return "reviews/archive/" + filepath.Base(p)
				}
				return p
			}, edit)
			awaitPage(ctx, t, ts.URL+"/", "Edited on the other branch")

			// The returned folder is watched, its new subfolder too.
			retitle(t, filepath.Join(r.dir, r.some), "Edited again")
			awaitPage(ctx, t, ts.URL+"/", "Edited again")
			retitle(t, filepath.Join(r.dir, "reviews/archive", filepath.Base(moved)), "Edited in the archive")
			// Its own page: the home page lists only the latest reviews.
			awaitPage(ctx, t, ts.URL+"/reviews/"+strings.TrimSuffix(filepath.Base(moved), ".md")+"/", "Edited in the archive")

			cancel()
			if err := <-watched; err != nil {
				t.Errorf("Watch: %v", err)
			}
		})
	}
}

// A folder that cannot be watched is reported, and the others are
// watched: here one whose path is longer than Linux takes.
func TestWatchReportsFolder(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("PATH_MAX is Linux's")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	r := newTestRepo(t)
	ts := httptest.NewServer(r.srv)
	defer ts.Close()
	reviewsDir := filepath.Join(r.dir, "reviews")
	watched := make(chan error, 1)
	go func() { watched <- r.srv.Watch(ctx, []string{reviewsDir}, nil) }()
	defer func() {
		cancel()
		<-watched
	}()
	events := openEvents(ctx, t, ts.URL)
	events.await(t, "ok", "")
	r.armed(t, events)

	// os.Root makes a folder one name at a time, however long the path.
	root, err := os.OpenRoot(reviewsDir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	segment := strings.Repeat("d", 200)
	deep := strings.Repeat(segment+"/", 25) // over 4096 bytes
	if err := root.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	awaitLog(ctx, t, r.log, "cannot watch "+filepath.Join(reviewsDir, segment))
	retitle(t, filepath.Join(r.dir, r.some), "Edited beside a deep folder")
	awaitPage(ctx, t, ts.URL+"/", "Edited beside a deep folder")
}

// An error of the watcher is reported and does not stop it; after an
// overflow, which loses changes, every folder is watched again and the
// site is built afresh.
func TestWatchOverflow(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	r := newTestRepo(t)
	ts := httptest.NewServer(r.srv)
	defer ts.Close()
	wt, err := r.srv.newWatcher([]string{filepath.Join(r.dir, "reviews")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan bool)
	go func() {
		wt.run(ctx)
		close(done)
	}()
	defer func() {
		cancel()
		<-done
		wt.w.Close()
	}()
	events := openEvents(ctx, t, ts.URL)
	events.await(t, "ok", "")

	wt.w.Errors <- fsnotify.ErrEventOverflow
	events.await(t, "reload", "")
	awaitLog(ctx, t, r.log, fsnotify.ErrEventOverflow.Error())
	wt.w.Errors <- errors.New("a read error")
	retitle(t, filepath.Join(r.dir, r.some), "Edited after an overflow")
	awaitPage(ctx, t, ts.URL+"/", "Edited after an overflow")
}

// A testRepo is a repository of the example reviews on disk, and its
// server.
type testRepo struct {
	dir      string
	examples fstest.MapFS
	some     string // the newest review
	srv      *Server
	log      *syncbuf.Buffer
}

func newTestRepo(t *testing.T) *testRepo {
	t.Helper()
	r := &testRepo{dir: t.TempDir(), examples: reviews.FS().(fstest.MapFS), log: &syncbuf.Buffer{}}
	// The newest review: the home page, which the tests read, lists
	// only the latest reviews.
	for p := range r.examples {
		if strings.HasSuffix(p, ".md") && p > r.some {
			r.some = p
		}
	}
	writeRepo(t, r.dir, r.examples, nil)
	root, err := os.OpenRoot(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	r.srv, err = New(Config{Repo: root.FS(), Site: site.Options{Theme: theme.FS()}, Log: r.log})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("log:\n%s", r.log.String())
		}
	})
	return r
}

// armed returns once Watch, started in the background, sees a change: a
// review touched until the site is rebuilt.
func (r *testRepo) armed(t *testing.T, events *eventStream) {
	t.Helper()
	for {
		now := time.Now()
		if err := os.Chtimes(filepath.Join(r.dir, r.some), now, now); err != nil {
			t.Fatal(err)
		}
		if events.within(t, 300*time.Millisecond, "reload", "") {
			return
		}
	}
}

// writeRepo writes the files of fsys under dir, each at rename(path) when
// rename is not nil, with the title of those in titles replaced.
func writeRepo(t *testing.T, dir string, fsys fstest.MapFS, rename func(string) string, titles ...map[string]string) {
	t.Helper()
	for p, f := range fsys {
		data := f.Data
		for _, m := range titles {
			if title, ok := m[p]; ok {
				data = replaceTitle(t, data, title)
			}
		}
		if rename != nil {
			p = rename(p)
		}
		name := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// replaceTitle returns data with its title line replaced by line.
func replaceTitle(t *testing.T, data []byte, line string) []byte {
	t.Helper()
	start := bytes.Index(data, []byte("\ntitle: "))
	if start < 0 {
		t.Fatalf("no title in %.40q", data)
	}
	end := bytes.IndexByte(data[start+1:], '\n') + start + 1
	return append(append(append([]byte{}, data[:start+1]...), line...), data[end:]...)
}

// retitle gives the review file name a new title.
func retitle(t *testing.T, name, title string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, replaceTitle(t, data, "title: "+title), 0o644); err != nil {
		t.Fatal(err)
	}
}

// awaitPage gets url until it holds want, or fails when ctx is done.
func awaitPage(ctx context.Context, t *testing.T, url, want string) {
	t.Helper()
	await(ctx, t, func() bool {
		_, page := get(t, url)
		return strings.Contains(page, want)
	}, "GET %s never held %q", url, want)
}

// awaitLog waits until log holds want, or fails when ctx is done.
func awaitLog(ctx context.Context, t *testing.T, log *syncbuf.Buffer, want string) {
	t.Helper()
	await(ctx, t, func() bool { return strings.Contains(log.String(), want) }, "the log never held %q", want)
}

// await polls done until it reports true, or fails with the message when
// ctx is done.
func await(ctx context.Context, t *testing.T, done func() bool, format string, args ...any) {
	t.Helper()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !done() {
		select {
		case <-ctx.Done():
			t.Fatalf(format, args...)
		case <-tick.C:
		}
	}
}

// eventStream is a page's event stream, read as its events come.
type eventStream struct {
	ctx    context.Context
	events chan [2]string // name, data
}

func openEvents(ctx context.Context, t *testing.T, base string) *eventStream {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/_fupan/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	s := &eventStream{ctx: ctx, events: make(chan [2]string, 64)}
	go func() {
		defer close(s.events)
		lines := bufio.NewScanner(resp.Body)
		var name string
		for lines.Scan() {
			if v, ok := strings.CutPrefix(lines.Text(), "event: "); ok {
				name = v
			} else if v, ok := strings.CutPrefix(lines.Text(), "data: "); ok {
				s.events <- [2]string{name, v}
			}
		}
	}()
	return s
}

// within waits at most d for an event named name whose data holds data,
// and reports whether it came; other events are passed over.
func (s *eventStream) within(t *testing.T, d time.Duration, name, data string) bool {
	t.Helper()
	timeout := time.After(d)
	for {
		select {
		case e, ok := <-s.events:
			if !ok {
				t.Fatalf("the event stream ended, waiting for %s %q", name, data)
			}
			if e[0] == name && strings.Contains(e[1], data) {
				return true
			}
		case <-timeout:
			return false
		case <-s.ctx.Done():
			t.Fatalf("no %s event with %q", name, data)
		}
	}
}

// await waits for an event named name whose data holds data until the
// stream's context is done.
func (s *eventStream) await(t *testing.T, name, data string) {
	t.Helper()
	s.within(t, time.Hour, name, data)
}
