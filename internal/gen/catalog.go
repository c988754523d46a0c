package gen

// The fixed catalogs the generator draws from: services with their owning
// team and runtime, the teams, severities and time-zone offsets.

// Teams lists the teams that own actions in generated reviews.
var Teams = []string{
	"team-orders", "team-payments", "team-platform",
	"team-search", "team-identity", "team-data",
}

// Services lists the service catalog that generated reviews draw from.
var Services = []string{
	"order-api", "payment-gateway", "user-profile", "search-indexer",
	"notification-worker", "billing-batch", "auth-service", "inventory-sync",
	"report-builder", "checkout-web", "fraud-scorer", "email-sender",
}

// Severities lists the severities used, most severe first.
var Severities = []string{"SEV1", "SEV2", "SEV3", "SEV4"}

// runtime is the language a service is written in; it decides the kind of
// traceback a failure in it prints.
type runtime int

const (
	python runtime = iota
	java
	golang
)

// service describes one catalog entry.
type service struct {
	name     string
	team     string
	runtime  runtime
	module   string   // Python package, Java package or Go import path
	endpoint string   // the request or job that failed, e.g. "POST /api/v1/order"
	caller   string   // the caller as written in failure.caller
	worker   bool     // a queue consumer or batch rather than an HTTP service
	entry    string   // the entry function that handled the request or job
	nouns    []string // domain objects it handles, for function names
}

var catalog = []service{
	{"order-api", "team-orders", python, "order_api", "POST /api/v1/order", "api/v1/order", false, "create_order", []string{"order", "cart", "coupon"}},
	{"payment-gateway", "team-payments", python, "payment_gateway", "POST /api/v1/charge", "api/v1/charge", false, "create_charge", []string{"charge", "refund", "card"}},
	{"user-profile", "team-identity", python, "user_profile", "GET /api/v1/profile", "api/v1/profile", false, "get_profile", []string{"profile", "address", "preference"}},
	{"search-indexer", "team-search", java, "com.fupan.search.indexer", "IndexerConsumer.poll", "kafka topic product-updates", true, "onBatch", []string{"document", "product", "shard"}},
	{"notification-worker", "team-platform", python, "notification_worker", "celery task send_push", "celery queue notifications", true, "send_push", []string{"notification", "device", "template"}},
	{"billing-batch", "team-payments", python, "billing_batch", "cron job nightly_invoices", "cron nightly_invoices", true, "run_nightly_invoices", []string{"invoice", "ledger", "subscription"}},
	{"auth-service", "team-identity", golang, "github.com/fupan/auth-service", "POST /v1/token", "api/v1/token", false, "IssueToken", []string{"session", "token", "client"}},
	{"inventory-sync", "team-orders", java, "com.fupan.inventory.sync", "StockSyncListener.onMessage", "kafka topic stock-events", true, "onMessage", []string{"stock", "sku", "warehouse"}},
	{"report-builder", "team-data", python, "report_builder", "GET /api/v1/reports/export", "api/v1/reports", false, "export_report", []string{"report", "export", "dataset"}},
	{"checkout-web", "team-orders", golang, "github.com/fupan/checkout-web", "POST /checkout/confirm", "web/checkout", false, "Confirm", []string{"checkout", "basket", "quote"}},
	{"fraud-scorer", "team-payments", python, "fraud_scorer", "POST /api/v1/score", "api/v1/score", false, "score_payment", []string{"score", "rule", "signal"}},
	{"email-sender", "team-platform", python, "email_sender", "celery task send_email", "celery queue emails", true, "send_email", []string{"email", "recipient", "template"}},
}

// servicesFor returns the catalog entries written in rt.
func servicesFor(rt runtime) []*service {
	var out []*service
	for i := range catalog {
		if catalog[i].runtime == rt {
			out = append(out, &catalog[i])
		}
	}
	return out
}

// offsets are the time-zone offsets of the teams on call, in minutes east
// of UTC, with the Chinese reviews always at +08:00.
var offsets = []int{0, 60, 120, -300, -240, 330, 480, 540}
