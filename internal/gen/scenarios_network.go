package gen

import "fmt"

// Python failures at the network edge: Redis, HTTP clients, TLS and the
// Celery broker.

func redisTimeout(e *env) *failure {
	host := e.pick("prod-cache", "cache-main", "redis-sessions", "redis-ratelimit", "cache-"+e.noun)
	db := e.n(0, 4)
	timeout := e.pick("0.5", "1", "2", "3")
	ver := e.pick("redis==3.5.3", "redis==4.3.4", "redis==4.5.5", "redis==4.6.0", "redis==5.0.1")
	fn := e.pick("get_", "load_cached_", "fetch_") + e.noun
	call := pyCall{file: "cache.py", fn: fn, args: e.noun + "_id", code: fmt.Sprintf(`raw = client.get(f"%s:{%s_id}")`, e.noun, e.noun)}
	site := e.site()
	lib := []frame{
		{site + "/redis/commands/core.py", e.n(1800, 1840), "get", `return self.execute_command("GET", name)`},
		{site + "/redis/client.py", e.n(1250, 1280), "execute_command", "return conn.retry.call_with_retry("},
		{site + "/redis/connection.py", e.n(820, 840), "read_response", "response = self._parser.read_response(disable_decoding=disable_decoding)"},
	}[:e.n(1, 3)]
	connect := e.chance(0.4)
	final, msg := "redis.exceptions.TimeoutError", "Timeout reading from socket"
	if connect {
		final, msg = "redis.exceptions.ConnectionError", "Timeout connecting to server"
	}
	f := &failure{kind: "redis-timeout", tags: []string{"redis", "timeout", "cache"}}
	stack := e.pyStack(call, lib)
	var during *pySection
	if e.chance(0.5) {
		inner := pySection{
			frames: []frame{{site + "/redis/connection.py", e.n(200, 230), "_read_from_socket", "data = self._sock.recv(socket_read_size)"}},
			last:   "TimeoutError: timed out",
		}
		if e.py < "3.10" {
			inner.last = "socket.timeout: timed out"
		}
		during = &inner
	}
	e.raised(f, call, stack, final, msg, during)
	f.dependency = fmt.Sprintf("redis://%s:6379/%d", host, db)
	f.repro = fmt.Sprintf("python -c \"import redis; redis.Redis(host='%s', socket_timeout=%s).get('%s:1')\"\n", host, timeout, e.noun)
	if e.chance(0.4) {
		f.repro = fmt.Sprintf("redis-cli -h %s --latency-history -i 1\n", host) + f.repro
	}
	f.config = []string{
		"REDIS_SOCKET_TIMEOUT = " + timeout,
		fmt.Sprintf("REDIS_MAX_CONNECTIONS = %d", e.n(2, 20)*10),
		fmt.Sprintf("settings.CACHE_TIMEOUT = %d", e.n(1, 12)*30),
	}[:e.n(2, 3)]
	f.versions = []string{ver}
	if e.chance(0.4) {
		f.versions = append(f.versions, e.pick("hiredis==2.0.0", "hiredis==2.2.3", "hiredis==2.3.2"))
	}
	f.signals(e.pick("redis_client_errors_total", "redis_command_duration_seconds", "redis_connected_clients"), short(final), "REDIS_SOCKET_TIMEOUT", e.pick("redis_connected_clients", "db_queries_per_second", "http_client_retry_count"))
	ms := e.n(3, 40) * 100
	f.title = e.sf("%s failed while Redis %s timed out", "%s 因 Redis %s 超时而失败", e.svc.endpoint, host)
	f.cause = e.sf("%s raised %s after Redis latency on %s reached %d ms against socket_timeout=%s",
		"%[1]s 在 Redis %[3]s 延迟升到 %[4]d ms 后抛出 %[2]s（socket_timeout=%[5]s）", f.function, final, host, ms, timeout)
	f.whyNot = e.sf("%s does not retry a command after a socket timeout, %s() had no fallback to the database, and no test ran the cache against a slow or unreachable server.",
		"%s 在 socket 超时后不会重试命令，%s() 没有回退到数据库，也没有测试在 Redis 变慢或不可达时运行缓存。", ver, fn)
	f.guard = e.sf("A contract test runs %s against a blackholed port and expects the database fallback; the redis_command_duration_seconds p99 alert fires at %d ms.",
		"契约测试把 %s 指向一个丢包端口，要求走数据库回退路径；redis_command_duration_seconds 的 p99 超过 %d ms 时告警。", f.function, ms/2)
	f.mitigation = e.sf("failed over %s to its replica and raised socket_timeout to %s s", "将 %s 切换到从节点，并把 socket_timeout 调整为 %s 秒", host, e.pick("3", "5"))
	f.actions = []string{
		e.sf("Fall back to the database when %s times out", "%s 超时时回退到数据库", f.function),
		e.sf("Wrap Redis reads in tenacity retries on %s with backoff", "对 %s 使用 tenacity 重试并设置退避", final),
		e.s("Pin the Redis client version in requirements.txt", "在 requirements.txt 中锁定版本 "+ver),
		e.sf("Alert on redis_command_duration_seconds p99 above %d ms", "redis_command_duration_seconds p99 超过 %d ms 时告警", ms/2),
	}
	f.discussion = []string{
		e.sf("Checked: %s raises %s on the first timeout, with no retry by default.", "已核实：%s 在第一次超时时直接抛出 %s，默认不重试。", ver, final),
		e.sf("SLOWLOG on %s showed KEYS calls of %d ms from a report script at the same minute.", "%s 的 SLOWLOG 显示同一分钟内有报表脚本执行了耗时 %d ms 的 KEYS 命令。", host, ms),
		e.s("A retry without backoff would triple the load on a Redis that is already slow.", "没有退避的重试会让已经变慢的 Redis 负载翻三倍。"),
	}
	f.code = fmt.Sprintf("def %s(%s_id):\n    try:\n        raw = client.get(f\"%s:{%s_id}\")\n    except redis.exceptions.RedisError:\n        metrics.incr(\"cache_fallback_total\")\n        return db.load_%s(%s_id)\n    return json.loads(raw) if raw else db.load_%s(%s_id)",
		fn, e.noun, e.noun, e.noun, e.noun, e.noun, e.noun, e.noun)
	f.codeLang = "python"
	return f
}

