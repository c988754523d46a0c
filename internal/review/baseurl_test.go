package review

import "testing"

func TestCheckBaseURL(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string // the error; "" for a good base URL
	}{
		{"https://acme.github.io/reviews/", ""},
		{"https://acme.github.io/reviews", ""},
		{"https://acme.github.io", ""},
		{"http://intranet.example:8080/ops/reviews/", ""},
		{"https://acme.github.io/rev%20iews/", ""},
		{"https://例え.jp/复盘/", ""},

		{"https://acme.github.io//evil.example/", `its path "//evil.example/" has an empty segment (//), which a browser reads as the start of another host: write https://acme.github.io/evil.example/`},
		{"https://acme.github.io/reviews//", `its path "/reviews//" has an empty segment (//), which a browser reads as the start of another host: write https://acme.github.io/reviews/`},
		{"https://acme.github.io/%2fevil.example/", "its path holds an encoded slash or backslash (%2f, %5c), which a browser may read as the start of another host: remove it"},
		{"https://acme.github.io/%2Fevil.example/", "its path holds an encoded slash or backslash (%2f, %5c), which a browser may read as the start of another host: remove it"},
		{"https://acme.github.io/%5Cevil.example/", "its path holds an encoded slash or backslash (%2f, %5c), which a browser may read as the start of another host: remove it"},
		{"https://acme.github.io/%252fevil.example/", "its path holds an encoded slash or backslash (%2f, %5c), which a browser may read as the start of another host: remove it"},
		{`https://acme.github.io/\evil.example/`, `it holds a backslash, which a browser reads as '/' (and '/\host' as another host): write '/' or remove it`},
		{`https://acme.github.io\@evil.example/`, `it holds a backslash, which a browser reads as '/' (and '/\host' as another host): write '/' or remove it`},
		{"https://acme.github.io/a/../b/", `its path "/a/../b/" has a . or .. segment: write https://acme.github.io/b/`},
		{"https://acme.github.io/%2e%2e/", `its path "/../" has a . or .. segment: write https://acme.github.io/`},
		{"https://acme.github.io/./reviews/", `its path "/./reviews/" has a . or .. segment: write https://acme.github.io/reviews/`},
		{"https://evil.example@acme.github.io/", "it holds a user name or password: remove them, a published site is read without"},
		{"https://acme.github.io/reviews/?x=1", "it holds a query (?…): remove it, the base URL is a folder"},
		{"https://acme.github.io/reviews/?", "it holds a query (?…): remove it, the base URL is a folder"},
		{"https://acme.github.io/reviews/#top", "it holds a fragment (#…): remove it, the base URL is a folder"},
		{"https://acme.github.io/reviews/#", "it holds a fragment (#…): remove it, the base URL is a folder"},
		{"//acme.github.io/reviews/", "not an absolute URL: want an http or https address such as https://acme.github.io/reviews/"},
		{"/reviews/", "not an absolute URL: want an http or https address such as https://acme.github.io/reviews/"},
		{"javascript:alert(1)", `scheme "javascript": want an http or https address such as https://acme.github.io/reviews/`},
		{"https:acme.github.io", "no host: want an http or https address such as https://acme.github.io/reviews/"},
		{"https:///reviews/", "no host: want an http or https address such as https://acme.github.io/reviews/"},
		{"https://:443/", "no host: want an http or https address such as https://acme.github.io/reviews/"},
		{"https://acme.github.io/%zz/", `not a URL (invalid URL escape "%zz"): want an http or https address such as https://acme.github.io/reviews/`},
	} {
		got := ""
		if err := CheckBaseURL(tt.in); err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("CheckBaseURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A bad base_url in fupan.yaml is a finding at its value.
func TestBaseURLFinding(t *testing.T) {
	runFindingCases(t, []findingCase{
		{
			name:  "a path that starts another host",
			extra: map[string]string{"fupan.yaml": "title: Reviews\nbase_url: https://acme.github.io//evil.example/\n"},
			want:  []string{`fupan.yaml:2:11: error: base_url "https://acme.github.io//evil.example/": its path "//evil.example/" has an empty segment (//), which a browser reads as the start of another host: write https://acme.github.io/evil.example/`},
		},
		{
			name:  "an encoded slash, in a flow mapping",
			extra: map[string]string{"fupan.yaml": "{title: Reviews, base_url: 'https://acme.github.io/%2fevil.example/'}\n"},
			want:  []string{`fupan.yaml:1:28: error: base_url "https://acme.github.io/%2fevil.example/": its path holds an encoded slash or backslash (%2f, %5c), which a browser may read as the start of another host: remove it`},
		},
		{
			name:  "a good base_url",
			extra: map[string]string{"fupan.yaml": "base_url: https://acme.github.io/reviews/\n"},
		},
	})
}
