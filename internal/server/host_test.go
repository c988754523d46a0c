package server

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// A server on a loopback address answers only to loopback names, so that
// a page whose name is rebound to 127.0.0.1 cannot read it; on another
// address it answers to every name.
func TestHost(t *testing.T) {
	srv := exampleServer(t)
	loopback4 := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}
	loopback6 := &net.TCPAddr{IP: net.IPv6loopback, Port: 8080}
	any4 := &net.TCPAddr{IP: net.IPv4zero, Port: 8080}
	any6 := &net.TCPAddr{Port: 8080}
	lan := &net.TCPAddr{IP: net.IPv4(192, 168, 1, 5), Port: 8080}
	tests := []struct {
		name string
		addr net.Addr
		host string
		ok   bool
	}{
		{"localhost", loopback4, "localhost:8080", true},
		{"localhost, no port", loopback4, "localhost", true},
		{"LOCALHOST", loopback4, "LOCALHOST:8080", true},
		{"localhost.", loopback4, "localhost.:8080", true},
		{"subdomain of localhost", loopback4, "reviews.localhost:8080", true},
		{"127.0.0.1", loopback4, "127.0.0.1:8080", true},
		{"127.0.0.1, another port (a forwarded one)", loopback4, "127.0.0.1:9000", true},
		{"127.1.2.3", loopback4, "127.1.2.3:8080", true},
		{"[::1]", loopback4, "[::1]:8080", true},
		{"[::1], no port", loopback4, "[::1]", true},
		{"IPv4-mapped 127.0.0.1", loopback4, "[::ffff:127.0.0.1]:8080", true},
		{"localhost, listening on [::1]", loopback6, "localhost:8080", true},
		{"[::1], listening on [::1]", loopback6, "[::1]:8080", true},

		{"evil.example", loopback4, "evil.example", false},
		{"evil.example with a port", loopback4, "evil.example:8080", false},
		{"evil.example, listening on [::1]", loopback6, "evil.example:8080", false},
		{"localhost as a subdomain", loopback4, "localhost.evil.example:8080", false},
		{"localhost within a name", loopback4, "evil-localhost:8080", false},
		{"127.0.0.1 as a subdomain", loopback4, "127.0.0.1.evil.example:8080", false},
		{"a LAN address", loopback4, "192.168.1.5:8080", false},
		{"the unspecified address", loopback4, "0.0.0.0:8080", false},
		{"no host", loopback4, "", false},
		{"a zone", loopback4, "[::1%25lo]:8080", false},
		{"a decimal address", loopback4, "2130706433:8080", false},

		{"evil.example, listening on 0.0.0.0", any4, "evil.example:8080", true},
		{"evil.example, listening on [::]", any6, "evil.example:8080", true},
		{"evil.example, listening on a LAN address", lan, "evil.example:8080", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest("GET", "/", nil)
			req.Host = tt.host
			srv.HTTPServer(tt.addr).Handler.ServeHTTP(rec, req)
			if tt.ok {
				if rec.Code != http.StatusOK {
					t.Errorf("Host %q to %v: %d, want 200", tt.host, tt.addr, rec.Code)
				}
				return
			}
			if rec.Code != http.StatusMisdirectedRequest {
				t.Errorf("Host %q to %v: %d, want %d", tt.host, tt.addr, rec.Code, http.StatusMisdirectedRequest)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
				t.Errorf("Host %q: Content-Type %q, want a plain message", tt.host, ct)
			}
			if body := rec.Body.String(); !strings.Contains(body, "localhost") || strings.Contains(body, "<") {
				t.Errorf("Host %q: message %q", tt.host, body)
			}
		})
	}
}

// The event stream, which carries the problems of the reviews, is behind
// the same check as the pages.
func TestHostEvents(t *testing.T) {
	srv := exampleServer(t)
	// An answered stream lasts until its request is done.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	rec := httptest.NewRecorder()
	req := httptest.NewRequestWithContext(ctx, "GET", "/_fupan/events", nil)
	req.Host = "evil.example:8080"
	srv.HTTPServer(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}).Handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusMisdirectedRequest {
		t.Errorf("events to evil.example: %d, want %d", rec.Code, http.StatusMisdirectedRequest)
	}
}
