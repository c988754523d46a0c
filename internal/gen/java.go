package gen

import (
	"fmt"
	"strings"
)

// Java stack traces: a first line naming the exception, "\tat" frames and
// "Caused by:" sections ending in "... N more".

// jframe is one "at pkg.Class.method(File.java:N)" entry.
type jframe struct {
	method string // fully qualified, e.g. "java.net.Socket$SocketInputStream.read"
	file   string // e.g. "Socket.java"; empty for "Native Method"
	line   int
}

// jsection is one exception of a Java trace.
type jsection struct {
	head   string // "type: message"
	frames []jframe
	more   int // the "... N more" count of a Caused by section
}

// javaTrace prints the exception on thread (none when thread is empty) and
// its causes.
func javaTrace(thread string, sections ...jsection) string {
	var b strings.Builder
	for i, s := range sections {
		switch {
		case i > 0:
			b.WriteString("Caused by: ")
		case thread != "":
			fmt.Fprintf(&b, "Exception in thread %q ", thread)
		}
		b.WriteString(s.head + "\n")
		for _, f := range s.frames {
			if f.file == "" {
				fmt.Fprintf(&b, "\tat %s(Native Method)\n", f.method)
				continue
			}
			fmt.Fprintf(&b, "\tat %s(%s:%d)\n", f.method, f.file, f.line)
		}
		if s.more > 0 {
			fmt.Fprintf(&b, "\t... %d more\n", s.more)
		}
	}
	return b.String()
}

// jat builds a frame of method in class file name derived from the class.
func jat(method string, line int) jframe {
	cls := method[:strings.LastIndex(method, ".")]
	cls = cls[strings.LastIndex(cls, ".")+1:]
	if i := strings.Index(cls, "$"); i >= 0 {
		cls = cls[:i]
	}
	return jframe{method, cls + ".java", line}
}

// javaEntry returns the service's listener class and its entry method,
// fully qualified, e.g. "com.fupan.inventory.sync.StockSyncListener".
func (e *env) javaEntry() (class, method string) {
	cls := e.svc.endpoint[:strings.Index(e.svc.endpoint, ".")]
	return e.svc.module + "." + cls, e.svc.entry
}
