package site

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/fupan/fupan/internal/review"
)

// The custom fields of fupan.yaml show on the review page, labelled, in
// the order declared; a url field is a link; and the site publishes the
// schema with them.
func TestCustomFieldsOnThePage(t *testing.T) {
	repo := fstest.MapFS{
		"fupan.yaml": {Data: []byte("fields:\n  incident_id: {type: string, pattern: \"^INC-[0-9]+$\", label: Incident}\n  ticket: {type: url}\n  customer_impact: {type: enum, enum: [none, minor, major]}\n")},
		"reviews/2026-01-05-checkout.md": {Data: []byte("---\ntitle: Checkout 502s\ndate: 2026-01-05\nstatus: draft\nseverity: SEV3\nservices: [checkout]\n" +
			"summary: 3% of checkouts failed for 12 minutes.\ncustomer_impact: minor\nticket: https://tickets.example.com/INC-481\nincident_id: INC-481\n---\n")},
	}
	files := build(t, repo, Options{})
	page := string(files["reviews/2026-01-05-checkout/index.html"])
	want := `<div class="custom-field field-incident_id"><dt>Incident</dt><dd>INC-481</dd></div>` +
		`<div class="custom-field field-ticket"><dt>Ticket</dt><dd><a href="https://tickets.example.com/INC-481">https://tickets.example.com/INC-481</a></dd></div>` +
		`<div class="custom-field field-customer_impact"><dt>Customer impact</dt><dd>minor</dd></div>` + "\n  </dl>"
	if !strings.Contains(page, want) {
		t.Errorf("the page does not show the custom fields as\n%s\nin:\n%s", want, page)
	}

	var schema struct {
		Properties map[string]any `json:"properties"`
	}
	if err := json.Unmarshal(files[review.SchemaPath], &schema); err != nil {
		t.Fatalf("%s: %v", review.SchemaPath, err)
	}
	for _, name := range []string{"title", "incident_id", "ticket", "customer_impact"} {
		if schema.Properties[name] == nil {
			t.Errorf("%s has no property %s", review.SchemaPath, name)
		}
	}
}
