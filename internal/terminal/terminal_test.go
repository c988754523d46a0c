package terminal

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Order API 500s while the cache timed out", "Order API 500s while the cache timed out"},
		{"chinese and emoji kept", "证书过期 🔥 👩‍💻 café", "证书过期 🔥 👩‍💻 café"},
		{"backslash kept", `C:\app\x1b`, `C:\app\x1b`},
		{"replacement character kept", "a\uFFFDb", "a\uFFFDb"},
		{"clear screen", "\x1b[2J\x1b[Htitle", `\x1b[2J\x1b[Htitle`},
		{"OSC window title, BEL", "\x1b]0;pwned\x07rest", `\x1b]0;pwned\arest`},
		{"OSC 8 hyperlink, ST", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", `\x1b]8;;https://evil.example\x1b\click\x1b]8;;\x1b\`},
		{"C1 CSI", "\u009b2J", `\u009b2J`},
		{"C1 OSC and ST", "\u009d0;pwned\u009c", `\u009d0;pwned\u009c`},
		{"DEL", "a\x7fb", `a\x7fb`},
		{"bidi override", "invoice\u202Efdp.exe", `invoice\u202efdp.exe`},
		{"bidi isolates and marks", "\u2066a\u2069\u200e\u200f\u061c", `\u2066a\u2069\u200e\u200f\u061c`},
		{"newline and carriage return", "one\ntwo\rthree", `one\ntwo\rthree`},
		{"tab, backspace, NUL", "a\tb\bc\x00", `a\tb\bc\x00`},
		{"line and paragraph separators", "a\u2028b\u2029c", `a\u2028b\u2029c`},
		{"invalid UTF-8 byte, a raw 8-bit CSI", "a\x9b2Jb\xff", `a\x9b2Jb\xff`},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.in)
			if got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
			for i, r := range got {
				if Escaped(r) {
					t.Errorf("Text(%q) = %q keeps %U at %d", tt.in, got, r, i)
				}
			}
		})
	}
}

func TestName(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"review", "reviews/2026-02-16-cache.md", "reviews/2026-02-16-cache.md"},
		{"space and Chinese", "reviews/缓存 超时.md", "reviews/缓存 超时.md"},
		{"newline injects a finding", "reviews/a\nreviews/x.md:1:1: error: fake.md", `"reviews/a\nreviews/x.md:1:1: error: fake.md"`},
		{"carriage return", "reviews/a\rb.md", `"reviews/a\rb.md"`},
		{"colon passes for a position", "reviews/x.md:1:1: error: fake.md", `"reviews/x.md:1:1: error: fake.md"`},
		{"escape sequence", "reviews/\x1b]0;pwned\x07.md", `"reviews/\x1b]0;pwned\a.md"`},
		{"C1", "reviews/\u009b2J.md", `"reviews/\u009b2J.md"`},
		{"bidi override", "reviews/\u202Edm.exe", `"reviews/\u202edm.exe"`},
		{"zero-width space", "reviews/a\u200b.md", `"reviews/a\u200b.md"`},
		{"leading quote", `"reviews/a.md"`, `"\"reviews/a.md\""`},
		{"quote inside", `reviews/a"b.md`, `reviews/a"b.md`},
		{"invalid UTF-8", "reviews/\xff.md", `"reviews/\xff.md"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Name(tt.in)
			if got != tt.want {
				t.Errorf("Name(%q) = %s, want %s", tt.in, got, tt.want)
			}
			if strings.ContainsAny(got, "\n\r\x1b") {
				t.Errorf("Name(%q) = %q holds a control character", tt.in, got)
			}
			// A quoted name reads back as the name.
			if strings.HasPrefix(got, `"`) {
				if back, err := strconv.Unquote(got); err != nil || back != tt.in {
					t.Errorf("Unquote(%s) = %q, %v; want %q", got, back, err, tt.in)
				}
			}
		})
	}
}

func TestJSON(t *testing.T) {
	for _, s := range []string{
		"plain", "\x1b[2J", "\u009b2J \u009d0;x\u009c", "a\u202Eb\u2066c", "a\x7fb", "\u2028\u2029", "证书 🔥", "\n\t",
	} {
		enc, err := json.MarshalIndent(map[string]string{"title": s}, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got := JSON(enc)
		var back map[string]string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("JSON(%s) = %s: %v", enc, got, err)
		}
		if back["title"] != s {
			t.Errorf("JSON(%s) = %s decodes to %q, want %q", enc, got, back["title"], s)
		}
		for _, r := range string(got) {
			if Escaped(r) && r != '\n' {
				t.Errorf("JSON(%s) = %s keeps %U", enc, got, r)
			}
		}
	}
}

func ExampleText() {
	fmt.Println(Text("Cache down\x1b]0;pwned\x07 \x1b[2J for 3\u202E minutes"))
	// Output: Cache down\x1b]0;pwned\a \x1b[2J for 3\u202e minutes
}

func ExampleName() {
	fmt.Printf("%s:1:1: error: …\n", Name("reviews/a\nreviews/x.md:1:1: error: fake"))
	// Output: "reviews/a\nreviews/x.md:1:1: error: fake":1:1: error: …
}
