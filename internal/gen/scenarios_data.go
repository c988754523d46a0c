package gen

import (
	"fmt"
	"strings"
)

// Python failures around data: PostgreSQL statement timeouts, connection
// pools, dynamic attribute access, missing keys and full disks.

func queryCanceled(e *env) *failure {
	site := e.site()
	db := e.pick("orders-db", "pg-main", "billing-pg", "reporting-replica", "pg-"+e.noun)
	table := e.noun + "s"
	status := e.pick("pending", "unpaid", "queued", "retrying")
	timeout := e.n(1, 10) * 1000
	pg := e.pick("PostgreSQL 12", "PostgreSQL 13", "PostgreSQL 14", "PostgreSQL 15")
	ver := e.pick("psycopg2-binary==2.8.6", "psycopg2-binary==2.9.5", "psycopg2==2.9.9")
	fn := e.pick("list_", "find_", "count_") + e.pick(status+"_", "open_", "stale_") + table
	query := fmt.Sprintf("SELECT * FROM %s WHERE status='%s' ORDER BY created_at LIMIT %d", table, status, e.n(1, 10)*100)
	call := pyCall{file: "repository.py", fn: fn, args: "cutoff", code: "cur.execute(QUERY, {\"cutoff\": cutoff})"}
	var lib []frame
	if e.chance(0.5) {
		lib = []frame{
			{site + "/sqlalchemy/engine/base.py", e.n(1890, 1970), "_execute_context", "self.dialect.do_execute("},
			{site + "/sqlalchemy/engine/default.py", e.n(730, 925), "do_execute", "cursor.execute(statement, parameters)"},
		}[:e.n(1, 2)]
		call.code = "rows = session.execute(text(QUERY), {\"cutoff\": cutoff}).fetchall()"
	} else {
		lib = []frame{{site + "/psycopg2/extras.py", e.n(140, 160), "execute", "return super().execute(query, vars)"}}
	}
	final := "psycopg2.errors.QueryCanceled"
	f := &failure{kind: "query-canceled", tags: []string{"postgresql", "database", "timeout"}}
	e.raised(f, call, e.pyStack(call, lib), final, "canceling statement due to statement timeout", nil)
	if e.chance(0.3) {
		f.exceptions = append(f.exceptions, "sqlalchemy.exc.OperationalError")
	}
	f.dependency = fmt.Sprintf("postgresql://%s:5432/%s", db, e.svc.module)
	f.repro = fmt.Sprintf("psql -h %s -d %s -c \"SET statement_timeout = %d; EXPLAIN ANALYZE %s;\"\n", db, e.svc.module, timeout, query)
	f.config = []string{
		fmt.Sprintf("statement_timeout = %d", timeout),
		fmt.Sprintf("DATABASES.default.CONN_MAX_AGE = %d", e.n(0, 10)*60),
		fmt.Sprintf("work_mem = %dMB", e.pick2(4, 64)),
	}[:e.n(1, 3)]
	f.versions = []string{ver}
	if e.chance(0.5) {
		f.versions = append(f.versions, e.pick("SQLAlchemy==1.4.46", "SQLAlchemy==2.0.23", "Django==3.2.18", "Django==4.2.7"))
	}
	f.signals(e.pick("pg_stat_statements_mean_time_seconds", "db_query_duration_seconds", "pg_stat_activity_count"), "canceling statement due to statement timeout", "statement_timeout", e.pick("db_cpu_utilization", "pg_stat_activity_count", "db_queries_per_second"))
	before, after := e.n(20, 120), float64(e.n(15, 90))/10
	rows := e.n(2, 40)
	f.title = e.sf("%s timed out on a sequential scan of %s", "%s 查询 %s 全表扫描导致数据库超时", e.svc.endpoint, table)
	f.cause = e.sf("%s ran `%s` in %.1f s on average instead of %d ms after %s grew to %d million rows, past statement_timeout = %d",
		"%s 执行 `%s` 平均耗时 %.1f 秒（原来 %d ms），%s 表增长到 %d00 万行，超过了 statement_timeout = %d", pg, query, after, before, table, rows, timeout)
	f.whyNot = e.sf("The index on %s(status) was dropped in a migration that also added created_at to the sort; EXPLAIN was run on a staging copy with %d thousand rows, where a sequential scan is fast.",
		"迁移脚本删掉了 %s(status) 上的索引并在排序中加入 created_at；EXPLAIN 只在只有 %d 千行数据的预发库上跑过，全表扫描在那里很快。", table, e.n(5, 90))
	f.guard = e.sf("CI runs EXPLAIN for every query in repository.py against a production-sized snapshot and fails on a Seq Scan over %s; a pg_stat_statements alert fires when mean time exceeds %d ms.",
		"CI 对 repository.py 中每条查询在生产规模快照上执行 EXPLAIN，出现对 %s 的 Seq Scan 即失败；pg_stat_statements 平均耗时超过 %d ms 告警。", table, before*5)
	f.mitigation = e.sf("created the index on %s (status, created_at) CONCURRENTLY", "以 CONCURRENTLY 方式在 %s (status, created_at) 上重建索引", table)
	f.actions = []string{
		e.sf("Restore the index on %s (status, created_at)", "恢复 %s (status, created_at) 上的索引", table),
		e.s("Run EXPLAIN against a production-sized snapshot in CI", "CI 在生产规模快照上执行 EXPLAIN"),
		e.sf("Alert on pg_stat_statements mean time above %d ms", "pg_stat_statements 平均耗时超过 %d ms 告警", before*5),
		e.s("Review migrations that drop indexes with the database owners", "删除索引的迁移需数据库负责人评审"),
	}
	f.discussion = []string{
		fmt.Sprintf("EXPLAIN ANALYZE on the replica: Seq Scan on %s, %d million rows removed by filter.", table, rows),
		e.s("Raising statement_timeout would only have moved the timeout to gunicorn.", "调大 statement_timeout 只会把超时转移到 gunicorn。"),
	}
	f.code = fmt.Sprintf("CREATE INDEX CONCURRENTLY idx_%s_status_created\n    ON %s (status, created_at)\n    WHERE status = '%s';", table, table, status)
	f.codeLang = "sql"
	if e.zh {
		f.discussion[0] = fmt.Sprintf("在从库上 EXPLAIN ANALYZE：对 %s 全表扫描，过滤掉约 %d00 万行数据，数据库 CPU 升到 %d%%。", table, rows, e.n(70, 99))
	}
	return f
}

