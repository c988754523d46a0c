package highlight

import (
	"regexp"
	"strings"
	"testing"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		name, code, lang string
		want             string // the whole block
	}{
		{
			name: "plain text has no spans",
			code: "a < b & \"c\"\n",
			lang: "no-such-language",
			want: `<pre class="chroma"><code>a &lt; b &amp; "c"` + "\n</code></pre>",
		},
		{
			name: "a traceback",
			code: "Traceback (most recent call last):\n  File \"a.py\", line 1, in f\nKeyError: 'x'\n",
			lang: "traceback",
			want: `<pre class="chroma"><code><span class="gh">Traceback (most recent call last):</span>` + "\n" +
				`  File <span class="s">"a.py"</span>, line <span class="m">1</span>, in <span class="nf">f</span>` + "\n" +
				`<span class="gr">KeyError</span><span class="p">: </span>'x'` + "\n</code></pre>",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := HTML(tt.code, tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(h); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestFormatSpans checks the spans of a longer block: no span is left open
// across a line, none is empty, two neighbours never share a class, and
// every class has a rule in CSS.
func TestFormatSpans(t *testing.T) {
	code := "def f(x):\n    \"\"\"A docstring\n    on two lines.\"\"\"\n    return x + 1  # one more\n"
	h, err := HTML(code, "python")
	if err != nil {
		t.Fatal(err)
	}
	var css strings.Builder
	if err := CSS(&css); err != nil {
		t.Fatal(err)
	}
	span := regexp.MustCompile(`<span class="([^"]+)">([^<]*)</span>`)
	prevEnd, prevClass := -1, ""
	for _, m := range span.FindAllStringSubmatchIndex(string(h), -1) {
		cls, text := string(h)[m[2]:m[3]], string(h)[m[4]:m[5]]
		if text == "" || strings.Contains(text, "\n") {
			t.Errorf("span %q holds %q", cls, text)
		}
		if m[0] == prevEnd && cls == prevClass {
			t.Errorf("two neighbouring spans of class %q", cls)
		}
		if !strings.Contains(css.String(), ".chroma ."+cls+" ") {
			t.Errorf("class %q has no rule in CSS", cls)
		}
		prevEnd, prevClass = m[1], cls
	}
	if n := strings.Count(string(h), "<span"); n != strings.Count(string(h), "</span>") || n == 0 {
		t.Errorf("%d spans opened, %d closed", n, strings.Count(string(h), "</span>"))
	}
	// The text is the code, escaped.
	if got := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(h), ""); got != code {
		t.Errorf("text\n%q\nwant\n%q", got, code)
	}
}
