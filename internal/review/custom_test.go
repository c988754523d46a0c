package review

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

const customConfig = `fields:
  incident_id: {type: string, pattern: "^INC-[0-9]+$", required_from: ready, description: "The incident's id in the paging tool, e.g. INC-123."}
  ticket: {type: url}
  lead: string
  customer_impact: {type: enum, enum: [none, minor, major], required_from: final}
  detected_by: {type: list, enum: [alert, customer, engineer]}
  cost_usd: {type: number}
  resolved_on: {type: date}
`

// withCustom are the edits that give the valid review its custom fields,
// on lines 7 to 10.
var withCustom = []string{"services: [order-api]\n", "services: [order-api]\nincident_id: INC-123\nticket: https://tickets.example.com/INC-123\nlead: Wang Lei\ncustomer_impact: major\n"}

func TestCustomFields(t *testing.T) {
	cfg := map[string]string{"fupan.yaml": customConfig}
	custom := func(edits ...string) []string { return append(append([]string{}, withCustom...), edits...) }
	runFindingCases(t, []findingCase{
		{name: "declared and valid", edits: custom(), extra: cfg},
		{name: "declared, optional and left out", edits: custom("ticket: https://tickets.example.com/INC-123\n", ""), extra: cfg},
		{
			name: "a value that breaks the pattern", edits: custom("incident_id: INC-123", "incident_id: INC123"), extra: cfg,
			want: []string{f + "7:14: error: incident_id \"INC123\" must match ^INC-[0-9]+$: the incident's id in the paging tool, e.g. INC-123"},
		},
		{
			name: "an enum value misspelt", edits: custom("customer_impact: major", "customer_impact: majr"), extra: cfg,
			want: []string{f + "10:18: error: customer_impact is \"majr\", want one of none, minor, major: did you mean \"major\"?"},
		},
		{
			name: "a list item not in the enum", edits: custom("lead: Wang Lei\n", "lead: Wang Lei\ndetected_by: [alert, pager]\n"), extra: cfg,
			want: []string{f + "10:22: error: detected_by[1] is \"pager\", want one of alert, customer, engineer"},
		},
		{
			name: "a url that is not one", edits: custom("ticket: https://tickets.example.com/INC-123", "ticket: INC-123"), extra: cfg,
			want: []string{f + "8:9: error: ticket is \"INC-123\", want an http or https URL, e.g. https://tickets.example.com/INC-123"},
		},
		{
			name: "a number that is text", edits: custom("lead: Wang Lei\n", "lead: Wang Lei\ncost_usd: lots\n"), extra: cfg,
			want: []string{f + "10:11: error: cost_usd is a string, want number: a custom field of this repository (fupan.yaml): a number"},
		},
		{
			name: "a date that does not exist", edits: custom("lead: Wang Lei\n", "lead: Wang Lei\nresolved_on: 2026-02-30\n"), extra: cfg,
			want: []string{f + "10:14: error: resolved_on is \"2026-02-30\": that day does not exist: February 2026 has 28 days"},
		},
		{
			name: "required from ready, missing in a final review", edits: custom("incident_id: INC-123\n", ""), extra: cfg,
			want: []string{f + "4:1: error: missing incident_id (required from status ready): the incident's id in the paging tool, e.g. INC-123"},
		},
		{
			name: "required from final, missing in a draft", edits: []string{"status: final", "status: draft"}, extra: cfg,
		},
		{
			name: "an undeclared key suggests the custom field meant", edits: custom("incident_id:", "incident_ld:"), extra: cfg,
			want: []string{f + "7:1: error: unknown field \"incident_ld\": did you mean \"incident_id\"?"},
		},
		{
			name: "an undeclared key stays an error", edits: withCustom,
			want: []string{
				f + "7:1: error: unknown field \"incident_id\": the fields here are actions, catch_next_time, config, contributing_factors, date, edge_inputs, failure, first_look, publish, related, reproduction, services, severity, status, summary, tags, title, traceback, traceback_absent, verification, versions, why_not_caught, window",
				f + "8:1: error: unknown field \"ticket\": the fields here are actions, catch_next_time, config, contributing_factors, date, edge_inputs, failure, first_look, publish, related, reproduction, services, severity, status, summary, tags, title, traceback, traceback_absent, verification, versions, why_not_caught, window",
				f + "9:1: error: unknown field \"lead\": the fields here are actions, catch_next_time, config, contributing_factors, date, edge_inputs, failure, first_look, publish, related, reproduction, services, severity, status, summary, tags, title, traceback, traceback_absent, verification, versions, why_not_caught, window",
				f + "10:1: error: unknown field \"customer_impact\": the fields here are actions, catch_next_time, config, contributing_factors, date, edge_inputs, failure, first_look, publish, related, reproduction, services, severity, status, summary, tags, title, traceback, traceback_absent, verification, versions, why_not_caught, window",
			},
		},
		{
			name:  "bad declarations in fupan.yaml",
			extra: map[string]string{"fupan.yaml": "fields:\n  incident_id: {type: strng}\n  title: string\n  ticket: {type: string, pattern: \"INC-([0-9]+\"}\n  lead: {type: string, requried_from: ready}\n  impact: {type: enum}\n  Owner: string\n  cost: {type: number, required_from: meeting}\n"},
			want: []string{
				"fupan.yaml:2:23: error: type \"strng\" of custom field incident_id is unknown: did you mean \"string\"?",
				"fupan.yaml:3:3: error: custom field \"title\" is a field of the review format already: pick another name",
				"fupan.yaml:4:35: error: pattern of custom field ticket is not a regular expression: error parsing regexp: missing closing ): `INC-([0-9]+`",
				"fupan.yaml:5:24: error: unknown setting \"requried_from\" of custom field lead: did you mean \"required_from\"?",
				"fupan.yaml:6:3: error: custom field impact of type enum needs its values: enum: [none, minor, major]",
				"fupan.yaml:7:3: error: custom field \"Owner\": a field name is lowercase snake_case, e.g. incident_id",
				"fupan.yaml:8:39: error: required_from of custom field cost is \"meeting\": use draft, ready or final",
			},
		},
	})
}