func poolExhausted(e *env) *failure {
	site := e.site()
	db := e.pick("orders-db", "pg-main", "billing-pg", "mysql-main", "pg-"+e.noun)
	size, overflow := e.n(1, 4)*5, e.n(0, 4)*5
	fn := e.pick("save_", "update_", "lock_") + e.noun
	call := pyCall{file: "db.py", fn: fn, args: e.noun, code: "with engine.begin() as conn:"}
	lib := []frame{
		{site + "/sqlalchemy/engine/base.py", e.n(3260, 3330), "connect", "return self._connection_cls(self)"},
		{site + "/sqlalchemy/pool/base.py", e.n(440, 460), "checkout", "rec = pool._do_get()"},
		{site + "/sqlalchemy/pool/impl.py", e.n(160, 170), "_do_get", "raise exc.TimeoutError("},
	}[:e.n(1, 3)]
	final := "sqlalchemy.exc.TimeoutError"
	msg := fmt.Sprintf("QueuePool limit of size %d overflow %d reached, connection timed out, timeout 30.00 (Background on this error at: https://sqlalche.me/e/20/3o7r)", size, overflow)
	f := &failure{kind: "pool-exhausted", tags: []string{"database", "connection-pool", "sqlalchemy"}}
	e.raised(f, call, e.pyStack(call, lib), final, msg, nil)
	f.dependency = fmt.Sprintf("postgresql://%s:5432/%s", db, e.svc.module)
	f.repro = fmt.Sprintf("hey -z 30s -c %d -m POST https://%s.internal%s\n", (size+overflow)*3, e.svc.name, endpointPath(e.svc.endpoint))
	f.config = []string{
		fmt.Sprintf("SQLALCHEMY_POOL_SIZE = %d", size),
		fmt.Sprintf("SQLALCHEMY_MAX_OVERFLOW = %d", overflow),
		"SQLALCHEMY_POOL_TIMEOUT = 30",
		fmt.Sprintf("gunicorn.threads = %d", e.n(2, 8)*4),
	}[:e.n(2, 4)]
	f.versions = []string{e.pick("SQLAlchemy==1.4.46", "SQLAlchemy==2.0.23", "SQLAlchemy==2.0.29")}
	f.signals(e.pick("sqlalchemy_pool_checkedout", "db_pool_wait_seconds"), "QueuePool limit", "SQLALCHEMY_POOL_SIZE", e.pick("pg_stat_activity_count", "db_cpu_utilization"))
	held := e.n(3, 25)
	f.title = e.sf("%s exhausted its database pool", "%s 数据库连接池耗尽", e.svc.name)
	f.cause = e.sf("every one of the %d pooled connections was held for %d s by %s while it waited on an external call inside the transaction",
		"连接池的 %[1]d 个连接都被 %[3]s 占用了 %[2]d 秒：事务内部在等待一次外部调用", size+overflow, held, f.function)
	f.whyNot = e.s("The HTTP call inside engine.begin() passed code review because the diff showed only the inner lines; the load test ran with 4 threads, below the pool size.",
		"engine.begin() 内部的 HTTP 调用在代码评审中没被发现，因为 diff 只显示了内层几行；压测只用了 4 个线程，低于连接池大小。")
	f.guard = e.sf("A lint rule rejects network calls inside engine.begin() blocks, and an alert fires when sqlalchemy_pool_checkedout stays at %d for 1 minute.",
		"lint 规则禁止在 engine.begin() 块内发起网络调用；sqlalchemy_pool_checkedout 持续 1 分钟等于 %d 时告警。", size+overflow)
	f.mitigation = e.s("moved the external call out of the transaction and redeployed", "把外部调用移出事务后重新发布")
	f.actions = []string{
		e.s("Move external calls out of database transactions", "把外部调用移出数据库事务"),
		e.s("Alert on pool checkout saturation", "连接池占满时告警"),
		e.s("Load test with more threads than the pool size", "压测线程数高于连接池大小"),
	}
	f.discussion = []string{
		e.sf("pg_stat_activity showed %d connections idle in transaction for %d s.", "pg_stat_activity 显示 %d 个连接处于 idle in transaction 状态长达 %d 秒。", size+overflow, held),
		e.s("A bigger pool would have moved the limit to the database's max_connections.", "加大连接池只会把瓶颈转移到数据库的 max_connections。"),
	}
	f.code = fmt.Sprintf("quote = pricing.fetch_quote(%s)  # network call, outside the transaction\nwith engine.begin() as conn:\n    conn.execute(update_%s, {\"id\": %s.id, \"quote\": quote})", e.noun, e.noun, e.noun)
	f.codeLang = "python"
	return f
}