// httpDependency picks an internal HTTP service the failing one calls.
func (e *env) httpDependency() (host, path string) {
	switch e.r.IntN(6) {
	case 0:
		return "payments.internal", "/v1/charges"
	case 1:
		return "geo.internal", "/v2/lookup"
	case 2:
		return "risk-api.internal", "/v1/score"
	case 3:
		return "api.partner-logistics.com", "/shipments/quote"
	case 4:
		return "profile.internal", "/v1/users"
	}
	return "tax-service.internal", "/v3/rates"
}

func requestsConnectTimeout(e *env) *failure {
	return requestsTimeout(e, true)
}

func requestsReadTimeout(e *env) *failure {
	return requestsTimeout(e, false)
}

// requestsTimeout is a requests call that timed out on connect or on read;
// the traceback chains urllib3's error into requests' exception.
func requestsTimeout(e *env, connect bool) *failure {
	host, path := e.httpDependency()
	site := e.site()
	ct, rt := e.pick("1", "2", "3", "3.05"), e.pick("2", "5", "10", "30")
	ver := e.pick("requests==2.25.1", "requests==2.28.2", "requests==2.31.0", "requests==2.32.3")
	u3 := e.pick("urllib3==1.26.18", "urllib3==2.0.7", "urllib3==2.2.1")
	fn := e.pick("fetch_", "call_", "request_") + e.noun + e.pick("_quote", "_status", "_rates", "")
	call := pyCall{file: "clients/" + hostModule(host) + ".py", fn: fn, args: e.noun + "_id",
		code: fmt.Sprintf(`resp = session.post(f"https://%s%s", json=payload, timeout=(%s, %s))`, host, path, ct, rt)}
	lib := []frame{
		{site + "/requests/sessions.py", e.n(630, 640), "post", `return self.request("POST", url, data=data, json=json, **kwargs)`},
		{site + "/requests/sessions.py", e.n(580, 600), "request", "resp = self.send(prep, **send_kwargs)"},
		{site + "/requests/adapters.py", e.n(500, 700), "send", "raise ConnectTimeout(e, request=request)"},
	}
	f := &failure{tags: []string{"http", "timeout", "requests"}}
	var inner, final, msg string
	if connect {
		f.kind = "connect-timeout"
		inner = fmt.Sprintf("urllib3.exceptions.ConnectTimeoutError: (<urllib3.connection.HTTPSConnection object at %s>, 'Connection to %s timed out. (connect timeout=%s)')", e.hex(), host, ct)
		final = "requests.exceptions.ConnectTimeout"
		msg = fmt.Sprintf("HTTPSConnectionPool(host='%s', port=443): Max retries exceeded with url: %s (Caused by ConnectTimeoutError(<urllib3.connection.HTTPSConnection object at %s>, 'Connection to %s timed out. (connect timeout=%s)'))", host, path, e.hex(), host, ct)
	} else {
		f.kind = "read-timeout"
		lib[2].code = "raise ReadTimeout(e, request=request)"
		inner = fmt.Sprintf("urllib3.exceptions.ReadTimeoutError: HTTPSConnectionPool(host='%s', port=443): Read timed out. (read timeout=%s)", host, rt)
		final = "requests.exceptions.ReadTimeout"
		msg = fmt.Sprintf("HTTPSConnectionPool(host='%s', port=443): Read timed out. (read timeout=%s)", host, rt)
	}
	lib = lib[3-e.n(1, 3):]
	stack := e.pyStack(call, lib)
	var during *pySection
	if e.chance(0.5) {
		pool := pySection{
			frames: []frame{{site + "/urllib3/connectionpool.py", e.n(700, 800), "urlopen", "httplib_response = self._make_request("}},
			last:   inner,
		}
		during = &pool
	}
	e.raised(f, call, stack, final, msg, during)
	f.dependency = "https://" + host + path
	timeoutFlag := "--max-time " + rt
	if connect {
		timeoutFlag = "--connect-timeout " + ct
	}
	f.repro = fmt.Sprintf("curl -sS -o /dev/null -w '%%{time_connect} %%{time_total}\\n' %s -X POST https://%s%s -d '{\"%s_id\": 1}'\n", timeoutFlag, host, path, e.noun)
	f.config = []string{
		fmt.Sprintf("%s_CONNECT_TIMEOUT = %s", upperHost(host), ct),
		fmt.Sprintf("%s_READ_TIMEOUT = %s", upperHost(host), rt),
		fmt.Sprintf("gunicorn.workers = %d", e.n(2, 16)),
		fmt.Sprintf("gunicorn.timeout = %d", e.n(1, 4)*30),
	}[:e.n(2, 4)]
	f.versions = []string{ver, u3}
	if e.chance(0.4) {
		f.versions = append(f.versions, e.pick("tenacity==8.2.3", "tenacity==8.0.1", "tenacity==9.0.0"))
	}
	f.signals(e.pick("http_client_request_duration_seconds", "http_client_errors_total", "upstream_connect_time_seconds"), short(final), upperHost(host)+e.pick("_CONNECT_TIMEOUT", "_READ_TIMEOUT"), "http_client_retry_count")
	ms := e.n(12, 90) * 100
	if connect {
		f.title = e.sf("%s errors on connect timeouts to %s", "%s 连接 %s 超时导致报错", e.svc.endpoint, host)
		f.cause = e.sf("%s could not connect within the %s s connect timeout after %d of %d pods of %s were evicted",
			"%s 在 %s 秒的连接超时内无法建立连接（依赖方 %d/%d 个 Pod 被驱逐，域名 %s）", f.function, ct, e.n(2, 5), e.n(6, 12), host)
	} else {
		f.title = e.sf("%s slow and failing on read timeouts from %s", "%s 读取 %s 超时，接口变慢并报错", e.svc.endpoint, host)
		f.cause = e.sf("%s waited the full %s s read timeout while p99 of %s%s rose to %d ms", "%s 等满了 %s 秒读超时，%s%s 的 p99 升到 %d ms", f.function, rt, host, path, ms)
	}
	f.whyNot = e.sf("The retry decorator on %s covered ConnectTimeout but not ReadTimeout (they are different exceptions), the integration tests mock %s, and the latency alert is on p50 only.",
		"%s 上的重试装饰器只覆盖了 ConnectTimeout，没有覆盖 ReadTimeout（两者是不同的异常）；集成测试 mock 了 %s；延迟告警只看 p50。", fn, host)
	if !connect && e.chance(0.5) {
		f.whyNot = e.sf("A read timeout of %s s is longer than the caller's own budget, so workers were held for the whole timeout; no load test used a slow %s.",
			"读超时 %s 秒比调用方自身的时间预算还长，worker 被整段超时占住；压测从未模拟过变慢的 %s。", rt, host)
	}
	f.guard = e.sf("Retry with tenacity on both ConnectTimeout and ReadTimeout with backoff_factor=0.5 and at most 3 attempts; a fault-injection test adds %d ms of latency to %s in staging.",
		"用 tenacity 对 ConnectTimeout 和 ReadTimeout 都做重试（backoff_factor=0.5，最多 3 次）；预发环境的故障注入测试给 %[2]s 增加 %[1]d ms 延迟。", ms, host)
	f.mitigation = e.sf("scaled %s back to %d replicas and lowered the read timeout to %s s", "将 %s 扩回 %d 个副本，并把读超时下调到 %s 秒", host, e.n(6, 12), e.pick("1.5", "2", "3"))
	f.actions = []string{
		e.sf("Retry %s on ConnectTimeout and ReadTimeout with backoff", "%s 对 ConnectTimeout 和 ReadTimeout 都做带退避的重试", f.function),
		e.sf("Set a timeout budget for %s below the gunicorn timeout", "为 %s 设置低于 gunicorn 超时的时间预算", e.svc.endpoint),
		e.s("Pin requests and urllib3 versions in requirements.txt", "在 requirements.txt 中锁定版本：requests 与 urllib3"),
		e.sf("Add a circuit breaker in front of %s", "在 %s 前增加熔断", host),
	}
	f.discussion = []string{
		e.sf("Checked with tcpdump on one pod: SYN retransmits to %s every 1 s, no SYN-ACK.", "在一个 Pod 上用 tcpdump 核实：发往 %s 的 SYN 每 1 秒重传一次，没有 SYN-ACK。", host),
		e.s("ConnectTimeout and ReadTimeout are different exceptions; a retry on one does nothing for the other.", "ConnectTimeout 与 ReadTimeout 是不同的异常，只重试其中一个对另一个没有作用。"),
		e.s("Retries without backoff_factor would add load to a dependency that is already failing.", "不设置 backoff_factor 的重试会给已经出问题的依赖继续加压。"),
	}
	f.code = fmt.Sprintf("from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential\n\n"+
		"def %s(%s_id):\n"+
		"    for attempt in Retrying(\n"+
		"        retry=retry_if_exception_type((ConnectTimeout, ReadTimeout)),\n"+
		"        wait=wait_exponential(multiplier=0.5, max=4),\n"+
		"        stop=stop_after_attempt(3),\n"+
		"    ):\n"+
		"        with attempt:\n"+
		"            return session.post(URL, json={\"id\": %s_id}, timeout=(%s, %s))", fn, e.noun, e.noun, ct, rt)
	f.codeLang = "python"
	return f
}

