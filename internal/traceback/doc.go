// Package traceback parses the traceback of a review: a Python traceback,
// a Java stack trace or a Go panic, as pasted into the review's
// `traceback` field. Its main use is to find the final exception, which
// the review's failure.exceptions must name (see "Tracebacks" in the
// review format).
//
// Parse decides the language by the first non-blank line, and
// Traceback.Final returns the final exception. Nothing may come before
// the traceback: a log line in front of it makes the text unrecognised.
// Find looks for a traceback in a log (see "Logs").
//
// # Text
//
// Lines may end in "\n" or "\r\n"; trailing white space, blank lines
// before and after the traceback, and indentation common to every
// non-blank line (a traceback pasted indented) are ignored. "Column 0"
// below means after that common indentation is removed. Line numbers,
// in an Exception and in an *Error, are 1-based lines of the text as
// given.
//
// # Python
//
// A Python traceback starts with "Traceback (most recent call last):".
// Then come frames,
//
//	File "/app/cache.py", line 42, in get_user_profile
//	  raw = client.get(f"profile:{user_id}")
//	        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
//
// each with indented source and (Python 3.11+) caret lines under it,
// which are skipped like any indented line that is not a frame (such as
// "[Previous line repeated 996 more times]"). A frame of a SyntaxError
// has no ", in function" part and an empty Function.
//
// The exception line is the first line at column 0 after the header that
// is a dotted name, alone or followed by ": " and a message:
//
//	redis.exceptions.ConnectionError: Timeout connecting to server
//	psycopg2.errors.QueryCanceled: canceling statement due to statement timeout
//	KeyError
//
// Its Type is the text before the first ": " (the whole line when it has
// none; a trailing ":" of an empty message is dropped) and its Message
// the text after. Column-0 lines before it that are not names are
// skipped; every line after it, up to a chain separator, is the rest of a
// multi-line message (or notes) and is not kept. This is also how a
// nested traceback inside a message, such as multiprocessing's
// RemoteTraceback, stays part of that message.
//
// A chained traceback repeats the above, joined by either of
//
//	During handling of the above exception, another exception occurred:
//	The above exception was the direct cause of the following exception:
//
// Each part is one Exception of Chain, in the order printed; a part may
// lack the header and frames (a cause that was never raised prints its
// exception line alone), so a text that holds a separator at column 0 is
// Python even when it does not start with the header. The final exception
// is the last one printed.
//
// Exception groups (the "+ Exception Group Traceback" of Python 3.11) are
// not recognised.
//
// # Java
//
// A Java stack trace starts with an exception line, optionally after the
// `Exception in thread "main" ` that the default handler prints:
//
//	Exception in thread "main" java.net.SocketTimeoutException: Read timed out
//		at java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)
//		at java.base/java.net.SocketInputStream.socketRead0(Native Method)
//		at com.acme.orders.Client.fetch(Client.java:42)
//		... 12 more
//	Caused by: org.apache.kafka.common.errors.RebalanceInProgressException: rebalance
//		at org.apache.kafka.clients.consumer.internals.ConsumerCoordinator.commit(ConsumerCoordinator.java:1109)
//
// The class name is a dotted name whose parts may hold "$"
// ("com.acme.Outer$Inner"); Type is the text before the first ": ",
// Message the text after. Without the thread prefix the text counts as
// Java only when an indented "at …" frame or a "Caused by:" line follows.
//
// Chain[0] is the top exception, which is the final exception; each
// "Caused by:" at column 0 adds its cause, so Chain[i+1] caused Chain[i].
// Frames are the "at" lines under each exception; Function drops the
// module or class loader before the last "/" ("java.base/",
// "app//"), and anything after the closing parenthesis (logback's
// "~[kafka-clients.jar:na]") is ignored. A location without a line
// number, "(Native Method)" or "(Unknown Source)", becomes the frame's
// File with Line 0. "... N more" lines (frames shared with the enclosing
// trace) are dropped, not expanded. A "Suppressed:" exception, and
// everything indented under it (its frames and its own indented
// "Caused by:" lines), is skipped up to the next "Caused by:" at column 0:
// suppressed exceptions are not part of the chain. Other lines, such as
// the rest of a multi-line message, are ignored. A "Caused by:" without a
// class name is an error.
//
// # Go
//
// A Go panic starts with "panic: " followed by the panic value:
//
//	panic: assignment to entry in nil map
//
//	goroutine 1 [running]:
//	main.(*Cache).Put(...)
//		/app/cache.go:17
//	main.main()
//		/app/main.go:9 +0x1d
//	exit status 2
//
// Type is the whole value, "runtime error: invalid memory address or nil
// pointer dereference", with a trailing " [recovered]" (or, since Go
// 1.25, " [recovered, repanicked]") removed; Message is always "". A
// fatal runtime error, "fatal error: concurrent map writes", is read the
// same way, with Type the text after "fatal error: ".
//
// A panic raised while another was being handled prints
//
//	panic: first [recovered]
//		panic: second
//
// Chain[0] is the first panic, which is the final exception as the review
// format defines it, and each indented "panic: " line adds one more
// element in the order printed. The "[signal SIGSEGV: …]" line and any
// further lines of a multi-line value are skipped.
//
// The stack of the first goroutine printed (the one that panicked) gives
// the Frames of Chain[0]: each a function line, whose arguments are
// dropped ("main.(*Server).handle"), and an indented "file:line +0x1d"
// line. "created by" lines and "...additional frames elided..." are
// skipped; the stack ends at the first line that is neither a function
// line followed by a file line nor one of those (the blank line before
// the next goroutine, "exit status 2"), and the rest of the text, such
// as the stacks of other goroutines (GOTRACEBACK=all), is ignored.
//
// # Logs
//
// Find finds the traceback in a log, such as one pasted into "fupan
// similar": it returns what Parse returns for the text from the first
// line from which Parse accepts the rest, as if Parse were tried from each
// line in turn, and the offset of that line. It takes time linear in the
// length of the log, whatever the log holds: many lines that could each
// start a traceback that the rest then fails to complete (repeated
// headers, "Caused by:" or "panic:" lines, chain separators), an
// indentation that changes from line to line, very long lines.
//
// # Errors
//
// Parse returns an *Error, "line N: message", when the text is empty or
// blank, when its first line starts none of the three shapes, when a
// Python traceback (or one part of a chain) has no exception line or a
// chain separator is followed by nothing, when a Java "Caused by:" names
// no class, and when a Go panic has no value.
package traceback
