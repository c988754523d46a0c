package review

import (
	"strings"
	"testing"
)

// CheckTitle says of a title what check says of it in a review; a title
// it accepts goes through the template of 'fupan new' and comes back out
// of check unchanged, with no finding on it.
func TestCheckTitle(t *testing.T) {
	for _, tt := range []struct {
		name, title, want string
	}{
		{"plain", "Order API 500s while the cache timed out", ""},
		{"120 characters", strings.Repeat("x", 120), ""},
		{"120 Chinese characters", strings.Repeat("超", 120), ""},
		{"YAML's special characters", `a: b # c [d] {e} &f *g !h |i >j 'k' "l" %m @n ` + "`o`", ""},
		{"what YAML would read as another type", "2026-02-16", ""},
		{"null", "null", ""},
		{"a backslash and a tab", "C:\\temp\tfull", ""},
		{"a fence", "---", ""},
		{"121 characters", strings.Repeat("x", 121), "title is 121 characters long, at most 120: shorten it"},
		{"121 Chinese characters", strings.Repeat("超", 121), "title is 121 characters long, at most 120: shorten it"},
		{"empty", "", "title is empty: what happened, in one line of at most 120 characters"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if err := CheckTitle(tt.title); err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Fatalf("CheckTitle(%q) = %q, want %q", tt.title, got, tt.want)
			}
			if got != "" {
				return
			}
			text, err := Template(NewReview{Title: tt.title, Date: "2026-02-16"})
			if err != nil {
				t.Fatal(err)
			}
			r, _, findings := parseFile("reviews/2026-02-16-x.md", text, &Config{})
			findings = dueFindings(findings, now)
			for _, f := range findings {
				if f.Field == "title" {
					t.Errorf("check on the template: %v", &f)
				}
			}
			if r.Title != tt.title {
				t.Errorf("the template's title reads back as %q, want %q", r.Title, tt.title)
			}
		})
	}
}