// endpointPath returns the path of "POST /api/v1/order", or "/" for a task.
func endpointPath(ep string) string {
	if i := strings.Index(ep, " /"); i >= 0 {
		return ep[i+1:]
	}
	return "/"
}

func getattrAttributeError(e *env) *failure {
	field := e.pick("shipping_adress", "discount_code", "sortBy", "created", "owner_name", "priority ")
	field = strings.TrimSpace(field)
	class := strings.ToUpper(e.noun[:1]) + e.noun[1:]
	fn := e.pick("serialize_", "sort_", "filter_") + e.noun + "s"
	call := pyCall{file: "serializers.py", fn: fn, args: e.noun + "s, params",
		code: "value = getattr(item, params[\"field\"])"}
	final := "AttributeError"
	f := &failure{kind: "attribute-error", tags: []string{"getattr", "validation", "python"}}
	e.raised(f, call, e.pyStack(call, nil), final, fmt.Sprintf("'%s' object has no attribute '%s'", class, field), nil)
	path := endpointPath(e.svc.endpoint)
	f.repro = fmt.Sprintf("curl -s 'https://%s.internal%s?field=%s' -H 'Authorization: Bearer $TOKEN'\n", e.svc.name, path, field)
	if e.chance(0.5) {
		f.repro = fmt.Sprintf("python -c \"from %s.serializers import %s; %s([object()], {'field': '%s'})\"\n", e.svc.module, fn, fn, field)
	}
	f.config = []string{
		fmt.Sprintf("%s_ALLOWED_FIELDS = id,status,created_at", strings.ToUpper(e.noun)),
		fmt.Sprintf("FEATURE_CUSTOM_%s_SORT = true", strings.ToUpper(e.noun)),
	}
	f.versions = []string{e.pick("pydantic==1.10.13", "pydantic==2.5.3", "marshmallow==3.20.1")}
	f.signals("http_status_code_5xx", "has no attribute", strings.ToUpper(e.noun)+"_ALLOWED_FIELDS", "http_status_code_4xx")
	f.title = e.sf("%s returned 500 for an unknown field name", "%s 遇到未知字段名时返回 500", e.svc.endpoint)
	f.cause = e.sf("%s passed the user-supplied field name %q to getattr() on %s and raised AttributeError",
		"%s 把用户传入的字段名 %q 直接传给 %s 的 getattr()，抛出 AttributeError", f.function, field, class)
	f.whyNot = e.s("The field name came from a query parameter with no allow-list; mypy does not check getattr() with a dynamic name, and the tests only used valid fields.",
		"字段名来自查询参数且没有白名单；mypy 不检查动态名称的 getattr()，测试只覆盖了合法字段。")
	f.guard = e.s("A pydantic model validates the field against an allow-list and returns 400; a property-based test sends None, \"\", a 10,000-character string and -1 as the field.",
		"用 pydantic 模型按白名单校验字段，不合法时返回 400；基于属性的测试用 None、\"\"、10000 字符的字符串和 -1 作为字段名。")
	f.mitigation = e.s("deployed an allow-list check that returns 400 for unknown fields", "发布白名单校验，未知字段返回 400")
	f.actions = []string{
		e.sf("Validate field names in %s against an allow-list", "%s 的字段名按白名单校验", f.function),
		e.s("Send pydantic validation errors to alerts", "把 pydantic 校验失败发送到告警"),
		e.s("Run mypy --check-untyped-defs in CI", "CI 中运行 mypy --check-untyped-defs"),
	}
	f.discussion = []string{
		e.sf("A mobile client release sent field=%s, a typo that the old web client never sent.", "移动端新版本发送了 field=%s，这个拼写错误旧版网页端从未发送过。", field),
		e.s("Every getattr() with a name from input was listed: 4 more call sites had the same pattern.", "排查了所有以输入作为名称的 getattr()：另有 4 处调用存在同样的写法。"),
	}
	f.code = fmt.Sprintf("ALLOWED = {\"id\", \"status\", \"created_at\"}\n\ndef %s(%ss, params):\n    field = params.get(\"field\") or \"id\"\n    if field not in ALLOWED:\n        raise BadRequest(f\"unknown field {field!r}\")\n    return [getattr(item, field) for item in %ss]", fn, e.noun, e.noun)
	f.codeLang = "python"
	f.edge = &edgeInputs{
		none:     e.s("falls back to id", "回退为 id"),
		empty:    e.s("falls back to id", "回退为 id"),
		long:     e.s("rejected with 400 by the allow-list", "被白名单拒绝，返回 400"),
		negative: e.s("not a string; rejected with 400 by pydantic", "不是字符串，pydantic 返回 400"),
	}
	return f
}

