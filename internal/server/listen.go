package server

import (
	"net"
	"net/http"
	"time"
)

// HTTPServer returns the http.Server that serves s on a listener at addr.
// It answers only the requests whose Host is one of its names (checkHost).
func (s *Server) HTTPServer(addr net.Addr) *http.Server {
	return &http.Server{
		Handler:           checkHost(addr, s),
		ReadHeaderTimeout: 10 * time.Second,
	}
}
