package recurrence

import "testing"

func TestNormalise(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
		f              func(string) string
	}{
		{"exception with module", "requests.exceptions.ReadTimeout", "readtimeout", Exception},
		{"exception without module", "ReadTimeout", "readtimeout", Exception},
		{"java class", "java.net.SocketTimeoutException", "sockettimeoutexception", Exception},
		{"java inner class", "org.apache.kafka.clients.consumer.CommitFailedException$Inner", "inner", Exception},
		{"go panic kept whole", "runtime error:  invalid memory address or nil pointer dereference", "runtime error: invalid memory address or nil pointer dereference", Exception},
		{"redis url with db", "redis://prod-cache:6379/0", "prod-cache", Dependency},
		{"redis url other port", "redis://PROD-CACHE:6380", "prod-cache", Dependency},
		{"url with user and query", "postgres://app@orders-db.internal:5432/orders?sslmode=require", "orders-db.internal", Dependency},
		{"host:port/path", "erp-gw.internal:8443/soap/stock", "erp-gw.internal", Dependency},
		{"bare host", "erp-gw.internal", "erp-gw.internal", Dependency},
		{"url then prose", "kafka://kafka-prod:9092 topic stock-events, group inventory-sync-stock", "kafka-prod", Dependency},
		{"prose", "the  ERP SOAP gateway", "the erp soap gateway", Dependency},
		{"https url", "https://api.stripe.com/v1/charges", "api.stripe.com", Dependency},
		{"python call", "cache.get_user_profile()", "get_user_profile", Function},
		{"bare name", "get_user_profile", "get_user_profile", Function},
		{"go method", "main.(*Server).handle", "handle", Function},
		{"java method", "com.acme.stock.ErpClient.queryStock", "querystock", Function},
		{"call with args", "reserve_stock(order_id, items)", "reserve_stock", Function},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.f(c.in); got != c.want {
				t.Errorf("%q: got %q, want %q", c.in, got, c.want)
			}
		})
	}
}
