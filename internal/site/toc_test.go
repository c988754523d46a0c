package site

import (
	"regexp"
	"slices"
	"testing"
)

// h2RE is h2Pattern tried at every byte: what headings must find.
var h2RE = regexp.MustCompile(h2Pattern)

func TestHeadings(t *testing.T) {
	for _, tc := range []struct{ name, page string }{
		{"none", `<p>no heading</p>`},
		{"two", `<h2 id="a">A</h2><p>x</p><h2 id="b" class="c">B <a href="#b" class="anchor">#</a></h2>`},
		{"unclosed first", "<h2 id=\"a\">A\n<h2 id=\"b\">B</h2>"},
		{"id across lines", "<h2 id=\"a\nb\">A</h2>"},
		{"nested open", `<h2 id="<h2 id="x">">y</h2>`},
		{"no id", `<h2 id="">A</h2><h2 id="z">Z</h2>`},
		{"anchor inside", `<h2 id="k">K <a href="#k" class="anchor">#</a> tail</h2>`},
		{"anchor, then more", `<h2 id="k">K <a href="#k" class="anchor">#</a> x</a></h2>`},
		{"anchor across lines", "<h2 id=\"k\">K <a href=\"#k\" class=\"anchor\">#\n</a></h2>"},
		{"href across lines", "<h2 id=\"k\">K <a href=\"#k\nj\" class=\"anchor\">#</a></h2>"},
		{"two anchors", `<h2 id="k">K <a href="#k" class="anchor">#</a><a href="#j" class="anchor">#</a></h2>`},
		{"not an anchor", `<h2 id="k">K <a href="#k" class="link">#</a></h2>`},
		{"unclosed", `<h2 id="k">K <a href="#k" class="anchor">#</a>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, want := headings([]byte(tc.page)), h2RE.FindAllSubmatchIndex([]byte(tc.page), -1)
			if !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("headings(%q) = %v, want %v", tc.page, got, want)
			}
		})
	}
}

func FuzzHeadings(f *testing.F) {
	f.Add(`<h2 id="a">A</h2><h2 id="b">B <a href="#b" class="anchor">#</a></h2>`)
	f.Add("<h2 id=\"a\">A\n</h2><h2 id=\"c\" x>C</h2>")
	f.Fuzz(func(t *testing.T, page string) {
		got, want := headings([]byte(page)), h2RE.FindAllSubmatchIndex([]byte(page), -1)
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("headings(%q) = %v, want %v", page, got, want)
		}
	})
}

func TestStripTags(t *testing.T) {
	tagRE := regexp.MustCompile(`<[^>]*>`)
	for _, s := range []string{"", "plain", "<code>x</code> y", "a < b", "a <b> c <", "<<x>>", "x<y", "<a href=\"#\">t</a>\n<b"} {
		if got, want := stripTags([]byte(s)), tagRE.ReplaceAllString(s, ""); got != want {
			t.Errorf("stripTags(%q) = %q, want %q", s, got, want)
		}
	}
}
