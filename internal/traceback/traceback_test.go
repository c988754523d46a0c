package traceback

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// text joins lines with "\n", so that the line number of a line in a test
// is its index plus one.
func text(lines ...string) string {
	return strings.Join(lines, "\n") + "\n"
}

// requestsConnectTimeout is what requests prints when urllib3 times out
// connecting: four tracebacks chained both ways.
var requestsConnectTimeout = text(
	`Traceback (most recent call last):`, // 1
	`  File "/usr/lib/python3.11/site-packages/urllib3/connection.py", line 174, in _new_conn`,
	`    conn = connection.create_connection(`,
	`           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^`,
	`  File "/usr/lib/python3.11/site-packages/urllib3/util/connection.py", line 95, in create_connection`, // 5
	`    raise err`,
	`TimeoutError: timed out`, // 7
	``,
	`During handling of the above exception, another exception occurred:`,
	``, // 10
	`Traceback (most recent call last):`,
	`  File "/usr/lib/python3.11/site-packages/urllib3/connectionpool.py", line 703, in urlopen`,
	`    httplib_response = self._make_request(`,
	`urllib3.exceptions.ConnectTimeoutError: (<urllib3.connection.HTTPSConnection object at 0x7f3b2c1d0a90>, 'Connection to api.payments.internal timed out. (connect timeout=2)')`, // 14
	``, // 15
	`The above exception was the direct cause of the following exception:`,
	``,
	`Traceback (most recent call last):`,
	`  File "/usr/lib/python3.11/site-packages/requests/adapters.py", line 486, in send`,
	`    resp = conn.urlopen(`, // 20
	`urllib3.exceptions.MaxRetryError: HTTPSConnectionPool(host='api.payments.internal', port=443): Max retries exceeded with url: /v1/charge`,
	``,
	`During handling of the above exception, another exception occurred:`,
	``,
	`Traceback (most recent call last):`, // 25
	`  File "/app/orders/pay.py", line 31, in charge`,
	`    r = requests.post(url, json=body, timeout=2)`,
	`  File "/usr/lib/python3.11/site-packages/requests/adapters.py", line 507, in send`,
	`    raise ConnectTimeout(e, request=request)`,
	`requests.exceptions.ConnectTimeout: HTTPSConnectionPool(host='api.payments.internal', port=443): Max retries exceeded with url: /v1/charge (Caused by ConnectTimeoutError(<urllib3.connection.HTTPSConnection object at 0x7f3b2c1d0a90>, 'Connection to api.payments.internal timed out. (connect timeout=2)'))`, // 30
)

var kafkaCommitFailed = text(
	`org.apache.kafka.clients.consumer.CommitFailedException: Offset commit cannot be completed since the consumer is not part of an active group for auto partition assignment; it is likely that the consumer was kicked out of the group.`, // 1
	`	at org.apache.kafka.clients.consumer.internals.ConsumerCoordinator.sendOffsetCommitRequest(ConsumerCoordinator.java:1269) ~[kafka-clients-3.4.0.jar:na]`,
	`	at org.apache.kafka.clients.consumer.KafkaConsumer.commitSync(KafkaConsumer.java:1527)`,
	`	at com.acme.orders.OrderListener.onBatch(OrderListener.java:88)`,
	`	at java.base/java.lang.Thread.run(Thread.java:833)`, // 5
	`Caused by: org.apache.kafka.common.errors.RebalanceInProgressException: Offset commit cannot be completed since the consumer is undergoing a rebalance for auto partition assignment.`,
	`	at org.apache.kafka.clients.consumer.internals.ConsumerCoordinator$OffsetCommitResponseHandler.handle(ConsumerCoordinator.java:1380)`,
	`	... 4 more`,
	`Caused by: java.util.concurrent.TimeoutException`,
	`	at jdk.internal.reflect.GeneratedMethodAccessor12.invoke(Unknown Source)`, // 10
	`	at java.base/sun.nio.ch.Net.poll(Native Method)`,
	`	... 6 more`,
)

