package gen

import (
	"fmt"
	"strings"
)

// Go failures: a nil pointer dereference and an assignment to a nil map.

// goNames returns the package and type that failed in a Go service.
func (e *env) goNames() (pkg, typ string) {
	pkg = e.pick("session", "token", "pricing", "cart", "client")
	if e.svc.name == "checkout-web" {
		pkg = e.pick("basket", "quote", "checkout", "pricing")
	}
	typ = e.pick("Store", "Cache", "Resolver", "Service")
	return pkg, typ
}

// goVersion is the pinned Go release a service was built with.
func (e *env) goVersion() string {
	return e.pick("go==1.20.12", "go==1.21.5", "go==1.22.3", "go==1.23.1")
}

// serviceFrames are the service's own frames of a panic in pkg's
// (*typ).method, called with args, innermost first: the method, then the
// handler that called it.
func (e *env) serviceFrames(pkg, typ, method, args string) []gframe {
	return []gframe{
		{fmt.Sprintf("%s/internal/%s.(*%s).%s(%s)", e.svc.module, pkg, typ, method, args), fmt.Sprintf("/src/internal/%s/%s.go", pkg, strings.ToLower(typ)), e.n(30, 240)},
		{fmt.Sprintf("%s/internal/handler.(*Handler).%s(%s)", e.svc.module, e.svc.entry, e.goArgs(2)), "/src/internal/handler/" + strings.ToLower(e.svc.entry) + ".go", e.n(40, 200)},
	}
}

func nilPointer(e *env) *failure {
	pkg, typ := e.goNames()
	method := e.pick("Lookup", "Get", "Resolve", "Load") + strings.ToUpper(e.noun[:1]) + e.noun[1:]
	recovered := !e.svc.worker && e.chance(0.7)
	value := "runtime error: invalid memory address or nil pointer dereference"
	frames := e.serviceFrames(pkg, typ, method, "0x0, "+e.goArgs(1))
	f := e.panicFailure("nil-pointer", value, pkg, typ, method, recovered, true, frames)
	dep := e.pick("redis://sessions:6379", "grpc://pricing.internal:9090", "https://jwks.internal/keys", "postgresql://auth-db:5432/auth")
	f.dependency = dep
	f.repro = fmt.Sprintf("curl -si -X POST https://%s.internal%s -H 'Content-Type: application/json' -d '{\"%s_id\": \"\"}'\n", e.svc.name, endpointPath(e.svc.endpoint), e.noun)
	f.config = []string{
		fmt.Sprintf("%s.enabled = %s", pkg, e.pick("false", "true")),
		fmt.Sprintf("%s.warmup = %s", pkg, e.pick("lazy", "on-start")),
		fmt.Sprintf("GOMAXPROCS = %d", e.n(1, 4)*2),
	}[:e.n(1, 3)]
	f.versions = []string{e.goVersion()}
	f.signals(e.pick("http_status_code_5xx", "go_panics_recovered_total"), "nil pointer dereference", pkg+".enabled", e.pick("http_request_duration_seconds", "go_goroutines"))
	pct := e.n(2, 60)
	f.title = e.sf("%s panicked on a nil %s", "%s 因 nil %s 发生 panic", e.svc.endpoint, typ)
	f.cause = e.sf("%s dereferenced a nil *%s.%s that New() leaves unset when %s.enabled is false",
		"%s 解引用了 nil 的 *%s.%s：%s.enabled 为 false 时 New() 不会初始化它", f.function, pkg, typ, pkg)
	f.whyNot = e.sf("Tests construct the handler with every dependency set; the production config turned %s.enabled off for a cost cut and no test ran that configuration.",
		"测试构造 handler 时总是设置了全部依赖；生产配置为节省成本关闭了 %s.enabled，没有测试覆盖这个配置。", pkg)
	f.guard = e.sf("New() returns an error instead of a nil %s, and a table test builds the handler under every documented config combination.",
		"New() 在无法构造 %s 时返回错误而不是 nil；表驱动测试覆盖所有文档化的配置组合。", typ)
	f.mitigation = e.sf("set %s.enabled back to true and rolled the pods", "把 %s.enabled 改回 true 并滚动重启", pkg)
	f.actions = []string{
		e.sf("Return an error from New() when the %s cannot be built", "无法构造 %s 时 New() 返回错误", typ),
		e.s("Test the handler under every config combination", "在所有配置组合下测试 handler"),
		e.s("Alert on go_panics_recovered_total above zero", "go_panics_recovered_total 大于 0 时告警"),
	}
	f.discussion = []string{
		e.sf("The panic was recovered by net/http, so the pods stayed up and only %d%% of requests failed.", "panic 被 net/http 恢复，Pod 没有重启，只有 %d%% 的请求失败。", pct),
		e.s("go vet and staticcheck do not flag this: the nil comes from configuration, not from code.", "go vet 与 staticcheck 无法发现：nil 来自配置而不是代码。"),
	}
	f.code = fmt.Sprintf("func New(cfg Config) (*%s, error) {\n\tif !cfg.Enabled {\n\t\treturn nil, errors.New(\"%s: disabled; use the fallback\")\n\t}\n\treturn &%s{client: cfg.Client}, nil\n}", typ, pkg, typ)
	f.codeLang = "go"
	f.edge = &edgeInputs{
		none:     e.s("a nil receiver returns ErrDisabled", "nil 接收者返回 ErrDisabled"),
		empty:    e.sf("an empty %s_id returns 400", "%s_id 为空返回 400", e.noun),
		long:     e.s("ids over 64 bytes return 400", "超过 64 字节的 id 返回 400"),
		negative: e.s("a negative count returns 400", "数量为负时返回 400"),
	}
	return f
}