func missingKey(e *env) *failure {
	key := e.pick("currency", "locale", "tax_region", "plan_id", "channel", "timezone")
	fn := e.pick("build_", "render_", "price_") + e.noun + e.pick("_payload", "_summary", "_line")
	source := e.pick("the partner webhook", "the mobile client", "a legacy import job", "the v2 API")
	call := pyCall{file: "payloads.py", fn: fn, args: "data", code: fmt.Sprintf("%s = data[\"%s\"]", key, key)}
	final := "KeyError"
	f := &failure{kind: "key-error", tags: []string{"keyerror", "validation", "python"}}
	msg := fmt.Sprintf("'%s'", key)
	if e.chance(0.4) {
		inner := pySection{
			frames: []frame{{"/app/" + e.svc.module + "/payloads.py", e.n(20, 200), fn, fmt.Sprintf("%s = data[\"%s\"]", key, key)}},
			last:   final + ": " + msg,
		}
		parse := pyCall{file: "payloads.py", fn: "parse_" + e.noun, args: "data", code: fmt.Sprintf("raise ValueError(f\"invalid %s payload: {exc}\") from exc", e.noun)}
		e.chained(f, parse, e.pyStack(parse, nil), "ValueError", fmt.Sprintf("invalid %s payload: %s", e.noun, msg), directCause, &inner)
	} else {
		e.raised(f, call, e.pyStack(call, nil), final, msg, nil)
	}
	f.repro = fmt.Sprintf("python -c \"from %s.payloads import %s; %s({'id': 1})\"\n", e.svc.module, fn, fn)
	f.config = []string{
		fmt.Sprintf("DEFAULT_%s = %s", strings.ToUpper(key), e.pick("null", "CNY", "en-US", "UTC")),
		fmt.Sprintf("SCHEMA_VALIDATION = %s", e.pick("off", "warn")),
	}
	f.versions = []string{e.pick("jsonschema==4.17.3", "pydantic==1.10.13", "pydantic==2.5.3")}
	f.signals(e.pick("http_status_code_5xx", "celery_task_failures_total"), "KeyError", "SCHEMA_VALIDATION", "http_status_code_4xx")
	count := e.n(3, 200) * 10
	f.title = e.sf("%s failed on payloads without %s", "%s 在缺少 %s 字段的请求上失败", e.svc.endpoint, key)
	f.cause = e.sf("%d payloads from %s arrived without %q and %s indexed it directly", "%d 个来自%s的请求缺少 %q 字段，%s 直接按键取值", count, e.s(source, zhSource(source)), key, f.function)
	f.whyNot = e.sf("The schema marks %s optional since the v2 API, but the code kept data[%q]; SCHEMA_VALIDATION was off in production and the fixtures always set it.",
		"自 v2 API 起 schema 已把 %s 标为可选，代码仍然写 data[%q]；生产环境 SCHEMA_VALIDATION 处于关闭状态，测试数据里总带着这个字段。", key, key)
	f.guard = e.sf("Contract tests generate payloads from the schema, including ones without optional fields such as %s; validation errors are counted and alerted instead of raising 500.",
		"契约测试按 schema 生成请求，包括缺少 %s 等可选字段的情况；校验失败计数并告警，不再返回 500。", key)
	f.mitigation = e.sf("deployed a default for %s and replayed the failed payloads", "为 %s 增加默认值并重放失败的请求", key)
	f.actions = []string{
		e.sf("Read %s with a default and validate the payload with the schema", "读取 %s 时使用默认值并按 schema 校验", key),
		e.s("Turn SCHEMA_VALIDATION on in production", "生产环境开启 SCHEMA_VALIDATION"),
		e.s("Generate contract-test payloads from the schema", "契约测试数据由 schema 生成"),
	}
	f.discussion = []string{
		e.sf("%d of the failed payloads were replayed after the fix; all succeeded.", "修复后重放了 %d 个失败的请求，全部成功。", count),
		e.sf("grep -c 'KeyError: %s' over the window counted %d lines on 3 hosts.", "在时间窗口内 grep -c 'KeyError: %s' 在 3 台主机上共计 %d 行。", key, count),
	}
	f.code = fmt.Sprintf("%s = data.get(%q) or settings.DEFAULT_%s\nif %s is None:\n    metrics.incr(\"payload_missing_field_total\", tags={\"field\": %q})\n    raise ValidationError(%q)", key, key, strings.ToUpper(key), key, key, key)
	f.codeLang = "python"
	f.edge = &edgeInputs{
		none:     e.sf("%s is None: uses the default", "%s 为 None：使用默认值", key),
		empty:    e.s("empty string: uses the default", "空字符串：使用默认值"),
		long:     e.s("over 64 characters: rejected by the schema", "超过 64 个字符：schema 拒绝"),
		negative: e.s("not a string: rejected by the schema", "非字符串：schema 拒绝"),
	}
	return f
}

