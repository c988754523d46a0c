package review

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

const publicProfile = `publish:
  public:
    statuses: [final]
    omit: [config, reproduction, failure.dependency, first_look]
    redact: ['[a-z0-9.-]+\.internal', '10\.[0-9.]+']
`

func TestPublishConfig(t *testing.T) {
	runFindingCases(t, []findingCase{
		{name: "a valid profile", extra: map[string]string{"fupan.yaml": publicProfile}},
		{
			name: "bad settings, each at its line and column",
			extra: map[string]string{"fupan.yaml": `publish:
  public:
    statuses: [finl, ready]
    omit: [config, failure.dependncy, 'actions[].owner', title]
    redact: ['10\.[0-9.+', 'x*', ok]
  Public Site: {}
`},
			want: []string{
				"fupan.yaml:3:16: error: publish.public.statuses: \"finl\" is not a status: use draft, ready or final: did you mean \"final\"?",
				"fupan.yaml:4:20: error: publish.public.omit: unknown field \"failure.dependncy\": did you mean \"failure.dependency\"?",
				"fupan.yaml:4:58: error: publish.public.omit: unknown field \"title\": a field is named as in the front matter (config, failure.dependency, actions.owner) or body; title, date, status and severity stay",
				"fupan.yaml:5:14: error: publish.public.redact: \"10\\\\.[0-9.+\" is not a regular expression fupan can use: missing closing ]: `[0-9.+`",
				"fupan.yaml:5:28: error: publish.public.redact: \"x*\" is not a regular expression fupan can use: it matches the empty string, so it would redact between every two characters: make it match at least one",
				"fupan.yaml:6:16: error: publish profile name \"Public Site\": use lowercase letters, digits and - or _, as in --profile public",
			},
		},
		{
			name:  "publish: private is a field; another value is not",
			edits: []string{"related: []", "related: []\npublish: secret"},
			want:  []string{f + "52:10: error: publish is \"secret\", want one of public, private"},
		},
	})
}

func TestProfileByName(t *testing.T) {
	cfg, findings := LoadConfig(fstest.MapFS{"fupan.yaml": {Data: []byte(publicProfile + "  partners: {}\n")}})
	if len(findings) > 0 {
		t.Fatal(findings)
	}
	if p, err := cfg.Profile("public"); err != nil || p.Name != "public" {
		t.Errorf("Profile(public) = %v, %v", p, err)
	}
	for name, want := range map[string]string{
		"pubilc":   `no publish profile "pubilc" in fupan.yaml: did you mean "public"?`,
		"internal": `no publish profile "internal" in fupan.yaml: the profiles are partners, public`,
	} {
		if _, err := cfg.Profile(name); err == nil || err.Error() != want {
			t.Errorf("Profile(%q) = %v, want %s", name, err, want)
		}
	}
	var none Config
	if _, err := none.Profile("public"); err == nil || !strings.Contains(err.Error(), "declares none") {
		t.Errorf("Profile with no publish = %v", err)
	}
}