func certificateExpired(e *env) *failure {
	host, path := e.httpDependency()
	site := e.site()
	ver := e.pick("requests==2.28.2", "requests==2.31.0", "certifi==2022.12.7", "certifi==2023.7.22")
	fn := e.pick("post_", "sync_", "push_") + e.noun
	call := pyCall{file: "clients/" + hostModule(host) + ".py", fn: fn, args: e.noun,
		code: fmt.Sprintf(`resp = session.post("https://%s%s", json=%s.to_dict(), timeout=5)`, host, path, e.noun)}
	lib := []frame{
		{site + "/requests/sessions.py", e.n(580, 600), "request", "resp = self.send(prep, **send_kwargs)"},
		{site + "/requests/sessions.py", e.n(700, 710), "send", "r = adapter.send(request, **kwargs)"},
		{site + "/requests/adapters.py", e.n(510, 620), "send", "raise SSLError(e, request=request)"},
	}[:e.n(1, 3)]
	reason := "certificate has expired"
	ssl := fmt.Sprintf("ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: %s (_ssl.c:%d)", reason, e.pick2(1006, 1129))
	final := "requests.exceptions.SSLError"
	msg := fmt.Sprintf("HTTPSConnectionPool(host='%s', port=443): Max retries exceeded with url: %s (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: %s')))", host, path, reason)
	f := &failure{kind: "cert-expired", tags: []string{"tls", "certificate", "ssl"}}
	stack := e.pyStack(call, lib)
	var during *pySection
	if e.chance(0.6) {
		inner := pySection{
			frames: []frame{
				{site + "/urllib3/connectionpool.py", e.n(460, 470), "_make_request", "self._validate_conn(conn)"},
				{"/usr/local/lib/python" + e.py + "/ssl.py", e.n(1340, 1350), "do_handshake", "self._sslobj.do_handshake()"},
			},
			last: ssl,
		}
		during = &inner
	}
	e.raised(f, call, stack, final, msg, during)
	f.dependency = "https://" + host + path
	f.repro = fmt.Sprintf("openssl s_client -connect %s:443 -servername %s </dev/null 2>/dev/null | openssl x509 -noout -enddate\npython -c \"import requests; requests.get('https://%s/healthz', timeout=5)\"\n", host, host, host)
	f.config = []string{
		"REQUESTS_CA_BUNDLE = /etc/ssl/certs/internal-ca.pem",
		fmt.Sprintf("cert-manager.renewBefore = %dh", e.pick2(360, 720)),
		fmt.Sprintf("%s_VERIFY_TLS = true", upperHost(host)),
	}[:e.n(2, 3)]
	f.versions = []string{ver}
	f.signals(e.pick("ssl_certificate_expiry_seconds", "http_client_errors_total"), "CERTIFICATE_VERIFY_FAILED", "REQUESTS_CA_BUNDLE", "http_client_retry_count")
	f.title = e.sf("%s failed TLS verification after the %s certificate expired", "%s 调用 %s 失败：证书过期", e.svc.name, host)
	days := e.n(1, 3)
	f.cause = e.sf("the TLS certificate of %s expired at 00:00 UTC and renewal had been failing for %d days", "%s 的 TLS 证书在 UTC 00:00 过期，自动续期已连续失败 %d 天", host, days+e.n(5, 20))
	f.whyNot = e.sf("cert-manager logged the renewal failure for %s but nothing alerted on it, and ssl_certificate_expiry_seconds was only scraped for public domains.",
		"cert-manager 记录了 %s 续期失败的日志，但没有告警；ssl_certificate_expiry_seconds 只采集了公网域名。", host)
	f.guard = e.s("An alert fires when ssl_certificate_expiry_seconds is below 14 days for every host in the internal CA inventory.",
		"内部 CA 清单里的每个域名，ssl_certificate_expiry_seconds 低于 14 天即告警，证书过期前就能处理。")
	f.mitigation = e.sf("issued a new certificate for %s by hand and restarted the ingress", "手动为 %s 签发新证书并重启 ingress", host)
	f.actions = []string{
		e.s("Alert on ssl_certificate_expiry_seconds below 14 days for internal hosts", "内部域名证书剩余有效期低于 14 天时告警"),
		e.s("Page on cert-manager renewal failures", "cert-manager 续期失败时呼叫值班"),
		e.sf("Add %s to the certificate inventory", "把 %s 加入证书清单", host),
	}
	f.discussion = []string{
		e.sf("Checked with openssl s_client: notAfter of %s was the incident day, 00:00:00 GMT.", "用 openssl s_client 核实：%s 证书的 notAfter 正是事故当天 00:00:00 GMT。", host),
		e.s("Retries cannot help with a certificate error; every retry failed the same way.", "证书错误无法靠重试恢复，每次重试都以同样方式失败。"),
	}
	f.code = fmt.Sprintf("- alert: InternalCertExpiringSoon\n  expr: ssl_certificate_expiry_seconds{host=\"%s\"} < 14 * 86400\n  for: 1h\n  labels:\n    severity: page", host)
	f.codeLang = "yaml"
	return f
}

