package traceback_test

import (
	"fmt"

	"github.com/fupan/fupan/internal/traceback"
)

func ExampleParse_python() {
	tb, err := traceback.Parse(`Traceback (most recent call last):
  File "/app/api/v1/order.py", line 88, in create_order
    profile = cache.get_user_profile(user_id)
  File "/app/cache.py", line 42, in get_user_profile
    raw = client.get(f"profile:{user_id}")
redis.exceptions.ConnectionError: Timeout connecting to server
`)
	if err != nil {
		fmt.Println(err)
		return
	}
	final := tb.Final()
	fmt.Println(tb.Language, final.Type)
	fmt.Printf("%q at line %d\n", final.Message, final.Line)
	for _, f := range final.Frames {
		fmt.Printf("%s:%d %s\n", f.File, f.Line, f.Function)
	}
	// Output:
	// python redis.exceptions.ConnectionError
	// "Timeout connecting to server" at line 6
	// /app/api/v1/order.py:88 create_order
	// /app/cache.py:42 get_user_profile
}

func ExampleParse_java() {
	tb, err := traceback.Parse("Exception in thread \"main\" org.apache.kafka.clients.consumer.CommitFailedException: Commit cannot be completed\n" +
		"\tat org.apache.kafka.clients.consumer.KafkaConsumer.commitSync(KafkaConsumer.java:1527)\n" +
		"Caused by: org.apache.kafka.common.errors.RebalanceInProgressException: The group is rebalancing\n" +
		"\t... 1 more\n")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("final:", tb.Final().Type)
	for _, e := range tb.Chain[1:] {
		fmt.Println("caused by:", e.Type)
	}
	// Output:
	// final: org.apache.kafka.clients.consumer.CommitFailedException
	// caused by: org.apache.kafka.common.errors.RebalanceInProgressException
}

func ExampleParse_go() {
	tb, err := traceback.Parse("panic: assignment to entry in nil map [recovered]\n" +
		"\tpanic: shutting down\n" +
		"\n" +
		"goroutine 1 [running]:\n" +
		"main.(*Cache).Put(...)\n" +
		"\t/app/cache.go:17\n")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("final: %q\n", tb.Final().Type)
	fmt.Printf("then: %q\n", tb.Chain[1].Type)
	fmt.Println(tb.Final().Frames[0].Function)
	// Output:
	// final: "assignment to entry in nil map"
	// then: "shutting down"
	// main.(*Cache).Put
}

func ExampleError() {
	_, err := traceback.Parse("Traceback (most recent call last):\n  File \"/app/x.py\", line 1, in <module>\n")
	fmt.Println(err)
	// Output:
	// line 1: Python traceback has no exception line: expected a line at column 0 like "KeyError: 'user_id'" or "requests.exceptions.ConnectTimeout" after the frames
}
