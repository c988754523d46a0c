package recurrence

import (
	"net/url"
	"slices"
	"strings"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/internal/traceback"
)

// A Signature is the normalised failure of a review; see the package doc.
type Signature struct {
	Exceptions []string // class names, lower-cased, without repeats
	Final      string   // the final exception, normalised; "" when none
	Dependency string   // the dependency's host, lower-cased
	Function   string   // the failing function's last name, lower-cased
	Frames     []string // the traceback's frame functions' last names
	Services   []string

	// shown are the exception and function names as the review writes
	// them (the class name, the last name), by their normal form.
	shown map[string]string
}

// show returns the name of a normal form as the review writes it.
func (s Signature) show(n string) string {
	if v, ok := s.shown[n]; ok {
		return v
	}
	return n
}

// Of returns the signature of r. It reads r.Parsed, which review.Load
// sets when the traceback parses.
func Of(r *review.Review) Signature {
	s := Signature{shown: map[string]string{}}
	for _, e := range r.Exceptions() {
		if n := Exception(e); n != "" && !slices.Contains(s.Exceptions, n) {
			s.Exceptions = append(s.Exceptions, n)
			s.shown[n] = lastName(e, ".$")
		}
	}
	if r.Parsed != nil {
		s.Final = Exception(r.Parsed.Final().Type)
		for _, e := range r.Parsed.Chain {
			for _, f := range e.Frames {
				if library(f) {
					continue
				}
				if n := Function(f.Function); n != "" && !generic[n] && !slices.Contains(s.Frames, n) {
					s.Frames = append(s.Frames, n)
				}
			}
		}
	}
	if s.Final == "" && len(r.Failure.Exceptions) > 0 {
		s.Final = Exception(r.Failure.Exceptions[0])
	}
	s.Dependency = Dependency(r.Failure.Dependency)
	if n := Function(r.Failure.Function); !generic[n] {
		s.Function = n
		if _, ok := s.shown[n]; !ok {
			s.shown[n] = lastName(strings.TrimRight(strings.TrimSpace(r.Failure.Function), "()"), ".:/ ")
		}
	}
	s.Services = r.Services
	return s
}

// lastName is the part of s after the last of the separators; s itself
// when it has spaces (a Go panic value).
func lastName(s, seps string) string {
	s = strings.TrimSpace(s)
	if strings.Contains(s, " ") && seps != ".:/ " {
		return s
	}
	if i := strings.LastIndexAny(s, seps); i >= 0 {
		return s[i+1:]
	}
	return s
}

// Exception normalises an exception type: its class name (the part after
// the last dot) lower-cased, so that a type written with or without its
// module is one; a Go panic value (prose) is kept whole, lower-cased, its
// spaces collapsed.
func Exception(t string) string {
	t = strings.ToLower(strings.Join(strings.Fields(t), " "))
	if strings.Contains(t, " ") {
		return t
	}
	if i := strings.LastIndexAny(t, ".$"); i >= 0 {
		t = t[i+1:]
	}
	return t
}

// Dependency normalises a dependency to its host: the host of a URL
// (redis://user@prod-cache:6379/0 gives prod-cache), or of host:port/path;
// a dependency written as prose ("the ERP SOAP gateway") is kept whole,
// lower-cased, its spaces collapsed.
func Dependency(d string) string {
	d = strings.ToLower(strings.TrimSpace(d))
	if d == "" {
		return ""
	}
	if strings.Contains(d, "://") {
		// The URL, of a dependency that may go on in prose:
		// "kafka://kafka-prod:9092 topic stock-events".
		for _, f := range strings.Fields(d) {
			if strings.Contains(f, "://") {
				d = strings.TrimRight(f, ",;")
				break
			}
		}
		if u, err := url.Parse(d); err == nil && u.Hostname() != "" {
			return u.Hostname()
		}
		_, d, _ = strings.Cut(d, "://")
	}
	if strings.ContainsAny(d, " \t") {
		return strings.Join(strings.Fields(d), " ")
	}
	d, _, _ = strings.Cut(d, "/")
	if i := strings.LastIndexByte(d, '@'); i >= 0 {
		d = d[i+1:]
	}
	if i := strings.LastIndexByte(d, ':'); i >= 0 && !strings.Contains(d[:i], ":") {
		d = d[:i]
	}
	return d
}

// Function normalises a function name to its last name, lower-cased,
// without parentheses or arguments: cache.get_user_profile() and
// get_user_profile are one; a Go method main.(*Server).handle gives handle.
func Function(f string) string {
	f = strings.TrimSpace(f)
	if i := strings.IndexByte(f, '('); i > 0 && !strings.HasSuffix(f[:i], ".") {
		f = f[:i]
	}
	f = strings.TrimRight(f, "()")
	if i := strings.LastIndexAny(f, ".:/ "); i >= 0 {
		f = f[i+1:]
	}
	return strings.ToLower(f)
}

// generic are function names that say nothing about a failure.
var generic = map[string]bool{
	"": true, "<module>": true, "<lambda>": true, "main": true, "run": true, "__call__": true,
	"call": true, "invoke": true, "handle": true, "wrapper": true, "inner": true, "get": true,
	"execute": true, "dispatch": true, "goexit": true, "start": true, "apply": true,
	"invoke0": true, "lambda$0": true, "<init>": true, "serve": true, "servehttp": true,
}

// libraryFiles and libraryFunctions mark the frames of libraries and of
// the runtime, which tracebacks of unrelated failures share (requests'
// send, the JDK's socket read, Go's runtime): they say nothing about
// where the failure was.
var (
	libraryFiles     = []string{"site-packages/", "dist-packages/", "/lib/python", "/usr/lib/", "/usr/local/go/", "/go/pkg/mod/"}
	libraryFunctions = []string{"java.", "javax.", "jdk.", "sun.", "kotlin.", "scala.", "org.apache.", "org.springframework.",
		"io.netty.", "com.fasterxml.", "okhttp3.", "runtime.", "net/", "net.", "sync.", "reflect.", "testing.", "internal/"}
)

// library reports whether f is a frame of a library or of the runtime.
func library(f traceback.Frame) bool {
	for _, p := range libraryFiles {
		if strings.Contains(f.File, p) {
			return true
		}
	}
	fn := f.Function
	if i := strings.IndexByte(fn, '/'); i > 0 && strings.HasPrefix(fn, "java.base/") {
		fn = fn[i+1:] // a JDK module: java.base/java.net.Socket.read
	}
	for _, p := range libraryFunctions {
		if strings.HasPrefix(fn, p) {
			return true
		}
	}
	return false
}