func brokerDown(e *env) *failure {
	site := e.site()
	broker := e.pick("rabbitmq-main", "rabbitmq-tasks", "mq-prod", "redis-broker")
	scheme := "amqp"
	if broker == "redis-broker" {
		scheme = "redis"
	}
	port := map[string]int{"amqp": 5672, "redis": 6379}[scheme]
	ver := e.pick("celery==5.2.7", "celery==5.3.4", "celery==5.3.6", "celery==4.4.7")
	kver := e.pick("kombu==5.2.4", "kombu==5.3.2", "kombu==5.3.4")
	task := e.pick("send_", "enqueue_", "schedule_") + e.noun + e.pick("_reminder", "_update", "_export", "")
	call := pyCall{file: "tasks.py", fn: "dispatch_" + e.noun, args: e.noun + "_id",
		code: fmt.Sprintf("%s.apply_async(args=[%s_id], countdown=%d)", task, e.noun, e.n(0, 30))}
	lib := []frame{
		{site + "/celery/app/task.py", e.n(590, 600), "apply_async", "return app.send_task("},
		{site + "/celery/app/base.py", e.n(780, 800), "send_task", "amqp.send_task_message(P, name, message, **options)"},
		{site + "/kombu/connection.py", e.n(440, 460), "_reraise_as_library_errors", "raise ConnectionError(str(exc)) from exc"},
	}[:e.n(1, 3)]
	final := "kombu.exceptions.OperationalError"
	msg := "[Errno 111] Connection refused"
	f := &failure{kind: "broker-down", tags: []string{"celery", "kombu", e.pick(scheme, "queue")}}
	if scheme == "amqp" {
		f.tags[2] = "rabbitmq"
	}
	stack := e.pyStack(call, lib)
	inner := pySection{
		frames: []frame{
			{site + "/kombu/connection.py", e.n(440, 450), "_reraise_as_library_errors", "yield"},
			{site + "/amqp/transport.py", e.n(180, 190), "_connect", "self.sock.connect(sa)"},
		}[:e.n(1, 2)],
		last: "ConnectionRefusedError: [Errno 111] Connection refused",
	}
	e.chained(f, call, stack, final, msg, e.pick(duringHandling, directCause), &inner)
	f.dependency = fmt.Sprintf("%s://%s:%d", scheme, broker, port)
	f.repro = fmt.Sprintf("python -c \"from kombu import Connection; Connection('%s://%s:%d//').ensure_connection(max_retries=1)\"\n", scheme, broker, port)
	f.config = []string{
		fmt.Sprintf("CELERY_BROKER_URL = %s://%s:%d//", scheme, broker, port),
		fmt.Sprintf("broker_connection_retry = %s", e.pick("False", "True")),
		fmt.Sprintf("broker_pool_limit = %d", e.n(1, 4)*10),
		fmt.Sprintf("task_acks_late = %s", e.pick("False", "True")),
	}[:e.n(2, 4)]
	f.versions = []string{ver, kver}
	f.signals(e.pick("celery_queue_length", "rabbitmq_queue_messages_ready", "celery_task_publish_errors_total"), "OperationalError", "CELERY_BROKER_URL", e.pick("celery_queue_length", "rabbitmq_connections"))
	lost := e.n(2, 90) * 100
	f.title = e.sf("%s lost %s tasks while the broker %s refused connections", "%[1]s 在 Broker %[3]s 拒绝连接期间丢失 %[2]s 任务", e.svc.name, e.noun, broker)
	f.cause = e.sf("%s raised %s for %d %s tasks while %s restarted after a memory alarm",
		"%[1]s 在 %[5]s 因内存告警重启期间对 %[3]d 个 %[4]s 任务抛出 %[2]s", f.function, final, lost, e.noun, broker)
	f.whyNot = e.sf("apply_async() was called without a retry policy, the caller swallowed the exception into a log line, and %s memory alarms went to a channel nobody watched.",
		"调用 apply_async() 时没有设置重试策略，调用方把异常吞成一行日志；%s 的内存告警发到了无人值守的频道。", broker)
	f.guard = e.s("Publish with retry=True and a retry_policy (max_retries=5, interval_step=0.5), write failed publishes to an outbox table, and page on broker memory alarms.",
		"发布任务时设置 retry=True 和 retry_policy（max_retries=5，interval_step=0.5），发布失败写入 outbox 表并重试；Broker 内存告警直接呼叫值班。")
	f.mitigation = e.sf("raised the memory high watermark on %s and replayed the failed %s tasks from logs", "调高 %s 的内存水位线，并根据日志重放失败的 %s 任务", broker, e.noun)
	f.actions = []string{
		e.s("Publish tasks with a retry_policy and an outbox table", "任务发布加 retry_policy 与 outbox 表"),
		e.sf("Page on memory alarms of %s", "%s 内存告警呼叫值班", broker),
		e.s("Pin celery and kombu versions together", "celery 与 kombu 一起锁定版本"),
	}
	f.discussion = []string{
		e.sf("Checked: with broker_connection_retry = False, %s raises on the first refused connection.", "已核实：broker_connection_retry = False 时，%s 在第一次连接被拒绝时就抛出异常。", ver),
		e.sf("%d tasks were recovered by replaying the log lines with the task arguments.", "通过日志里的任务参数重放，恢复了 %d 个任务。", lost-e.n(0, lost/10)),
	}
	f.code = fmt.Sprintf("%s.apply_async(\n    args=[%s_id],\n    retry=True,\n    retry_policy={\"max_retries\": 5, \"interval_start\": 0, \"interval_step\": 0.5},\n)", task, e.noun)
	f.codeLang = "python"
	return f
}

// pick2 returns a or b.
func (e *env) pick2(a, b int) int {
	if e.r.IntN(2) == 0 {
		return a
	}
	return b
}
