package review

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestLookup(t *testing.T) {
	draft := "---\ntitle: X\ndate: 2026-01-02\nstatus: draft\nseverity: SEV3\nservices: [a]\nsummary: 3 failed.\n---\n"
	fsys := fstest.MapFS{
		"reviews/2026-01-02-order-api-timeout.md":        {Data: []byte(draft)},
		"reviews/2025/2025-05-01-billing-cache-stale.md": {Data: []byte(draft)},
		"reviews/2026-01-02-order-api-timeouts.md":       {Data: []byte(draft)},
		"reviews/.2026-01-03-hidden.md":                  {Data: []byte(draft)},
	}
	tests := []struct {
		name, id, want string
		meant          string // the suggestion of the error, when want is ""
	}{
		{"id", "2026-01-02-order-api-timeout", "reviews/2026-01-02-order-api-timeout.md", ""},
		{"in a folder", "2025-05-01-billing-cache-stale", "reviews/2025/2025-05-01-billing-cache-stale.md", ""},
		{"file name", "2025-05-01-billing-cache-stale.md", "reviews/2025/2025-05-01-billing-cache-stale.md", ""},
		{"path", "reviews/2026-01-02-order-api-timeout.md", "reviews/2026-01-02-order-api-timeout.md", ""},
		{"typo", "2025-05-01-biling-cache-stale", "", "2025-05-01-billing-cache-stale"},
		{"without the date", "billing-cache-stale", "", "2025-05-01-billing-cache-stale"},
		// Two ids are as close: neither is suggested.
		{"tie", "2026-01-02-order-api-timeoutz", "", ""},
		{"far", "kafka", "", ""},
		{"hidden file", "2026-01-03-hidden", "", ""},
		{"empty", "", "", ""},
		{"dot dot", "../../etc/passwd", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Lookup(fsys, tt.id)
			if tt.want != "" {
				if err != nil || got != tt.want {
					t.Fatalf("Lookup(%q) = %q, %v; want %q", tt.id, got, err, tt.want)
				}
				return
			}
			u, ok := errors.AsType[*UnknownIDError](err)
			if !ok {
				t.Fatalf("Lookup(%q) = %q, %v; want an *UnknownIDError", tt.id, got, err)
			}
			if u.ID != tt.id || u.DidYouMean != tt.meant {
				t.Errorf("Lookup(%q): error %+v, want the suggestion %q", tt.id, u, tt.meant)
			}
			if tt.meant != "" && !strings.Contains(err.Error(), `did you mean "`+tt.meant+`"?`) {
				t.Errorf("error %q does not suggest %q", err, tt.meant)
			}
		})
	}
}

func TestReadID(t *testing.T) {
	fsys := fstest.MapFS{
		validName:                      {Data: []byte(validReview(t))},
		"reviews/2026-01-05-broken.md": {Data: []byte("---\ntitle: [unclosed\n---\n")},
	}
	r, _, err := ReadID(fsys, "2026-02-16-order-api-profile-cache", nil, now)
	if err != nil || r.Title == "" {
		t.Fatalf("ReadID: %v, %+v", err, r)
	}
	_, _, err = ReadID(fsys, "2026-01-05-broken", nil, now)
	if err == nil || !strings.HasPrefix(err.Error(), "reviews/2026-01-05-broken.md:3:1: YAML syntax error") {
		t.Errorf("ReadID of a review that does not decode: %v, want the position of what is wrong", err)
	}
	if _, ok := errors.AsType[*Finding](err); !ok {
		t.Errorf("error %v does not wrap the finding", err)
	}
}

func TestFull(t *testing.T) {
	fsys := fstest.MapFS{validName: {Data: []byte(validReview(t))}}
	r, _, err := ReadID(fsys, "2026-02-16-order-api-profile-cache", nil, now)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(r.Full(PageURL("https://acme.github.io/reviews", r.ID)))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if got["url"] != "https://acme.github.io/reviews/reviews/2026-02-16-order-api-profile-cache/" {
		t.Errorf("url = %v", got["url"])
	}
	if got["body"] != r.Body || r.Body == "" {
		t.Errorf("body = %.40q, want the review's body %.40q", got["body"], r.Body)
	}
	// The public shape's keys, and body besides.
	pub, _ := json.Marshal(r.Public())
	var want map[string]any
	json.Unmarshal(pub, &want)
	for k := range want {
		if _, ok := got[k]; !ok {
			t.Errorf("Full lacks %q of Public", k)
		}
	}
	if len(got) != len(want)+2 { // url and body
		t.Errorf("Full has %d keys, Public %d: want url and body more", len(got), len(want))
	}
}

func TestPageURL(t *testing.T) {
	for _, tt := range []struct{ base, want string }{
		{"", ""},
		{"https://acme.github.io/reviews/", "https://acme.github.io/reviews/reviews/x/"},
		{"https://acme.github.io/reviews", "https://acme.github.io/reviews/reviews/x/"},
		{"https://reviews.acme.dev", "https://reviews.acme.dev/reviews/x/"},
		{"javascript:alert(1)", ""},
		{"https://acme.github.io//evil.example/", ""},
	} {
		if got := PageURL(tt.base, "x"); got != tt.want {
			t.Errorf("PageURL(%q) = %q, want %q", tt.base, got, tt.want)
		}
	}
}

func TestOverdue(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		a    Action
		want bool
	}{
		{Action{Status: "open", Due: "2026-03-01"}, true},
		{Action{Status: "open", Due: "2026-03-02"}, false}, // due today
		{Action{Status: "open", Due: "2026-04-01"}, false},
		{Action{Status: "open"}, false},
		{Action{Status: "done", Due: "2026-01-01"}, false},
		{Action{Status: "open", Due: "2026-02-30"}, false}, // no such day: check says so
	} {
		if got := tt.a.Overdue(now); got != tt.want {
			t.Errorf("%+v.Overdue = %v, want %v", tt.a, got, tt.want)
		}
	}
}
