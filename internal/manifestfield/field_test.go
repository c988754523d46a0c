package manifestfield

import "testing"

func TestRoundTrip(t *testing.T) {
	for _, s := range []string{"", "reviews/a.md", "a\tb.md", "line\nbreak", "\"quoted\".md", `back\slash`, "故障.md", "a\rb"} {
		q := Quote(s)
		for _, c := range q {
			if c == '\t' || c == '\n' || c == '\r' {
				t.Errorf("Quote(%q) = %q holds a separator", s, q)
			}
		}
		got, err := Unquote(q)
		if err != nil || got != s {
			t.Errorf("Unquote(Quote(%q)) = %q, %v", s, got, err)
		}
	}
	if _, err := Unquote(`"unclosed`); err == nil {
		t.Error(`Unquote("unclosed) gave no error`)
	}
}
