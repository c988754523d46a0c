package highlight

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// tokens returns the non-blank tokens of text as "Type:value".
func tokens(t *testing.T, text string) []string {
	t.Helper()
	it, err := Traceback.Tokenise(nil, text)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, tok := range it.Tokens() {
		if strings.TrimSpace(tok.Value) == "" || tok.Type == chroma.Text {
			continue
		}
		out = append(out, tok.Type.String()+":"+strings.TrimSpace(tok.Value))
	}
	return out
}

func TestTraceback(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // tokens that must appear, in order
	}{
		{
			name: "python",
			text: "Traceback (most recent call last):\n  File \"/app/cache.py\", line 42, in get_user_profile\n    raw = client.get(key)\nredis.exceptions.ConnectionError: Timeout connecting to server\n",
			want: []string{
				"GenericHeading:Traceback (most recent call last):",
				`LiteralString:"/app/cache.py"`,
				"LiteralNumber:42",
				"NameFunction:get_user_profile",
				"GenericError:redis.exceptions.ConnectionError",
			},
		},
		{
			name: "python chained",
			text: "Traceback (most recent call last):\n  File \"a.py\", line 1, in <module>\nKeyError: 'x'\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File \"a.py\", line 3, in <module>\nValueError\n",
			want: []string{"GenericError:KeyError", "GenericSubheading:During handling of the above exception, another exception occurred:", "GenericError:ValueError"},
		},
		{
			name: "java",
			text: "Exception in thread \"main\" java.net.SocketTimeoutException: Read timed out\n\tat java.net.SocketInputStream.socketRead0(Native Method)\n\tat com.acme.Foo.bar(Foo.java:12)\nCaused by: java.io.IOException: boom\n\t... 3 more\n",
			want: []string{
				"GenericError:java.net.SocketTimeoutException",
				"NameFunction:java.net.SocketInputStream.socketRead0",
				"LiteralString:Foo.java:12",
				"GenericSubheading:Caused by:",
				"GenericError:java.io.IOException",
				"Comment:... 3 more",
			},
		},
		{
			name: "go",
			text: "panic: runtime error: invalid memory address or nil pointer dereference [recovered]\n\ngoroutine 1 [running]:\nmain.(*Server).handle(0xc000010000)\n\t/app/server.go:42 +0x1d\n",
			want: []string{
				"GenericSubheading:panic:",
				"GenericError:runtime error: invalid memory address or nil pointer dereference [recovered]",
				"GenericHeading:goroutine 1 [running]:",
				"NameFunction:main.(*Server).handle",
				"LiteralString:/app/server.go",
				"LiteralNumber:42",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tokens(t, tt.text)
			i := 0
			for _, tok := range got {
				if i < len(tt.want) && tok == tt.want[i] {
					i++
				}
			}
			if i < len(tt.want) {
				t.Errorf("missing %q in order; got\n%s", tt.want[i], strings.Join(got, "\n"))
			}
		})
	}
}

func TestHTMLEscapes(t *testing.T) {
	h, err := HTML("Traceback (most recent call last):\n  File \"<script>alert(1)</script>\", line 1, in <module>\nValueError: <img src=x onerror=alert(1)>\n", "traceback")
	if err != nil {
		t.Fatal(err)
	}
	if s := string(h); strings.Contains(s, "<script>") || strings.Contains(s, "<img") {
		t.Errorf("unescaped HTML in %s", s)
	}
}

func TestHTMLUnknownLanguage(t *testing.T) {
	h, err := HTML("a < b", "no-such-language")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(h), "a &lt; b") {
		t.Errorf("got %s", h)
	}
}

func FuzzTraceback(f *testing.F) {
	f.Add("Traceback (most recent call last):\n  File \"a.py\", line 1, in f\nKeyError: 1\n")
	f.Add("panic: x\n\ngoroutine 1 [running]:\n")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // reviews are checked to be UTF-8 before they are shown
		}
		it, err := Traceback.Tokenise(nil, s)
		if err != nil {
			return
		}
		var b strings.Builder
		for _, tok := range it.Tokens() {
			b.WriteString(tok.Value)
		}
		// chroma makes line endings LF and ends the text with one.
		want := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
		if !strings.HasSuffix(want, "\n") {
			want += "\n"
		}
		if got := b.String(); got != want && got+"\n" != want {
			t.Errorf("tokens do not add up to the input:\n%q\n%q", got, want)
		}
	})
}