func TestParse(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		want      *Traceback
		wantFinal string
	}{
		// Python.
		{
			name:      "python chained requests ConnectTimeout from urllib3",
			text:      requestsConnectTimeout,
			wantFinal: "requests.exceptions.ConnectTimeout",
			want: &Traceback{Language: Python, Chain: []Exception{
				{Type: "TimeoutError", Message: "timed out", Line: 7, Frames: []Frame{
					{"/usr/lib/python3.11/site-packages/urllib3/connection.py", 174, "_new_conn"},
					{"/usr/lib/python3.11/site-packages/urllib3/util/connection.py", 95, "create_connection"},
				}},
				{Type: "urllib3.exceptions.ConnectTimeoutError", Message: "(<urllib3.connection.HTTPSConnection object at 0x7f3b2c1d0a90>, 'Connection to api.payments.internal timed out. (connect timeout=2)')", Line: 14, Frames: []Frame{
					{"/usr/lib/python3.11/site-packages/urllib3/connectionpool.py", 703, "urlopen"},
				}},
				{Type: "urllib3.exceptions.MaxRetryError", Message: "HTTPSConnectionPool(host='api.payments.internal', port=443): Max retries exceeded with url: /v1/charge", Line: 21, Frames: []Frame{
					{"/usr/lib/python3.11/site-packages/requests/adapters.py", 486, "send"},
				}},
				{Type: "requests.exceptions.ConnectTimeout", Message: "HTTPSConnectionPool(host='api.payments.internal', port=443): Max retries exceeded with url: /v1/charge (Caused by ConnectTimeoutError(<urllib3.connection.HTTPSConnection object at 0x7f3b2c1d0a90>, 'Connection to api.payments.internal timed out. (connect timeout=2)'))", Line: 30, Frames: []Frame{
					{"/app/orders/pay.py", 31, "charge"},
					{"/usr/lib/python3.11/site-packages/requests/adapters.py", 507, "send"},
				}},
			}},
		},
		{
			name: "python redis ConnectionError indented with CRLF and trailing blank lines",
			text: "\r\n" +
				"    Traceback (most recent call last):\r\n" + // 2
				"      File \"/app/api/v1/order.py\", line 88, in create_order\r\n" +
				"        profile = cache.get_user_profile(user_id)\r\n" +
				"      File \"/app/cache.py\", line 42, in get_user_profile\r\n" + // 5
				"        raw = client.get(f\"profile:{user_id}\")\r\n" +
				"    redis.exceptions.ConnectionError: Timeout connecting to server\r\n" + // 7
				"\r\n" +
				"   \r\n",
			wantFinal: "redis.exceptions.ConnectionError",
			want: &Traceback{Language: Python, Chain: []Exception{
				{Type: "redis.exceptions.ConnectionError", Message: "Timeout connecting to server", Line: 7, Frames: []Frame{
					{"/app/api/v1/order.py", 88, "create_order"},
					{"/app/cache.py", 42, "get_user_profile"},
				}},
			}},
		},
		{
			name: "python 3.11 caret lines and a KeyError",
			text: text(
				`Traceback (most recent call last):`,
				`  File "/app/jobs/sync.py", line 3, in <module>`,
				`    main()`,
				`  File "/app/jobs/sync.py", line 12, in main`,
				`    return users[payload["user_id"]]`,
				`                 ~~~~~~~^^^^^^^^^^^`,
				`KeyError: 'user_id'`,
			),
			wantFinal: "KeyError",
			want: &Traceback{Language: Python, Chain: []Exception{
				{Type: "KeyError", Message: "'user_id'", Line: 7, Frames: []Frame{
					{"/app/jobs/sync.py", 3, "<module>"},
					{"/app/jobs/sync.py", 12, "main"},
				}},
			}},
		},
		{
			name: "python exception line without message",
			text: text(
				`Traceback (most recent call last):`,
				`  File "/app/feed.py", line 20, in next_item`,
				`    return next(self._it)`,
				`StopIteration`,
			),
			wantFinal: "StopIteration",
			want: &Traceback{Language: Python, Chain: []Exception{
				{Type: "StopIteration", Line: 4, Frames: []Frame{{"/app/feed.py", 20, "next_item"}}},
			}},
		},
		{
			name: "python exception with empty message ends in a colon",
			text: text(
				`Traceback (most recent call last):`,
				`  File "/app/x.py", line 1, in <module>`,
				`Exception: `,
			),
			wantFinal: "Exception",
			want: &Traceback{Language: Python, Chain: []Exception{
				{Type: "Exception", Line: 3, Frames: []Frame{{"/app/x.py", 1, "<module>"}}},
			}},
		},
		{
			name: "python psycopg2 multi-line message keeps the first exception line",
			text: text(
				`Traceback (most recent call last):`,
				`  File "/app/reports/daily.py", line 57, in run`,
				`    cur.execute(QUERY, params)`,
				`psycopg2.errors.QueryCanceled: canceling statement due to statement timeout`,
				`CONTEXT:  while scanning relation "orders"`,
				`DETAIL: not an exception`,
			),
			wantFinal: "psycopg2.errors.QueryCanceled",
			want: &Traceback{Language: Python, Chain: []Exception{
				{Type: "psycopg2.errors.QueryCanceled", Message: "canceling statement due to statement timeout", Line: 4, Frames: []Frame{
					{"/app/reports/daily.py", 57, "run"},
				}},
			}},
		},
		{
			name: "python column-0 lines that are not names are skipped before the exception",
			text: text(
				`Traceback (most recent call last):`,
				`  File "/app/x.py", line 9, in handler`,
				`Error in sys.excepthook:`,
				`ValueError: invalid literal for int() with base 10: 'abc'`,
			),
			wantFinal: "ValueError",
			want: &Traceback{Language: Python, Chain: []Exception{
				{Type: "ValueError", Message: "invalid literal for int() with base 10: 'abc'", Line: 4, Frames: []Frame{
					{"/app/x.py", 9, "handler"},
				}},
			}},
		},
		{
			name: "python recursion with repeated-line marker",
			text: text(
				`Traceback (most recent call last):`,
				`  File "/app/tree.py", line 4, in depth`,
				`    return 1 + depth(node.parent)`,
				`               ^^^^^^^^^^^^^^^^^^`,
				`  [Previous line repeated 996 more times]`,
				`RecursionError: maximum recursion depth exceeded`,
			),
			wantFinal: "RecursionError",
			want: &Traceback{Language: Python, Chain: []Exception{
				{Type: "RecursionError", Message: "maximum recursion depth exceeded", Line: 6, Frames: []Frame{
					{"/app/tree.py", 4, "depth"},
				}},
			}},
		},
		{
			name: "python SyntaxError frame has no function",
			text: text(
				`Traceback (most recent call last):`,
				`  File "/app/main.py", line 2, in <module>`,
				`    import settings`,
				`  File "/app/settings.py", line 7`,
				`    CACHE_TIMEOUT = = 30`,
				`                    ^`,
				`SyntaxError: invalid syntax`,
			),
			wantFinal: "SyntaxError",
			want: &Traceback{Language: Python, Chain: []Exception{
				{Type: "SyntaxError", Message: "invalid syntax", Line: 7, Frames: []Frame{
					{"/app/main.py", 2, "<module>"},
					{"/app/settings.py", 7, ""},
				}},
			}},
		},
		{
			name: "python cause that was never raised has no header",
			text: text(
				`KeyError: 'profile:42'`,
				``,
				`The above exception was the direct cause of the following exception:`,
				``,
				`Traceback (most recent call last):`, // 5
				`  File "/app/cache.py", line 51, in get_user_profile`,
				`    raise CacheMiss(key) from KeyError(key)`,
				`app.cache.CacheMiss: profile:42`,
			),
			wantFinal: "app.cache.CacheMiss",
			want: &Traceback{Language: Python, Chain: []Exception{
				{Type: "KeyError", Message: "'profile:42'", Line: 1},
				{Type: "app.cache.CacheMiss", Message: "profile:42", Line: 8, Frames: []Frame{
					{"/app/cache.py", 51, "get_user_profile"},
				}},
			}},
		},
		{
			name: "python multiprocessing RemoteTraceback nested in a message",
			text: text(
				`multiprocessing.pool.RemoteTraceback: `,
				`"""`,
				`Traceback (most recent call last):`,
				`  File "/usr/lib/python3.12/multiprocessing/pool.py", line 125, in worker`,
				`    result = (True, func(*args, **kwds))`, // 5
				`ZeroDivisionError: division by zero`,
				`"""`,
				``,
				`The above exception was the direct cause of the following exception:`,
				``, // 10
				`Traceback (most recent call last):`,
				`  File "/app/batch.py", line 14, in <module>`,
				`    print(pool.map(ratio, rows))`,
				`ZeroDivisionError: division by zero`,
			),
			wantFinal: "ZeroDivisionError",
			want: &Traceback{Language: Python, Chain: []Exception{
				{Type: "multiprocessing.pool.RemoteTraceback", Line: 1},
				{Type: "ZeroDivisionError", Message: "division by zero", Line: 14, Frames: []Frame{
					{"/app/batch.py", 14, "<module>"},
				}},
			}},
		},
		{
			name: "python class defined in a function",
			text: text(
				`Traceback (most recent call last):`,
				`  File "/app/t.py", line 5, in <module>`,
				`    f()`,
				`__main__.f.<locals>.Boom: x`,
			),
			wantFinal: "__main__.f.<locals>.Boom",
			want: &Traceback{Language: Python, Chain: []Exception{
				{Type: "__main__.f.<locals>.Boom", Message: "x", Line: 4, Frames: []Frame{{"/app/t.py", 5, "<module>"}}},
			}},
		},

		{
			name: "python malformed frame lines are skipped like source lines",
			text: text(
				`Traceback (most recent call last):`,
				`  File "/app/x.py", line ?, in f`,
				`  File "/app/x.py" at line 3`,
				`  File "/app/x.py", line 4, in g`,
				`TypeError: 'NoneType' object is not subscriptable`,
			),
			wantFinal: "TypeError",
			want: &Traceback{Language: Python, Chain: []Exception{
				{Type: "TypeError", Message: "'NoneType' object is not subscriptable", Line: 5, Frames: []Frame{{"/app/x.py", 4, "g"}}},
			}},
		},
		// Java.
		{
			name:      "java kafka CommitFailedException with causes",
			text:      kafkaCommitFailed,
			wantFinal: "org.apache.kafka.clients.consumer.CommitFailedException",
			want: &Traceback{Language: Java, Chain: []Exception{
				{Type: "org.apache.kafka.clients.consumer.CommitFailedException", Message: "Offset commit cannot be completed since the consumer is not part of an active group for auto partition assignment; it is likely that the consumer was kicked out of the group.", Line: 1, Frames: []Frame{
					{"ConsumerCoordinator.java", 1269, "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator.sendOffsetCommitRequest"},
					{"KafkaConsumer.java", 1527, "org.apache.kafka.clients.consumer.KafkaConsumer.commitSync"},
					{"OrderListener.java", 88, "com.acme.orders.OrderListener.onBatch"},
					{"Thread.java", 833, "java.lang.Thread.run"},
				}},
				{Type: "org.apache.kafka.common.errors.RebalanceInProgressException", Message: "Offset commit cannot be completed since the consumer is undergoing a rebalance for auto partition assignment.", Line: 6, Frames: []Frame{
					{"ConsumerCoordinator.java", 1380, "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator$OffsetCommitResponseHandler.handle"},
				}},
				{Type: "java.util.concurrent.TimeoutException", Line: 9, Frames: []Frame{
					{"Unknown Source", 0, "jdk.internal.reflect.GeneratedMethodAccessor12.invoke"},
					{"Native Method", 0, "sun.nio.ch.Net.poll"},
				}},
			}},
		},
		{
			name: "java exception in thread main",
			text: text(
				`Exception in thread "main" java.net.SocketTimeoutException: Read timed out`,
				`	at java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)`,
				`	at app//com.acme.billing.Client.fetch(Client.java:42)`,
			),
			wantFinal: "java.net.SocketTimeoutException",
			want: &Traceback{Language: Java, Chain: []Exception{
				{Type: "java.net.SocketTimeoutException", Message: "Read timed out", Line: 1, Frames: []Frame{
					{"NioSocketImpl.java", 288, "sun.nio.ch.NioSocketImpl.timedRead"},
					{"Client.java", 42, "com.acme.billing.Client.fetch"},
				}},
			}},
		},
		{
			name:      "java thread name with quote and space, inner class, no message, no frames",
			text:      text(`Exception in thread "worker "7"" com.acme.Queue$EmptyException`),
			wantFinal: "com.acme.Queue$EmptyException",
			want: &Traceback{Language: Java, Chain: []Exception{
				{Type: "com.acme.Queue$EmptyException", Line: 1},
			}},
		},
		{
			name: "java suppressed exceptions are skipped up to the next cause",
			text: text(
				`java.io.UncheckedIOException: flush failed`,
				`	at com.acme.Store.save(Store.java:30)`,
				`	Suppressed: java.io.IOException: close failed`,
				`		at com.acme.Store.close(Store.java:50)`,
				`		... 1 more`, // 5
				`	Caused by: java.net.SocketException: Broken pipe`,
				`		at com.acme.Store.flush(Store.java:61)`,
				`Caused by: java.io.IOException: disk full`,
				`	at com.acme.Store.write(Store.java:70)`,
			),
			wantFinal: "java.io.UncheckedIOException",
			want: &Traceback{Language: Java, Chain: []Exception{
				{Type: "java.io.UncheckedIOException", Message: "flush failed", Line: 1, Frames: []Frame{{"Store.java", 30, "com.acme.Store.save"}}},
				{Type: "java.io.IOException", Message: "disk full", Line: 8, Frames: []Frame{{"Store.java", 70, "com.acme.Store.write"}}},
			}},
		},
		{
			name: "java multi-line message and space-indented frames",
			text: text(
				`org.postgresql.util.PSQLException: ERROR: canceling statement due to statement timeout`,
				`  Where: SQL statement "SELECT * FROM orders WHERE status='pending'"`,
				`    at org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2676)`,
				`    at com.acme.Repo.pending`,
			),
			wantFinal: "org.postgresql.util.PSQLException",
			want: &Traceback{Language: Java, Chain: []Exception{
				{Type: "org.postgresql.util.PSQLException", Message: "ERROR: canceling statement due to statement timeout", Line: 1, Frames: []Frame{
					{"QueryExecutorImpl.java", 2676, "org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse"},
					{"", 0, "com.acme.Repo.pending"},
				}},
			}},
		},

		// Go.
		{
			name: "go nil map write",
			text: text(
				`panic: assignment to entry in nil map`,
				``,
				`goroutine 1 [running]:`,
				`main.(*Cache).Put(...)`,
				`	/app/cache.go:17`, // 5
				`main.main()`,
				`	/app/main.go:9 +0x1d`,
				`exit status 2`,
			),
			wantFinal: "assignment to entry in nil map",
			want: &Traceback{Language: Go, Chain: []Exception{
				{Type: "assignment to entry in nil map", Line: 1, Frames: []Frame{
					{"/app/cache.go", 17, "main.(*Cache).Put"},
					{"/app/main.go", 9, "main.main"},
				}},
			}},
		},
		{
			name: "go nil pointer with signal line in a goroutine",
			text: text(
				`panic: runtime error: invalid memory address or nil pointer dereference`,
				`[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x6c2f1d]`,
				``,
				`goroutine 42 [running]:`,
				`main.(*Server).handle(0xc000010000, {0x7f2b3c, 0xc0000a4000})`, // 5
				`	/app/server.go:42 +0x1d`,
				`net/http.HandlerFunc.ServeHTTP(0xc000122000?, {0x8a1f40?, 0xc0001c6000?}, 0x0?)`,
				`	/usr/local/go/src/net/http/server.go:2294 +0x29`,
				`created by net/http.(*Server).Serve in goroutine 1`,
				`	/usr/local/go/src/net/http/server.go:3454 +0x485`, // 10
			),
			wantFinal: "runtime error: invalid memory address or nil pointer dereference",
			want: &Traceback{Language: Go, Chain: []Exception{
				{Type: "runtime error: invalid memory address or nil pointer dereference", Line: 1, Frames: []Frame{
					{"/app/server.go", 42, "main.(*Server).handle"},
					{"/usr/local/go/src/net/http/server.go", 2294, "net/http.HandlerFunc.ServeHTTP"},
				}},
			}},
		},
		{
			name: "go re-panic: the first panic is final",
			text: text(
				`panic: runtime error: index out of range [5] with length 3 [recovered]`,
				`	panic: pq: canceling statement due to user request`,
				``,
				`goroutine 7 [running]:`,
				`main.worker.func1()`, // 5
				`	/app/worker.go:21 +0x8c`,
				`panic({0x6a1b20?, 0xc000014108?})`,
				`	/usr/local/go/src/runtime/panic.go:785 +0x132`,
				`main.worker()`,
				`	/app/worker.go:30 +0x45`, // 10
			),
			wantFinal: "runtime error: index out of range [5] with length 3",
			want: &Traceback{Language: Go, Chain: []Exception{
				{Type: "runtime error: index out of range [5] with length 3", Line: 1, Frames: []Frame{
					{"/app/worker.go", 21, "main.worker.func1"},
					{"/usr/local/go/src/runtime/panic.go", 785, "panic"},
					{"/app/worker.go", 30, "main.worker"},
				}},
				{Type: "pq: canceling statement due to user request", Line: 2},
			}},
		},
		{
			name: "go 1.25 recovered and repanicked",
			text: text(
				`panic: order 42 has no customer [recovered, repanicked]`,
				``,
				`goroutine 1 [running]:`,
				`main.main()`,
				`	/app/main.go:12 +0x2b`,
			),
			wantFinal: "order 42 has no customer",
			want: &Traceback{Language: Go, Chain: []Exception{
				{Type: "order 42 has no customer", Line: 1, Frames: []Frame{{"/app/main.go", 12, "main.main"}}},
			}},
		},
		{
			name: "go fatal error with other goroutines and elided frames",
			text: text(
				`fatal error: concurrent map writes`,
				``,
				`goroutine 18 gp=0xc000102380 m=4 mp=0xc000100008 [running]:`,
				`main.(*Index).Add(...)`,
				`	/app/my index/index.go:33 +0x3c fp=0xc00004e7d0 sp=0xc00004e7a0 pc=0x47e1dc`, // 5
				`...additional frames elided...`,
				`created by main.main in goroutine 1`,
				`	/app/main.go:20 +0x5d`,
				``,
				`goroutine 1 [sleep]:`, // 10
				`time.Sleep(0x3b9aca00)`,
				`	/usr/local/go/src/runtime/time.go:300 +0xf2`,
			),
			wantFinal: "concurrent map writes",
			want: &Traceback{Language: Go, Chain: []Exception{
				{Type: "concurrent map writes", Line: 1, Frames: []Frame{
					{"/app/my index/index.go", 33, "main.(*Index).Add"},
				}},
			}},
		},
		{
			name:      "go frame whose file line has no line number, indented with mixed white space",
			text:      "\t panic: boom\n\t goroutine 1 [running]:\n\t main.main\n\t \t?:?\n",
			wantFinal: "boom",
			want: &Traceback{Language: Go, Chain: []Exception{
				{Type: "boom", Line: 1, Frames: []Frame{{"?:?", 0, "main.main"}}},
			}},
		},
		{
			name: "go multi-line panic value without stack",
			text: text(
				`panic: test timed out after 10m0s`,
				`	running tests:`,
				`		TestReplay (10m0s)`,
			),
			wantFinal: "test timed out after 10m0s",
			want: &Traceback{Language: Go, Chain: []Exception{
				{Type: "test timed out after 10m0s", Line: 1},
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.text)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse:\n got %+v\nwant %+v", got, tt.want)
			}
			if got, want := got.Final().Type, tt.wantFinal; got != want {
				t.Errorf("Final().Type = %q, want %q", got, want)
			}
		})
	}
}