func nilMap(e *env) *failure {
	pkg, typ := e.goNames()
	field := e.pick("labels", "byID", "attrs", "seen", "counts")
	method := e.pick("Add", "Record", "Merge", "Set") + strings.ToUpper(e.noun[:1]) + e.noun[1:]
	value := "assignment to entry in nil map"
	frames := e.serviceFrames(pkg, typ, method, e.goArgs(2))
	recovered := e.chance(0.5)
	f := e.panicFailure("nil-map", value, pkg, typ, method, recovered, false, frames)
	f.repro = fmt.Sprintf("go test ./internal/%s -run 'Test%s/zero_value' -count=1\n", pkg, typ)
	f.config = []string{
		fmt.Sprintf("%s.cache_size = %d", pkg, e.n(1, 64)*1024),
		fmt.Sprintf("feature.%s_%s = on", pkg, field),
	}
	f.versions = []string{e.goVersion()}
	f.signals(e.pick("go_panics_recovered_total", "kube_pod_container_status_restarts_total"), "assignment to entry in nil map", "feature."+pkg+"_"+field, e.pick("go_memstats_heap_alloc_bytes", "http_request_duration_seconds"))
	restarts := e.n(3, 80)
	f.title = e.sf("%s crashed writing to a nil map in %s", "%s 写入 nil map 导致崩溃（%s）", e.svc.name, pkg)
	f.cause = e.sf("%s wrote to %s.%s on a zero-value %s built by a new code path, and the pods restarted %d times",
		"%[1]s 在新代码路径构造的零值 %[2]s 上写入 %[2]s.%[3]s，Pod 重启 %[5]d 次", f.function, typ, field, typ, restarts)
	f.whyNot = e.sf("The new path built %s{} directly instead of calling New%s(), which makes the map; no test used the zero value.",
		"新代码直接写 %s{} 而没有调用会初始化 map 的 New%s()；没有测试使用零值。", typ, typ)
	f.guard = e.sf("%s makes its zero value usable (the map is made lazily), and a test exercises %s on a zero %s.",
		"%[1]s 的零值可以直接使用（map 延迟初始化），测试覆盖零值 %[1]s 上的 %[2]s。", typ, method, typ)
	f.mitigation = e.sf("turned feature.%s_%s off and rolled the pods", "关闭 feature.%s_%s 并滚动重启", pkg, field)
	f.actions = []string{
		e.sf("Make the zero value of %s usable", "让 %s 的零值可用", typ),
		e.s("Add a zero-value test for every exported type with a map", "为每个含 map 的导出类型添加零值测试"),
		e.s("Alert on pod restarts above 3 in 10 minutes", "10 分钟内 Pod 重启超过 3 次告警"),
	}
	f.discussion = []string{
		e.sf("kubectl showed %d restarts across the deployment within the window.", "kubectl 显示时间窗口内整个 Deployment 共重启 %d 次。", restarts),
		e.s("The panic was not recovered on background goroutines, so every occurrence killed the process.", "后台 goroutine 上的 panic 没有被恢复，每次都会导致进程退出。"),
	}
	f.code = fmt.Sprintf("func (s *%s) %s(k string, v int) {\n\tif s.%s == nil {\n\t\ts.%s = make(map[string]int)\n\t}\n\ts.%s[k] = v\n}", typ, method, field, field, field)
	f.codeLang = "go"
	return f
}

// panicFailure is a Go panic with value in pkg's (*typ).method, of kind
// (its tags too), raised under frames, the service's own, innermost
// first, to which it adds net/http's: recovered by its handler or not;
// signal as goPanic's.
func (e *env) panicFailure(kind, value, pkg, typ, method string, recovered, signal bool, frames []gframe) *failure {
	if recovered {
		frames = append([]gframe{
			{"net/http.(*conn).serve.func1()", "/usr/local/go/src/net/http/server.go", e.n(1850, 1900)},
			{fmt.Sprintf("panic({0x%x?, 0x%x?})", 0x900000+e.r.IntN(0xfffff), 0xd00000+e.r.IntN(0xfffff)), "/usr/local/go/src/runtime/panic.go", e.n(770, 920)},
		}, frames...)
	}
	frames = append(frames, e.httpFrames()[:e.n(1, 4)]...)
	f := &failure{kind: kind, tags: []string{"go", "panic", kind}}
	f.traceback = e.goPanic(value, recovered, signal, frames)
	f.exceptions = []string{value}
	f.final = value
	f.function = fmt.Sprintf("%s.(*%s).%s()", pkg, typ, method)
	f.caller = e.svc.caller
	return f
}
