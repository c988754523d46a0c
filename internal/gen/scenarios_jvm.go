package gen

import "fmt"

// Java failures: Kafka consumers kicked out of their group and HTTP reads
// that time out.

func kafkaCommitFailed(e *env) *failure {
	class, method := e.javaEntry()
	topic := e.svc.caller[len("kafka topic "):]
	if e.chance(0.4) {
		topic = e.pick("price-changes", e.noun+"-events")
	}
	group := e.svc.name + "-" + e.pick("consumer", "group", "v2")
	pollMs := e.n(1, 10) * 60000
	records := e.n(1, 10) * 100
	kver := e.pick("kafka-clients==2.8.1", "kafka-clients==3.3.2", "kafka-clients==3.5.1", "kafka-clients==3.6.1")
	final := "org.apache.kafka.clients.consumer.CommitFailedException"
	cause := "org.apache.kafka.common.errors.RebalanceInProgressException"
	head := final + ": Commit cannot be completed since the group has already rebalanced and assigned the partitions to another member. This means that the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too much time message processing. You can address this either by increasing max.poll.interval.ms or by reducing the maximum size of batches returned in poll() with max.poll.records."
	frames := []jframe{
		jat("org.apache.kafka.clients.consumer.internals.ConsumerCoordinator.sendOffsetCommitRequest", e.n(1150, 1260)),
		jat("org.apache.kafka.clients.consumer.internals.ConsumerCoordinator.commitOffsetsSync", e.n(1000, 1110)),
		jat("org.apache.kafka.clients.consumer.KafkaConsumer.commitSync", e.n(1490, 1560)),
		jat(class+".commit", e.n(100, 200)),
		jat(class+"."+method, e.n(60, 140)),
		jat("java.base/java.lang.Thread.run", e.pick2(833, 1583)),
	}
	f := &failure{kind: "kafka-commit-failed", tags: []string{"kafka", "consumer", "rebalance"}}
	thread := ""
	if e.chance(0.6) {
		thread = fmt.Sprintf("%s-%d", group, e.n(0, 7))
	}
	f.traceback = javaTrace(thread,
		jsection{head: head, frames: frames},
		jsection{head: cause + ": Offset commit cannot be completed since the consumer is undergoing a rebalance for auto partition assignment.",
			frames: []jframe{jat("org.apache.kafka.clients.consumer.internals.ConsumerCoordinator$OffsetCommitResponseHandler.handle", e.n(1270, 1300))},
			more:   len(frames) - 1},
	)
	f.exceptions = []string{final, cause}
	f.final = final
	f.function = class[len(e.svc.module)+1:] + ".commit()"
	f.caller = "kafka topic " + topic
	f.dependency = fmt.Sprintf("kafka://kafka-%d.internal:9092/%s", e.n(1, 3), topic)
	f.repro = fmt.Sprintf("kafka-consumer-groups.sh --bootstrap-server kafka-1.internal:9092 --describe --group %s\nkafka-producer-perf-test.sh --topic %s --num-records %d --record-size 2048 --throughput -1 --producer-props bootstrap.servers=kafka-1.internal:9092\n", group, topic, records*50)
	f.config = []string{
		fmt.Sprintf("max.poll.interval.ms = %d", pollMs),
		fmt.Sprintf("max.poll.records = %d", records),
		fmt.Sprintf("session.timeout.ms = %d", e.n(1, 4)*10000),
		"enable.auto.commit = false",
	}[:e.n(2, 4)]
	f.versions = []string{kver}
	if e.chance(0.5) {
		f.versions = append(f.versions, e.pick("spring-kafka==2.9.11", "spring-kafka==3.0.12", "spring-kafka==3.1.2"))
	}
	f.signals(e.pick("kafka_consumer_lag", "kafka_consumer_rebalances_total"), "CommitFailedException", "max.poll.interval.ms", e.pick("kafka_consumer_records_per_poll", "kafka_consumer_rebalances_total"))
	lag := e.n(5, 900) * 1000
	perRecord := e.n(2, 30) * 100
	f.title = e.sf("%s stuck in a rebalance loop on %s", "%s 消费 %s 时陷入 rebalance 循环", e.svc.name, topic)
	f.cause = e.sf("each batch of %d records took %d ms per record to process, longer than max.poll.interval.ms = %d, so the consumer left group %s and its commits failed; lag reached %d",
		"每批 %d 条消息、每条处理 %d ms，超过 max.poll.interval.ms = %d，消费者被踢出消费组 %s，提交 offset 失败，积压达到 %d 条", records, perRecord, pollMs, group, lag)
	f.whyNot = e.sf("Processing time per record grew when %s started calling the pricing service synchronously; no alert watched kafka_consumer_rebalances_total, and the load test used batches of 10.",
		"%s 开始同步调用价格服务后，单条消息处理时间变长；没有针对 kafka_consumer_rebalances_total 的告警，压测每批只有 10 条。", class[len(e.svc.module)+1:]+"."+method)
	f.guard = e.sf("An alert fires on more than 3 rebalances of %s in 10 minutes, and a test asserts that a full batch is processed within half of max.poll.interval.ms.",
		"%s 10 分钟内 rebalance 超过 3 次即告警；测试断言满批处理时间不超过 max.poll.interval.ms 的一半。", group)
	f.mitigation = e.sf("lowered max.poll.records to %d and restarted the consumers one by one", "把 max.poll.records 降到 %d，逐个重启消费者", records/5)
	f.actions = []string{
		e.sf("Lower max.poll.records for %s and make processing asynchronous", "降低 %s 的 max.poll.records，处理改为异步", group),
		e.s("Alert on consumer group rebalances", "消费组 rebalance 告警"),
		e.s("Make the handler idempotent so redelivered records are safe", "处理逻辑幂等，重复投递安全"),
	}
	f.discussion = []string{
		e.sf("kafka-consumer-groups.sh showed group %s rebalancing every %d s.", "kafka-consumer-groups.sh 显示消费组 %s 每 %d 秒 rebalance 一次。", group, pollMs/1000+e.n(5, 30)),
		e.s("Raising max.poll.interval.ms alone would hide the slow handler and delay detection of dead consumers.", "只调大 max.poll.interval.ms 会掩盖处理慢的问题，也会推迟发现消费者失效。"),
		e.s("Records were redelivered after each rebalance; the handler upserts by key, so no duplicates were written.", "每次 rebalance 后消息会被重新投递；处理逻辑按主键 upsert，没有写入重复数据。"),
	}
	f.code = fmt.Sprintf("props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, %d);\nprops.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, %d);\nprops.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);", records/5, pollMs)
	f.codeLang = "java"
	return f
}