// zhSource translates the sources used by missingKey.
func zhSource(s string) string {
	switch s {
	case "the partner webhook":
		return "合作方 webhook"
	case "the mobile client":
		return "移动端"
	case "a legacy import job":
		return "旧的导入任务"
	}
	return " v2 API "
}

func diskFull(e *env) *failure {
	dir := e.pick("/var/lib/"+e.svc.name+"/exports", "/tmp/"+e.noun+"-spool", "/data/"+e.svc.module+"/cache")
	fn := e.pick("write_", "spool_", "export_") + e.noun + e.pick("_csv", "_batch", "_file")
	call := pyCall{file: "storage.py", fn: fn, args: "rows, path", code: "fh.write(chunk)"}
	size := e.n(20, 500)
	final := "OSError"
	msg := fmt.Sprintf("[Errno 28] No space left on device: '%s/%s-%d.csv'", dir, e.noun, e.n(1000, 9999))
	if e.chance(0.5) {
		msg = "[Errno 28] No space left on device"
	}
	f := &failure{kind: "disk-full", tags: []string{"disk", "storage", "oserror"}}
	e.raised(f, call, e.pyStack(call, nil), final, msg, nil)
	f.dependency = "local disk " + dir
	f.repro = fmt.Sprintf("df -h %s && du -sh %s/* | sort -h | tail -5\npython -c \"open('%s/probe', 'wb').write(b'x' * 1024)\"\n", dir, dir, dir)
	f.config = []string{
		fmt.Sprintf("EXPORT_DIR = %s", dir),
		fmt.Sprintf("EXPORT_RETENTION_DAYS = %d", e.n(7, 90)),
		fmt.Sprintf("volume.size = %dGi", size+e.n(1, 10)*10),
	}[:e.n(2, 3)]
	f.signals(e.pick("node_filesystem_avail_bytes", "disk_used_percent"), "No space left on device", "EXPORT_RETENTION_DAYS", e.pick("export_duration_seconds", "s3_put_requests_total"))
	f.title = e.sf("%s stopped writing when %s filled up", "%s 磁盘写满，%s 无法写入", e.svc.name, dir)
	f.cause = e.sf("%s filled to 100%% with %d GiB of exports that were never cleaned up, and %s raised OSError on every write",
		"%s 被 %d GiB 未清理的导出文件写满（100%%），%s 每次写入都抛出 OSError", dir, size, f.function)
	f.whyNot = e.sf("The cleanup cron was removed with the old VM image; the disk alert threshold was 95%% but the volume went from 80%% to 100%% in %d minutes during the month-end export.",
		"清理定时任务随旧虚拟机镜像一起被删掉；磁盘告警阈值为 95%%，但月底导出时卷在 %d 分钟内从 80%% 涨到 100%%。", e.n(6, 40))
	f.guard = e.s("Exports stream to object storage instead of local disk, and a predict_linear() alert fires when the disk will be full within 4 hours.",
		"导出文件直接流式写入对象存储；predict_linear() 预测 4 小时内写满时告警。")
	f.mitigation = e.sf("deleted exports older than %d days and resized the volume", "删除 %d 天前的导出文件并扩容磁盘卷", e.n(7, 30))
	f.actions = []string{
		e.s("Stream exports to object storage", "导出文件改为流式写入对象存储"),
		e.s("Alert with predict_linear() on disk space", "用 predict_linear() 对磁盘空间做预测告警"),
		e.sf("Restore the retention job for %s", "恢复 %s 的清理任务", dir),
	}
	f.discussion = []string{
		fmt.Sprintf("du showed %d GiB under %s, %d%% of it older than 30 days.", size, dir, e.n(60, 95)),
		e.s("Writes failed but reads kept working, so the health check stayed green.", "写入失败而读取正常，所以健康检查一直是绿色。"),
	}
	if e.zh {
		f.discussion[0] = fmt.Sprintf("du 显示 %s 下有 %d GiB，其中 %d%% 超过 30 天。", dir, size, e.n(60, 95))
	}
	f.code = fmt.Sprintf("- alert: DiskWillFillIn4h\n  expr: predict_linear(node_filesystem_avail_bytes{mountpoint=\"%s\"}[1h], 4 * 3600) < 0\n  for: 10m", dir)
	f.codeLang = "yaml"
	return f
}
