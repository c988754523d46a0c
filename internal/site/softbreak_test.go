package site

import (
	"html"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fupan/fupan/internal/corpus"
	"github.com/fupan/fupan/internal/linebreak"
	"github.com/fupan/fupan/reviews"
)

// A line break inside a paragraph is a space between English words and
// nothing between two CJK characters, whatever inline element follows.
func TestSoftLineBreaks(t *testing.T) {
	r := newRenderer(false)
	for _, tc := range []struct {
		name, md, want string
	}{
		{"English before code", "It failed inside\n`cache.get_user_profile()` twice.", "<p>It failed inside\n<code>cache.get_user_profile()</code> twice.</p>\n"},
		{"English before bold", "The pool was\n**exhausted** at 05:09.", "<p>The pool was\n<strong>exhausted</strong> at 05:09.</p>\n"},
		{"English before emphasis", "It was\n*not* retried.", "<p>It was\n<em>not</em> retried.</p>\n"},
		{"English before a link", "See the\n[runbook](https://example.com/rb) first.", "<p>See the\n<a href=\"https://example.com/rb\">runbook</a> first.</p>\n"},
		{"code before English", "It called `get()`\nin a loop.", "<p>It called <code>get()</code>\nin a loop.</p>\n"},
		{"bold at the end of a line, then English", "It was **slow**\nfor an hour.", "<p>It was <strong>slow</strong>\nfor an hour.</p>\n"},
		{"two CJK lines", "证书过期导致\n支付失败。", "<p>证书过期导致支付失败。</p>\n"},
		{"CJK before bold CJK", "这次故障的\n**根本条件**是证书过期。", "<p>这次故障的<strong>根本条件</strong>是证书过期。</p>\n"},
		{"CJK bold before CJK", "原因是**证书过期**\n导致握手失败。", "<p>原因是<strong>证书过期</strong>导致握手失败。</p>\n"},
		{"CJK before code keeps a space", "调用\n`cache.get()` 超时。", "<p>调用\n<code>cache.get()</code> 超时。</p>\n"},
		{"after a CJK full stop, a digit", "全部失败。\n38 笔订单需要对账。", "<p>全部失败。38 笔订单需要对账。</p>\n"},
		{"CJK before a CJK link", "详见\n[复盘文档](https://example.com/d)。", "<p>详见<a href=\"https://example.com/d\">复盘文档</a>。</p>\n"},
		{"a hard break stays", "第一行\\\n第二行", "<p>第一行<br>\n第二行</p>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := r.markdown(tc.md)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("markdown(%q)\n got %q\nwant %q", tc.md, got, tc.want)
			}
		})
	}
}

// Over every example review and every postmortem of the corpus: no word
// glued to inline code, bold, emphasis or a link by a line break, and no
// space from a line break between two CJK characters.
func TestSoftLineBreaksEverywhere(t *testing.T) {
	bodies := map[string]string{}
	read := func(fsys fs.FS) {
		matches, _ := fs.Glob(fsys, "reviews/*.md")
		for _, p := range matches {
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				t.Fatal(err)
			}
			// The body: what the page renders as Markdown.
			parts := strings.SplitN(string(data), "\n---\n", 2)
			bodies[p] = parts[len(parts)-1]
		}
	}
	read(reviews.FS())
	examples := len(bodies)
	if dir := corpus.Dir(); dir != "" {
		fsys, err := corpus.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		read(fsys)
	} else {
		t.Log("no corpus beside the repository: examples only")
	}
	if examples == 0 {
		t.Fatal("no example reviews")
	}
	r := newRenderer(false)
	openGlued := regexp.MustCompile(`([\p{L}\p{N}])<(code|strong|em|a)(?: [^>]*)?>([^<]{0,12})`)
	closeGlued := regexp.MustCompile(`([^>]{0,12})</(code|strong|em|a)>([\p{L}\p{N}])`)
	pre := regexp.MustCompile(`(?s)<pre[ >].*?</pre>`)
	blockEnd := regexp.MustCompile(`</(p|li|h\d|td|th|blockquote|ul|ol|table|tr|div)>|<br>`)
	tag := regexp.MustCompile(`<[^>]*>`)
	checked := 0
	for p, src := range bodies {
		out, err := r.markdown(src)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		page := pre.ReplaceAllString(string(out), "")
		// A word glued to an inline element is right only when the
		// author wrote it so, or the line rule removed a break between
		// two CJK characters.
		for _, m := range openGlued.FindAllStringSubmatch(page, -1) {
			if strings.Contains(m[0], `class="anchor"`) {
				continue // the "#" link after a heading
			}
			before, _ := utf8.DecodeRuneInString(m[1])
			inner := html.UnescapeString(m[3])
			after, _ := utf8.DecodeRuneInString(inner)
			if !linebreak.Removed(before, after) && !writtenGlued(src, m[1], inner, true) {
				t.Errorf("%s: %q is glued to <%s>%s…, not so in the source", p, m[1], m[2], inner)
			}
			checked++
		}
		for _, m := range closeGlued.FindAllStringSubmatch(page, -1) {
			inner := html.UnescapeString(m[1])
			before, _ := utf8.DecodeLastRuneInString(inner)
			after, _ := utf8.DecodeRuneInString(m[3])
			if !linebreak.Removed(before, after) && !writtenGlued(src, inner, m[3], false) {
				t.Errorf("%s: …%s</%s> is glued to %q, not so in the source", p, inner, m[2], m[3])
			}
			checked++
		}
		text := html.UnescapeString(tag.ReplaceAllString(blockEnd.ReplaceAllString(page, "\x00"), ""))
		for i := strings.IndexByte(text, '\n'); i >= 0; i = next(text, i) {
			before, _ := utf8.DecodeLastRuneInString(strings.TrimRight(text[:i], " "))
			after, _ := utf8.DecodeRuneInString(strings.TrimLeft(text[i+1:], " "))
			if linebreak.Removed(before, after) {
				t.Errorf("%s: a line break between %q and %q is kept", p, before, after)
			}
			checked++
		}
	}
	t.Logf("%d files, %d breaks and glued elements checked", len(bodies), checked)
}

func next(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '\n')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// writtenGlued reports whether src has a and b joined by Markdown markup
// only, as the author wrote them: "foo`bar" or "**x**y".
func writtenGlued(src, a, b string, opening bool) bool {
	tail := a
	if !opening {
		tail = lastRunes(a, 4)
	}
	head := b
	if opening {
		head = firstRunes(b, 4)
	}
	for _, m := range []string{"`", "``", "**", "*", "__", "_", "[", "](", "<"} {
		if strings.Contains(src, tail+m+head) {
			return true
		}
	}
	// A link's destination lies between its text and what follows.
	return !opening && regexp.MustCompile(regexp.QuoteMeta(tail)+`\]\([^)\s]*\)`+regexp.QuoteMeta(head)).MatchString(src)
}

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

func lastRunes(s string, n int) string {
	for i := len(s); i > 0; {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		if n--; n == 0 {
			return s[i:]
		}
	}
	return s
}
