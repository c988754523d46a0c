package site

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/history"
	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/reviews"
	"github.com/fupan/fupan/theme"
)

// TestReviewsJSONSchema validates the built reviews.json against the
// schema published beside it, for the example reviews (every status, with
// and without history) and for generated ones.
func TestReviewsJSONSchema(t *testing.T) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(reviewsSchema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("reviews.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("reviews.schema.json")
	if err != nil {
		t.Fatal(err)
	}

	examples := load(t, reviews.FS())
	hist := map[string]*history.File{}
	for i, rv := range examples.Reviews {
		if i%2 == 0 { // half with history, half without
			who := history.Person{Name: "Alice", Email: "alice@example.com"}
			when := time.Date(2025, 3, 20, 9, 0, 0, 0, time.FixedZone("", 8*3600))
			hist[rv.Path] = &history.File{Path: rv.Path, First: history.Change{Hash: "abc", When: when, Author: who},
				Last: history.Change{Hash: "def", When: when.Add(time.Hour), Author: who}, Contributors: []history.Person{who}, Commits: 2}
		}
	}
	for _, tc := range []struct {
		name string
		repo *review.Repo
		opt  Options
	}{
		{"examples", examples, Options{History: hist}},
		{"generated", load(t, gen.MapFS(gen.Options{N: 60, Seed: 5})), Options{}},
		{"custom fields", load(t, withCustomFields(t)), Options{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.Theme = theme.FS()
			files, err := Build(tc.repo, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(files["reviews.schema.json"], reviewsSchema) {
				t.Error("reviews.schema.json is not published beside reviews.json")
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(files["reviews.json"]))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); err != nil {
				t.Fatalf("reviews.json does not match its schema: %v", err)
			}

			// The values are the front matter's, under its own keys.
			var got struct {
				Version int
				Reviews []map[string]any
			}
			if err := json.Unmarshal(files["reviews.json"], &got); err != nil {
				t.Fatal(err)
			}
			if got.Version != review.PublicVersion {
				t.Errorf("version = %d, want %d", got.Version, review.PublicVersion)
			}
			byID := map[string]*review.Review{}
			for _, rv := range tc.repo.Reviews {
				byID[rv.ID] = rv
			}
			if len(got.Reviews) != len(byID) {
				t.Fatalf("%d reviews in reviews.json, want %d", len(got.Reviews), len(byID))
			}
			withCustom := 0
			for _, j := range got.Reviews {
				if j["custom"] != nil {
					withCustom++
				}
			}
			if want := map[bool]int{true: 1}[tc.name == "custom fields"]; withCustom != want {
				t.Errorf("%d reviews with custom values in reviews.json, want %d", withCustom, want)
			}
			for _, j := range got.Reviews {
				rv := byID[j["id"].(string)]
				if rv == nil {
					t.Fatalf("unknown id %v", j["id"])
				}
				if j["title"] != rv.Title || j["status"] != string(rv.Status) || j["path"] != rv.Path || j["url"] != "reviews/"+rv.ID+"/" {
					t.Errorf("%s: id, path, url, title or status differ: %v", rv.ID, j)
				}
				if rv.WhyNotCaught != "" && j["why_not_caught"] != rv.WhyNotCaught {
					t.Errorf("%s: why_not_caught = %v, want %q", rv.ID, j["why_not_caught"], rv.WhyNotCaught)
				}
				if !rv.Window.Start.IsZero() {
					w := j["window"].(map[string]any)
					if w["start"] != rv.Window.Start.Format(time.RFC3339Nano) {
						t.Errorf("%s: window.start = %v, want the time as written", rv.ID, w["start"])
					}
				} else if w, ok := j["window"].(map[string]any); ok && w["start"] != nil {
					t.Errorf("%s: window.start = %v for a review without one", rv.ID, w["start"])
				}
				if d := cmp.Diff(customOf(rv), j["custom"]); d != "" {
					t.Errorf("%s: custom (-front matter +reviews.json):\n%s", rv.ID, d)
				}
				if _, ok := j["history"]; ok != (tc.opt.History[rv.Path] != nil) {
					t.Errorf("%s: history present = %v, want %v", rv.ID, ok, !ok)
				}
			}
		})
	}
}

// withCustomFields is the example reviews with three fields of the team's
// own declared, and given in the oldest review: a string, a list and a
// number.
func withCustomFields(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := reviews.FS().(fstest.MapFS)
	fsys["fupan.yaml"] = &fstest.MapFile{Data: []byte("fields:\n  incident_id: {type: string, pattern: \"^INC-[0-9]+$\"}\n  teams: list\n  customers: integer\n")}
	var oldest string
	for p := range fsys {
		if strings.HasSuffix(p, ".md") && (oldest == "" || p < oldest) {
			oldest = p
		}
	}
	data := string(fsys[oldest].Data)
	if !strings.HasPrefix(data, "---\n") {
		t.Fatalf("%s does not start with front matter", oldest)
	}
	data = "---\nincident_id: INC-4411\nteams: [team-platform, team-checkout]\ncustomers: 312\n" + data[len("---\n"):]
	fsys[oldest] = &fstest.MapFile{Data: []byte(data), Mode: 0o644}
	return fsys
}

// customOf is what reviews.json should hold under "custom" for rv, as
// encoding/json reads it back.
func customOf(rv *review.Review) any {
	if len(rv.Custom) == 0 {
		return nil
	}
	m := map[string]any{}
	for _, cv := range rv.Custom {
		if cv.List {
			var items []any
			for _, v := range cv.Values {
				items = append(items, v)
			}
			m[cv.Name] = items
		} else {
			m[cv.Name] = cv.Value
		}
	}
	return m
}