func TestParseError(t *testing.T) {
	const notTraceback = `not a traceback: expected a Python traceback (starting "Traceback (most recent call last):"), ` +
		`a Java stack trace (starting "java.net.SocketTimeoutException: Read timed out" or "Exception in thread \"main\" …", followed by "\tat …" frames) ` +
		`or a Go panic (starting "panic: …" or "fatal error: …")`
	const noPythonException = `Python traceback has no exception line: expected a line at column 0 like "KeyError: 'user_id'" or "requests.exceptions.ConnectTimeout" after the frames`
	tests := []struct {
		name     string
		text     string
		wantLine int
		wantMsg  string
	}{
		{"empty", "", 1, "empty traceback; " + strings.TrimPrefix(notTraceback, "not a traceback: ")},
		{"blank", "\n   \r\n\t\n", 1, "empty traceback; " + strings.TrimPrefix(notTraceback, "not a traceback: ")},
		{"prose", "the cache was slow\n", 1, notTraceback},
		{"log line before the traceback", text(
			``,
			`2026-02-16 05:09:07,112 ERROR order-api request failed`,
			`Traceback (most recent call last):`,
			`  File "/app/cache.py", line 42, in get_user_profile`,
			`redis.exceptions.ConnectionError: Timeout connecting to server`,
		), 2, notTraceback},
		{"bare python exception line", "KeyError: 'user_id'\n", 1, notTraceback},
		{"java exception line without frames", "java.net.SocketTimeoutException: Read timed out\n", 1, notTraceback},
		{"java thread prefix without a class", `Exception in thread "main" oops, it broke` + "\n", 1, notTraceback},
		{"python without exception line", text(
			`Traceback (most recent call last):`,
			`  File "/app/cache.py", line 42, in get_user_profile`,
			`    raw = client.get(key)`,
		), 1, noPythonException},
		{"python header only, indented", "  Traceback (most recent call last):\n", 1, noPythonException},
		{"python chain part without exception line", text(
			`Traceback (most recent call last):`,
			`  File "/app/a.py", line 1, in <module>`,
			`TimeoutError: timed out`,
			``,
			`During handling of the above exception, another exception occurred:`, // 5
			``,
			`Traceback (most recent call last):`,
			`  File "/app/b.py", line 2, in <module>`,
		), 7, noPythonException},
		{"python chain separator at the end", text(
			`Traceback (most recent call last):`,
			`  File "/app/a.py", line 1, in <module>`,
			`TimeoutError: timed out`,
			``,
			`The above exception was the direct cause of the following exception:`, // 5
			``,
		), 5, `no traceback follows the chain separator "The above exception was the direct cause of the following exception:"`},
		{"java Caused by without class", text(
			`java.lang.IllegalStateException: consumer closed`,
			`	at com.acme.Listener.poll(Listener.java:10)`,
			`Caused by: connection reset by peer`,
		), 3, `"Caused by:" names no exception class: "connection reset by peer"`},
		{"go panic without value", "panic: \n\ngoroutine 1 [running]:\n", 1, `Go panic has no value: expected a line like "panic: assignment to entry in nil map"`},
		{"go panic with only recovered", "panic:  [recovered]\n", 1, `Go panic has no value: expected a line like "panic: assignment to entry in nil map"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb, err := Parse(tt.text)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse = %+v, %v; want an *Error", tb, err)
			}
			if e.Line != tt.wantLine || e.Msg != tt.wantMsg {
				t.Errorf("Parse error = line %d: %q\nwant line %d: %q", e.Line, e.Msg, tt.wantLine, tt.wantMsg)
			}
		})
	}
}

func TestErrorString(t *testing.T) {
	err := &Error{Line: 7, Msg: "Go panic has no value"}
	if got, want := err.Error(), "line 7: Go panic has no value"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestFinalEmpty(t *testing.T) {
	for _, lang := range []Language{Python, Java, Go, ""} {
		tb := &Traceback{Language: lang}
		if got := tb.Final(); !reflect.DeepEqual(got, Exception{}) {
			t.Errorf("%q: Final() of an empty chain = %+v, want the zero Exception", lang, got)
		}
	}
}
