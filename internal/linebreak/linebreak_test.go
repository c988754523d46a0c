package linebreak

import "testing"

func TestRemoved(t *testing.T) {
	for _, tc := range []struct {
		name          string
		before, after rune
		want          bool
	}{
		{"two English words", 'e', 'w', false},
		{"English after a full stop", '.', 'T', false},
		{"English after a comma", ',', 'b', false},
		{"two Han characters", '败', '导', true},
		{"kana and Han", 'の', '障', true},
		{"after an ideographic full stop, a digit", '。', '3', true},
		{"after a fullwidth comma, a Latin letter", '，', 'r', true},
		{"a digit, then a fullwidth parenthesis", '8', '（', true},
		{"Han, then a Latin letter", '用', 'R', false},
		{"a Latin letter, then Han", 's', '在', false},
		{"Hangul keeps its spaces", '다', '그', false},
		{"a zero-width space", '\u200B', 'a', true},
		{"the ideographic space", '\u3000', 'a', true},
		{"nothing before", 0, '败', false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Removed(tc.before, tc.after); got != tc.want {
				t.Errorf("Removed(%q, %q) = %v, want %v", tc.before, tc.after, got, tc.want)
			}
		})
	}
}

func TestJoin(t *testing.T) {
	for _, tc := range []struct {
		lines []string
		want  string
	}{
		{[]string{"For 32 minutes 12% of", "POST /api/v1/order failed."}, "For 32 minutes 12% of POST /api/v1/order failed."},
		{[]string{"支付回调在 14 分钟内全部失败。", "38 笔订单需要人工对账"}, "支付回调在 14 分钟内全部失败。38 笔订单需要人工对账"},
		{[]string{"证书过期导致", "支付失败"}, "证书过期导致支付失败"},
		{[]string{"调用 Redis", "超时"}, "调用 Redis 超时"},
	} {
		if got := Join(tc.lines); got != tc.want {
			t.Errorf("Join(%q) = %q, want %q", tc.lines, got, tc.want)
		}
	}
}
