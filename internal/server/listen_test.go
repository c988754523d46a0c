package server

import (
	"bufio"
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The server drops a slow or idle client.
func TestHTTPServerTimeouts(t *testing.T) {
	hs := exampleServer(t).HTTPServer(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080})
	for _, tt := range []struct {
		name string
		d    time.Duration
	}{
		{"ReadHeaderTimeout", hs.ReadHeaderTimeout},
		{"ReadTimeout", hs.ReadTimeout},
		{"WriteTimeout", hs.WriteTimeout},
		{"IdleTimeout", hs.IdleTimeout},
	} {
		if tt.d <= 0 {
			t.Errorf("%s = %v, want a timeout", tt.name, tt.d)
		}
	}
}

// A page's event stream outlives the server's read and write timeouts,
// and pages are still served.
func TestEventsOutliveTimeouts(t *testing.T) {
	srv := exampleServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := srv.HTTPServer(ln.Addr())
	const short = 50 * time.Millisecond
	hs.ReadTimeout, hs.WriteTimeout = short, short
	go hs.Serve(ln)
	defer hs.Close()
	base := "http://" + ln.Addr().String()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/_fupan/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := bufio.NewScanner(resp.Body)
	next := func() string {
		for events.Scan() {
			if ev, ok := strings.CutPrefix(events.Text(), "event: "); ok {
				return ev
			}
		}
		t.Fatalf("the event stream ended: %v", errors.Join(events.Err(), ctx.Err()))
		return ""
	}
	if ev := next(); ev != "ok" {
		t.Fatalf("first event %q, want ok", ev)
	}
	// Past both timeouts, the stream still carries the next rebuild.
	time.Sleep(4 * short)
	if code, _ := get(t, base+"/"); code != http.StatusOK {
		t.Errorf("GET / = %d while a stream is open", code)
	}
	if err := srv.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if ev := next(); ev != "reload" {
		t.Errorf("after a rebuild: event %q, want reload", ev)
	}
}
