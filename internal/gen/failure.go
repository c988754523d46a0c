package gen

// failure is what a scenario contributes to a review: the traceback and
// where the chain broke, the config and versions in effect, and the
// scenario-specific prose in the review's language.
type failure struct {
	kind       string // slug words for the id, e.g. "redis-timeout"
	tags       []string
	traceback  string
	exceptions []string // failure.exceptions; holds final
	final      string   // the traceback's final exception type
	function   string
	caller     string
	dependency string
	repro      string // the minimal reproduction
	config     []string
	versions   []string

	// first_look
	metric, log, configKey string

	sideEffect string // a metric a fix could push up; watched "flat" or "up"

	title      string // the title after the service name
	cause      string // a clause: why the requests failed, with numbers
	whyNot     string
	guard      string // catch_next_time
	mitigation string // what stopped the errors, for the timeline
	actions    []string
	discussion []string // points for the body's Discussion
	code       string   // a snippet for the body
	codeLang   string
	edge       *edgeInputs
}

// signals sets where f shows: first_look's metric, log keyword and
// config key, and sideEffect, the metric a fix could push up.
func (f *failure) signals(metric, log, configKey, sideEffect string) {
	f.metric, f.log, f.configKey, f.sideEffect = metric, log, configKey, sideEffect
}

// edgeInputs is the edge_inputs map.
type edgeInputs struct{ none, empty, long, negative string }

// scenario builds one failure for a service of its runtime.
type scenario struct {
	runtime runtime
	weight  int
	build   func(e *env) *failure
}

// scenarios is the catalog of failure templates.
var scenarios = []scenario{
	{python, 10, redisTimeout},
	{python, 8, requestsConnectTimeout},
	{python, 8, requestsReadTimeout},
	{python, 8, queryCanceled},
	{python, 6, getattrAttributeError},
	{python, 6, missingKey},
	{python, 6, certificateExpired},
	{python, 5, diskFull},
	{python, 5, brokerDown},
	{python, 5, poolExhausted},
	{java, 7, kafkaCommitFailed},
	{java, 6, socketTimeout},
	{golang, 6, nilPointer},
	{golang, 5, nilMap},
}

// pickScenario draws a scenario by weight.
func (e *env) pickScenario() *scenario {
	total := 0
	for _, s := range scenarios {
		total += s.weight
	}
	n := e.r.IntN(total)
	for i := range scenarios {
		if n < scenarios[i].weight {
			return &scenarios[i]
		}
		n -= scenarios[i].weight
	}
	panic("unreachable")
}