func TestProfileApply(t *testing.T) {
	text := edit(t,
		"  dependency: redis://prod-cache:6379", "  dependency: redis://prod-cache.corp.internal:6379",
		"  For 32 minutes 12%", "  From 10.1.2.3, for 32 minutes 12%",
		"- 05:09 first 500", "- 05:09 first 500 on cache-1.corp.internal",
		"related: []", "related: [2026-02-17-other, 2026-02-18-private]\ncontributing_factors: [no retry on vault.corp.internal]",
	)
	other := strings.Replace(draft("2026-02-17"), "status: draft", "status: final", 1)
	files := map[string]string{
		validName:                        text,
		"reviews/2026-02-17-other.md":    other,
		"reviews/2026-02-18-private.md":  strings.Replace(draft("2026-02-18"), "status: draft", "status: final\npublish: private", 1),
		"reviews/2026-02-19-a-draft.md":  draft("2026-02-19"),
		"reviews/2026-02-20-10.1.2.3.md": strings.Replace(draft("2026-02-20"), "status: draft", "status: final", 1),
		"fupan.yaml":                     publicProfile + "title: Reviews of shop.internal\n",
	}
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	repo, err := Load(fsys, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	p, err := repo.Config.Profile("public")
	if err != nil {
		t.Fatal(err)
	}
	pub := p.Apply(repo)
	var ids []string
	for _, r := range pub.Reviews {
		ids = append(ids, r.ID)
	}
	if diff := cmp.Diff([]string{"2026-02-16-order-api-profile-cache", "2026-02-17-other", "2026-02-20-redacted"}, ids); diff != "" {
		t.Errorf("published (-want +got):\n%s", diff)
	}
	r := pub.Reviews[0]
	if r.Config != nil || r.Reproduction != "" || r.Failure.Dependency != "" || r.FirstLook != (FirstLook{}) {
		t.Errorf("omitted fields are there: %q %q %q %v", r.Config, r.Reproduction, r.Failure.Dependency, r.FirstLook)
	}
	if diff := cmp.Diff([]string{"2026-02-17-other"}, r.Related); diff != "" {
		t.Errorf("related (-want +got):\n%s", diff)
	}
	for _, s := range []string{r.Summary, r.Body, r.ContributingFactors[0], pub.Config.Title} {
		if strings.Contains(s, ".internal") || strings.Contains(s, "10.1.2.3") || !strings.Contains(s, Redacted) {
			t.Errorf("not redacted: %q", s)
		}
	}
	if got := pub.Reviews[2].Path; got != "reviews/2026-02-20-redacted.md" {
		t.Errorf("path %q", got)
	}
	if r.Parsed == nil || len(r.Exceptions()) == 0 {
		t.Error("the traceback is not parsed again")
	}
	// The repository itself is as it was.
	if repo.Reviews[0].Config == nil || !strings.Contains(repo.Reviews[0].Summary, "10.1.2.3") || len(repo.Reviews[0].Related) != 2 {
		t.Error("Apply changed the repository")
	}
}

// Every field of the front matter can be omitted, but those every page
// shows; and texts covers every text of a review, so that no field added
// later escapes the redaction.
func TestProfileCoversEveryField(t *testing.T) {
	var want []string
	for p := range fields() {
		p = strings.ReplaceAll(p, "[]", "")
		if p == "" || slices.Contains([]string{"title", "date", "status", "severity", "publish"}, p) || slices.Contains(want, p) {
			continue
		}
		want = append(want, p)
	}
	want = append(want, "body")
	slices.Sort(want)
	var got []string
	for k := range omitters {
		got = append(got, k)
	}
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("omitters (-want +got):\n%s", diff)
	}

	// Fill every string of a review with a mark of its own.
	r := &Review{EdgeInputs: &EdgeInputs{}, Actions: make([]Action, 1), Verification: Verification{Watch: make([]Watch, 1)}}
	n := 0
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			n++
			v.SetString("mark" + strings.Repeat("x", n))
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() && v.Type().Field(i).Type.String() != "review.Time" {
					fill(v.Field(i))
				}
			}
		case reflect.Slice:
			if v.Len() == 0 && v.Type().Elem().Kind() == reflect.String {
				v.Set(reflect.MakeSlice(v.Type(), 1, 1))
			}
			for i := range v.Len() {
				fill(v.Index(i))
			}
		case reflect.Pointer:
			if !v.IsNil() {
				fill(v.Elem())
			}
		}
	}
	fill(reflect.ValueOf(r).Elem())
	covered := map[string]bool{}
	for _, s := range r.texts() {
		covered[*s] = true
	}
	// The id, path, date, related and the enumerations are not texts.
	skip := map[string]bool{r.ID: true, r.Path: true, r.Date: true, r.Related[0]: true, string(r.Status): true,
		r.Publish: true, r.Verification.Watch[0].Expect: true, r.Actions[0].Status: true}
	var missed []string
	var check func(v reflect.Value, name string)
	check = func(v reflect.Value, name string) {
		switch v.Kind() {
		case reflect.String:
			if !covered[v.String()] && !skip[v.String()] {
				missed = append(missed, name)
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if f := v.Type().Field(i); f.IsExported() {
					check(v.Field(i), name+"."+f.Name)
				}
			}
		case reflect.Slice:
			for i := range v.Len() {
				check(v.Index(i), name+"[]")
			}
		case reflect.Pointer:
			if !v.IsNil() {
				check(v.Elem(), name)
			}
		}
	}
	check(reflect.ValueOf(r).Elem(), "Review")
	if len(missed) > 0 {
		t.Errorf("texts misses %s", strings.Join(missed, ", "))
	}
}
