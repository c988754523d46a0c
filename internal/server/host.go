package server

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// checkHost answers the requests to h, a server listening on addr, whose
// Host is one of the server's own names, and every other with 421
// Misdirected Request.
//
// On a loopback address the server's names are the loopback ones:
// localhost and its subdomains (RFC 6761), 127.0.0.0/8 and [::1], with or
// without a port. A web page that rebinds its own name to 127.0.0.1 (DNS
// rebinding) sends its own name as Host, so it is refused, and cannot read
// the reviews through the browser of someone who opened it.
//
// On another address, such as 0.0.0.0 or a LAN address, every Host is
// answered: whoever can reach the server reads it anyway, and the names
// it is reached by (the machine's, a proxy's) cannot be known here.
func checkHost(addr net.Addr, h http.Handler) http.Handler {
	if !isLoopback(addr) {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !loopbackHost(r.Host) {
			http.Error(w, fmt.Sprintf("fupan serve: host %q is not served here: this preview answers only to localhost, 127.0.0.1 and [::1] (open http://%s/), unless --addr binds it to another address", r.Host, addr), http.StatusMisdirectedRequest)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// isLoopback reports whether addr, such as 127.0.0.1:8080, is a loopback
// address.
func isLoopback(addr net.Addr) bool {
	ap, err := netip.ParseAddrPort(addr.String())
	return err == nil && ap.Addr().Unmap().IsLoopback()
}

// loopbackHost reports whether host, a request's Host, names a loopback
// address: localhost, a subdomain of it, or a loopback IP address, with or
// without a port.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	} else if len(host) > 2 && host[0] == '[' && host[len(host)-1] == ']' {
		host = host[1 : len(host)-1]
	}
	// A name may end in the root's '.'.
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Zone() == "" && ip.Unmap().IsLoopback()
}