func TestCustomValues(t *testing.T) {
	repo := loadRepo(t, map[string]string{"fupan.yaml": customConfig, validName: edit(t, append(append([]string{}, withCustom...), "lead: Wang Lei\n", "lead: Wang Lei\ndetected_by: [alert, customer]\ncost_usd: 1200.5\n")...)})
	if len(repo.Findings) > 0 {
		t.Fatalf("findings: %v", lines(repo.Findings))
	}
	got := repo.Reviews[0].Custom
	want := []CustomValue{
		{Name: "cost_usd", Value: "1200.5", Values: []string{"1200.5"}},
		{Name: "customer_impact", Value: "major", Values: []string{"major"}},
		{Name: "detected_by", Value: "alert, customer", Values: []string{"alert", "customer"}, List: true},
		{Name: "incident_id", Value: "INC-123", Values: []string{"INC-123"}},
		{Name: "lead", Value: "Wang Lei", Values: []string{"Wang Lei"}},
		{Name: "ticket", Value: "https://tickets.example.com/INC-123", Values: []string{"https://tickets.example.com/INC-123"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Custom (-want +got):\n%s", diff)
	}
	if names := fieldNames(repo.Config.Fields); strings.Join(names, " ") != "incident_id ticket lead customer_impact detected_by cost_usd resolved_on" {
		t.Errorf("fields in the order written: %v", names)
	}
}

func fieldNames(cf CustomFields) []string {
	var out []string
	for _, f := range cf {
		out = append(out, f.Name)
	}
	return out
}

// The schema of a repository holds its custom fields, each required from
// its status; with none it is the contract's schema, byte for byte.
func TestSchemaFor(t *testing.T) {
	if string(SchemaFor(&Config{})) != string(forEditors(Schema)) || string(SchemaFor(nil)) != string(forEditors(Schema)) {
		t.Error("SchemaFor with no custom field is not Schema")
	}
	cfg, fs := loadConfigString(t, customConfig)
	if len(fs) > 0 {
		t.Fatal(lines(fs))
	}
	var s struct {
		Required   []string                  `json:"required"`
		Properties map[string]map[string]any `json:"properties"`
		AllOf      []struct {
			Then struct {
				Required []string `json:"required"`
			} `json:"then"`
		} `json:"allOf"`
	}
	if err := json.Unmarshal(SchemaFor(&cfg), &s); err != nil {
		t.Fatal(err)
	}
	if got := s.Properties["incident_id"]["pattern"]; got != "^INC-[0-9]+$" {
		t.Errorf("incident_id's pattern = %v", got)
	}
	if got := s.Properties["ticket"]["format"]; got != "uri" {
		t.Errorf("ticket's format = %v", got)
	}
	if got := s.AllOf[0].Then.Required; got[len(got)-1] != "incident_id" {
		t.Errorf("required from ready: %v", got)
	}
	if got := s.AllOf[1].Then.Required; got[len(got)-1] != "customer_impact" {
		t.Errorf("required from final: %v", got)
	}
	if len(s.Required) != 6 {
		t.Errorf("required from draft: %v", s.Required)
	}
}

func loadRepo(t *testing.T, files map[string]string) *Repo {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	repo, err := Load(fsys, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return repo
}

func loadConfigString(t *testing.T, src string) (Config, []Finding) {
	t.Helper()
	return LoadConfig(fstest.MapFS{ConfigFile: {Data: []byte(src)}})
}

// 'fupan new' lists the custom fields, empty, each with what it wants; the
// draft it writes is checked like any other.
func TestTemplateCustomFields(t *testing.T) {
	cfg, fs := loadConfigString(t, customConfig)
	if len(fs) > 0 {
		t.Fatal(lines(fs))
	}
	tmpl, err := Template(NewReview{Title: "Checkout latency", Date: "2026-11-20", Fields: cfg.Fields})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\nincident_id:               # The incident's id in the paging tool, e.g. INC-123. (ready)\n",
		"\ndetected_by: []            # a list of strings\n",
		"\ncustomer_impact:           # one of none, minor, major (final)\n",
	} {
		if !strings.Contains(string(tmpl), want) {
			t.Errorf("the template lacks %q:\n%s", want, tmpl)
		}
	}
	repo := loadRepo(t, map[string]string{"fupan.yaml": customConfig, "reviews/2026-11-20-checkout-latency.md": string(tmpl)})
	for _, f := range repo.Findings {
		if !strings.HasPrefix(f.Message, "missing severity") && !strings.HasPrefix(f.Message, "missing services") && !strings.HasPrefix(f.Message, "missing summary") {
			t.Errorf("finding on the new draft: %v", &f)
		}
	}
}

// A publish profile omits a custom field by its name, and redacts the
// values of the others like any text.
func TestPublishCustomFields(t *testing.T) {
	config := customConfig + "publish:\n  public: {omit: [ticket], redact: ['INC-[0-9]+']}\n  wrong: {omit: [tiket]}\n"
	repo := loadRepo(t, map[string]string{"fupan.yaml": config, validName: edit(t, withCustom...)})
	if got := lines(repo.Findings); len(got) != 1 || !strings.Contains(got[0], `publish.wrong.omit: unknown field "tiket": did you mean "ticket"?`) {
		t.Fatalf("findings: %v", got)
	}
	p, err := repo.Config.Profile("public")
	if err != nil {
		t.Fatal(err)
	}
	pub := p.Apply(repo)
	got := pub.Reviews[0].Custom
	want := []CustomValue{
		{Name: "customer_impact", Value: "major", Values: []string{"major"}},
		{Name: "incident_id", Value: "[redacted]", Values: []string{"[redacted]"}},
		{Name: "lead", Value: "Wang Lei", Values: []string{"Wang Lei"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("published Custom (-want +got):\n%s", diff)
	}
	if repo.Reviews[0].Custom[1].Value != "INC-123" {
		t.Errorf("Apply changed the repository's review: %v", repo.Reviews[0].Custom)
	}
}

// The schema committed for editors is checked against the repository's:
// declaring a field without writing it again is a warning.
func TestSchemaFileUpToDate(t *testing.T) {
	current := string(SchemaFor(nil))
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"none", map[string]string{}, nil},
		{"current", map[string]string{SchemaPath: current}, nil},
		{"current, reformatted", map[string]string{SchemaPath: strings.ReplaceAll(current, "\n", "\n ")}, nil},
		{"with the custom fields", map[string]string{"fupan.yaml": customConfig, SchemaPath: string(SchemaFor(func() *Config { c, _ := loadConfigString(t, customConfig); return &c }()))}, nil},
		{"a field declared since", map[string]string{"fupan.yaml": customConfig, SchemaPath: current}, []string{
			"schema/review.schema.json:1:1: warning: schema/review.schema.json is not the schema of this repository (the fields of fupan.yaml, or fupan, changed since it was written), so editors check reviews against an old one: write it again with 'fupan schema > schema/review.schema.json'",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{validName: edit(t, withCustom...)}
			if tc.files["fupan.yaml"] == "" {
				files[validName] = validReview(t)
			}
			for k, v := range tc.files {
				files[k] = v
			}
			if diff := cmp.Diff(tc.want, lines(loadRepo(t, files).Findings)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}
