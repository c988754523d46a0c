package server

import (
	"net"
	"net/http"
	"time"
)

// The server's timeouts. A page's event stream lives as long as the page:
// it lifts the read and write deadlines for itself, and gives each event
// eventWriteTimeout to be written instead (events).
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = time.Minute
	idleTimeout       = 2 * time.Minute
	eventWriteTimeout = 10 * time.Second
)

// HTTPServer returns the http.Server that serves s on a listener at addr.
// It answers only the requests whose Host is one of its names (checkHost),
// and drops a client that is slow to send its request or to read the
// answer, or that leaves its connection idle.
func (s *Server) HTTPServer(addr net.Addr) *http.Server {
	return &http.Server{
		Handler:           checkHost(addr, s),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
	}
}
