package gen

import (
	"fmt"
	"strings"
)

// Python tracebacks: frames, the framework frames above the application and
// the chain separators CPython prints.

// frame is one "File ..., line N, in fn" entry with its source line.
type frame struct {
	file string
	line int
	fn   string
	code string
}

// pySection is one printed exception: its frames and its last line.
type pySection struct {
	frames []frame
	last   string // "module.Type: message"
}

const (
	duringHandling = "During handling of the above exception, another exception occurred:"
	directCause    = "The above exception was the direct cause of the following exception:"
)

// pyTraceback prints sections in order, joined by sep (one of the two
// CPython chain sentences); the last section holds the final exception.
func pyTraceback(sep string, sections ...pySection) string {
	var b strings.Builder
	for i, s := range sections {
		if i > 0 {
			b.WriteString("\n" + sep + "\n\n")
		}
		b.WriteString("Traceback (most recent call last):\n")
		for _, f := range s.frames {
			fmt.Fprintf(&b, "  File %q, line %d, in %s\n", f.file, f.line, f.fn)
			if f.code != "" {
				b.WriteString("    " + f.code + "\n")
			}
		}
		b.WriteString(s.last + "\n")
	}
	return b.String()
}

// raised sets f's traceback and exceptions for final: msg raised out of
// stack, while handling the exception of during when it is not nil (its
// type comes first in the exceptions), and f's final, function (call's)
// and caller.
func (e *env) raised(f *failure, call pyCall, stack []frame, final, msg string, during *pySection) {
	e.chained(f, call, stack, final, msg, duringHandling, during)
}

// chained is raised with sep, one of the two CPython chain sentences,
// printed between during and the final exception.
func (e *env) chained(f *failure, call pyCall, stack []frame, final, msg, sep string, during *pySection) {
	last := pySection{stack, final + ": " + msg}
	if during != nil {
		f.traceback = pyTraceback(sep, *during, last)
		f.exceptions = []string{typeOf(during.last), final}
	} else {
		f.traceback = pyTraceback("", last)
		f.exceptions = []string{final}
	}
	f.final = final
	f.function = call.qualified()
	f.caller = e.svc.caller
}

// pyCall describes the application function that failed.
type pyCall struct {
	file string // path under the package, e.g. "cache.py"
	fn   string // function name, e.g. "get_order"
	args string // argument list at the call site, e.g. "order_id"
	code string // the failing line inside it
}

// qualified returns the function as failure.function writes it, e.g.
// "cache.get_order()".
func (c pyCall) qualified() string {
	mod := strings.TrimSuffix(c.file, ".py")
	mod = strings.ReplaceAll(mod, "/", ".")
	return mod + "." + c.fn + "()"
}

// pyStack builds the frames from the framework down to the library: 0–2
// framework frames, the entry function, sometimes a service-layer frame,
// the failing function and the library frames lib (0–3), 3–8 in all.
func (e *env) pyStack(c pyCall, lib []frame) []frame {
	mod := strings.TrimSuffix(c.file, ".py")
	alias := mod[strings.LastIndex(mod, "/")+1:]
	callExpr := fmt.Sprintf("%s.%s(%s)", alias, c.fn, c.args)
	entryFile := "/app/" + e.svc.module + "/" + e.entryFile()
	var fs []frame
	if e.chance(0.5) {
		mid := pyCall{file: "services/" + e.noun + ".py", fn: e.pick("load_", "prepare_", "build_", "resolve_") + e.noun + e.pick("", "_context", "_details")}
		fs = append(fs,
			frame{entryFile, e.n(20, 260), e.svc.entry, fmt.Sprintf("%s = %s.%s(%s)", e.noun, e.noun+"_service", mid.fn, c.args)},
			frame{"/app/" + e.svc.module + "/" + mid.file, e.n(15, 180), mid.fn, "data = " + callExpr},
		)
	} else {
		fs = append(fs, frame{entryFile, e.n(20, 260), e.svc.entry, "result = " + callExpr})
	}
	fs = append(fs, frame{"/app/" + e.svc.module + "/" + c.file, e.n(10, 320), c.fn, c.code})
	fs = append(fs, lib...)

	// Framework frames on top bring the count into 3..8.
	fw := e.framework()
	k := e.n(max(0, 3-len(fs)), min(len(fw), 8-len(fs)))
	return append(fw[len(fw)-k:len(fw):len(fw)], fs...)
}

// entryFile is the module holding the entry function.
func (e *env) entryFile() string {
	switch {
	case e.svc.name == "billing-batch":
		return "jobs/invoices.py"
	case e.svc.worker:
		return "tasks.py"
	}
	return "views/" + e.noun + ".py"
}

// framework returns the frames a web framework or task runner prints above
// the application's entry function.
func (e *env) framework() []frame {
	site := e.site()
	switch {
	case e.svc.name == "billing-batch":
		return []frame{
			{"/app/billing_batch/__main__.py", e.n(20, 60), "<module>", "sys.exit(main())"},
			{"/app/billing_batch/cli.py", e.n(30, 90), "main", "return run_nightly_invoices(args.day)"},
		}
	case e.svc.worker:
		return []frame{
			{site + "/celery/app/trace.py", e.n(450, 480), "trace_task", "R = retval = fun(*args, **kwargs)"},
			{site + "/celery/app/trace.py", e.n(730, 770), "__protected_call__", "return self.run(*args, **kwargs)"},
		}
	}
	switch e.r.IntN(3) {
	case 0:
		return []frame{
			{site + "/flask/app.py", e.n(1480, 1830), "full_dispatch_request", "rv = self.dispatch_request()"},
			{site + "/flask/app.py", e.n(1460, 1800), "dispatch_request", "return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)"},
		}
	case 1:
		return []frame{
			{site + "/django/core/handlers/exception.py", e.n(47, 56), "inner", "response = get_response(request)"},
			{site + "/django/core/handlers/base.py", e.n(181, 197), "_get_response", "response = wrapped_callback(request, *callback_args, **callback_kwargs)"},
		}
	}
	return []frame{
		{site + "/starlette/routing.py", e.n(69, 74), "app", "response = await func(request)"},
		{site + "/fastapi/routing.py", e.n(270, 299), "run_endpoint_function", "return await run_in_threadpool(dependant.call, **values)"},
	}
}
