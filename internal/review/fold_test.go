package review

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fupan/fupan/internal/linebreak"
	"github.com/fupan/fupan/reviews"
)

// A line break in a folded or plain multi-line string is a space in
// English and nothing between two CJK characters, or after CJK
// punctuation.
func TestRefold(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"folded English", "summary: >\n  For 32 minutes 12% of\n  POST /api/v1/order failed.\n", "For 32 minutes 12% of POST /api/v1/order failed.\n"},
		{"folded Chinese after a full stop", "summary: >\n  支付回调在 14 分钟内全部失败。\n  38 笔订单需要人工对账。\n", "支付回调在 14 分钟内全部失败。38 笔订单需要人工对账。\n"},
		{"folded Chinese between two Han characters", "summary: >-\n  证书过期导致\n  支付失败\n", "证书过期导致支付失败"},
		{"folded Chinese before a Latin word keeps the space", "summary: >\n  调用\n  Redis 超时\n", "调用 Redis 超时\n"},
		{"a space the author wrote stays", "summary: >\n  证书 过期\n  导致失败\n", "证书 过期导致失败\n"},
		{"paragraphs stay apart", "summary: >\n  证书过期\n\n  导致失败\n", "证书过期\n导致失败\n"},
		{"more-indented lines keep their breaks", "summary: >\n  证书过期\n    导致\n  失败\n", "证书过期\n  导致\n失败\n"},
		{"plain multi-line Chinese", "summary: 证书过期\n  导致支付失败\n", "证书过期导致支付失败"},
		{"double-quoted multi-line Chinese", "summary: \"证书过期\n  导致支付失败\"\n", "证书过期导致支付失败"},
		{"literal keeps its lines", "summary: |\n  证书过期\n  导致\n", "证书过期\n导致\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, fs := decodeYAML(frontMatter{YAML: []byte(tc.yaml), YAMLLine: 2})
			if len(fs) > 0 {
				t.Fatal(fs)
			}
			got := d.value.(map[string]any)["summary"]
			if got != tc.want {
				t.Errorf("summary = %q, want %q", got, tc.want)
			}
		})
	}
}

// Over every example review: no string of the front matter keeps a space
// YAML put at a line break between two CJK characters.
func TestRefoldExamples(t *testing.T) {
	repo, err := Load(reviews.Repo(), Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	src := reviews.Repo()
	checked := 0
	for _, r := range repo.Reviews {
		data, _ := src.(interface{ ReadFile(string) ([]byte, error) }).ReadFile(r.Path)
		for _, s := range []string{r.Title, r.Summary, r.WhyNotCaught, r.CatchNextTime} {
			for i, c := range s {
				if c != ' ' || i == 0 {
					continue
				}
				before, _ := utf8.DecodeLastRuneInString(s[:i])
				after, _ := utf8.DecodeRuneInString(s[i+1:])
				// A space the author wrote is in the file as written.
				if linebreak.Removed(before, after) && !strings.Contains(string(data), string(before)+" "+string(after)) {
					t.Errorf("%s: %q keeps a space from a line break between %q and %q", r.Path, s, before, after)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Error("no string checked")
	}
}