func socketTimeout(e *env) *failure {
	class, method := e.javaEntry()
	host, path := e.httpDependency()
	readMs := e.n(1, 10) * 1000
	final := "java.net.SocketTimeoutException"
	f := &failure{kind: "socket-timeout", tags: []string{"http", "timeout", "java"}}
	client := e.svc.module + ".client." + hostClass(host) + "Client"
	sockFrames := []jframe{
		{"java.base/sun.nio.ch.NioSocketImpl.timedRead", "NioSocketImpl.java", e.n(280, 290)},
		{"java.base/sun.nio.ch.NioSocketImpl.implRead", "NioSocketImpl.java", e.n(300, 320)},
		{"java.base/java.net.Socket$SocketInputStream.read", "Socket.java", e.n(970, 1100)},
		jat("org.apache.http.impl.io.SessionInputBufferImpl.streamRead", e.n(130, 140)),
	}
	appFrames := []jframe{
		jat(client+".fetch"+hostClass(host), e.n(40, 120)),
		jat(class+"."+method, e.n(60, 200)),
		jat("java.base/java.util.concurrent.ThreadPoolExecutor.runWorker", e.pick2(1136, 1144)),
		jat("java.base/java.lang.Thread.run", e.pick2(833, 1583)),
	}
	if e.chance(0.5) {
		wrapper := "org.springframework.web.client.ResourceAccessException"
		head := fmt.Sprintf("%s: I/O error on POST request for \"https://%s%s\": Read timed out; nested exception is %s: Read timed out", wrapper, host, path, final)
		top := append([]jframe{
			jat("org.springframework.web.client.RestTemplate.doExecute", e.n(780, 790)),
			jat("org.springframework.web.client.RestTemplate.execute", e.n(710, 720)),
			jat("org.springframework.web.client.RestTemplate.postForObject", e.n(430, 440)),
		}, appFrames...)
		f.traceback = javaTrace("", jsection{head: head, frames: top}, jsection{head: final + ": Read timed out", frames: sockFrames, more: len(appFrames) + 2})
		f.exceptions = []string{wrapper, final}
		f.final = wrapper
	} else {
		f.traceback = javaTrace(e.pick("", fmt.Sprintf("pool-%d-thread-%d", e.n(1, 4), e.n(1, 16))), jsection{head: final + ": Read timed out", frames: append(sockFrames, appFrames...)})
		f.exceptions = []string{final}
		f.final = final
	}
	f.function = client[len(e.svc.module)+1:] + ".fetch" + hostClass(host) + "()"
	f.caller = e.svc.caller
	f.dependency = "https://" + host + path
	f.repro = fmt.Sprintf("curl -sS --max-time %d -o /dev/null -w '%%{http_code} %%{time_total}\\n' -X POST https://%s%s -H 'Content-Type: application/json' -d '{\"ids\": [1, 2, 3]}'\n", readMs/1000, host, path)
	f.config = []string{
		fmt.Sprintf("%s.read-timeout-ms = %d", hostModule(host), readMs),
		fmt.Sprintf("%s.connect-timeout-ms = %d", hostModule(host), e.n(1, 5)*500),
		fmt.Sprintf("http.client.max-connections = %d", e.n(2, 20)*10),
	}[:e.n(2, 3)]
	f.versions = []string{e.pick("httpclient==4.5.13", "httpclient==4.5.14"), e.pick("spring-web==5.3.27", "spring-web==6.0.13")}
	f.signals(e.pick("http_client_requests_seconds_max", "http_client_requests_seconds_count"), "SocketTimeoutException", hostModule(host)+".read-timeout-ms", "http_client_retry_count")
	p99 := readMs + e.n(1, 20)*250
	f.title = e.sf("%s timed out reading from %s", "%s 读取 %s 超时", e.svc.name, host)
	f.cause = e.sf("p99 of POST %s%s rose to %d ms, past the %d ms read timeout, after the dependency's cache was flushed", "POST %s%s 的 p99 升到 %d ms，超过 %d ms 的读超时（依赖方缓存被清空）", host, path, p99, readMs)
	f.whyNot = e.sf("The client had no retry and no fallback for %s; the dashboards showed the dependency's own p50, which stayed under 200 ms.",
		"客户端对 %s 没有重试也没有降级；看板只展示依赖方自己的 p50，一直低于 200 ms。", host)
	f.guard = e.sf("The client retries once with jittered backoff behind a circuit breaker, and an alert fires when http_client_requests_seconds_max for %s exceeds 80%% of the read timeout.",
		"客户端在熔断器后带抖动退避重试一次；%s 的 http_client_requests_seconds_max 超过读超时的 80%% 时告警。", host)
	f.mitigation = e.sf("the owners of %s warmed their cache and latency returned to %d ms", "%s 负责方预热缓存，延迟恢复到 %d ms", host, e.n(40, 200))
	f.actions = []string{
		e.sf("Add a circuit breaker and one retry with backoff to the %s client", "为 %s 客户端增加熔断和一次带退避的重试", host),
		e.sf("Alert on client-side p99 for %s", "对 %s 的客户端 p99 告警", host),
		e.s("Warm the cache before it serves traffic after a flush", "缓存清空后先预热再接流量"),
	}
	f.discussion = []string{
		e.sf("Client-side p99 was %d ms while the server-side p50 stayed below 200 ms.", "客户端 p99 为 %d ms，而服务端 p50 一直低于 200 ms。", p99),
		e.s("Thread dumps showed all worker threads in SocketInputStream.read.", "线程转储显示所有工作线程都阻塞在 SocketInputStream.read。"),
	}
	f.code = fmt.Sprintf("RequestConfig config = RequestConfig.custom()\n    .setConnectTimeout(1000)\n    .setSocketTimeout(%d)\n    .build();", readMs)
	f.codeLang = "java"
	return f
}

// hostClass turns "risk-api.internal" into "RiskApi".
func hostClass(host string) string {
	b := []byte(hostModule(host))
	out := make([]byte, 0, len(b))
	up := true
	for _, c := range b {
		if c == '_' {
			up = true
			continue
		}
		if up && c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		up = false
		out = append(out, c)
	}
	return string(out)
}
