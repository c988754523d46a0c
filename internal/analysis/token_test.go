package analysis

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tokenCases are texts and their tokens, written "position:term". They are
// also the texts of the golden file that the JavaScript port is tested on.
var tokenCases = []struct {
	name string
	text string
	want string
}{
	{"empty", "", ""},
	{"only separators", "  ,;!? -- ... \t\n()[]{}'\"", ""},
	{"english", "The Cache TIMED out.", "1:the 2:cache 3:timed 4:out"},
	{"dotted exception", "requests.exceptions.ConnectTimeout",
		"1:requests.exceptions.connecttimeout 1:requests 2:exceptions 3:connecttimeout 3:connect 4:timeout"},
	{"snake case", "get_user_profile", "1:get_user_profile 1:get 2:user 3:profile"},
	{"call", "cache.get_user_profile(user_id)",
		"1:cache.get_user_profile 1:cache 2:get_user_profile 2:get 3:user 4:profile 5:user_id 5:user 6:id"},
	{"dotted setting", "settings.CACHE_TIMEOUT = 30",
		"1:settings.cache_timeout 1:settings 2:cache_timeout 2:cache 3:timeout 4:30"},
	{"dotted path", "max.poll.interval.ms", "1:max.poll.interval.ms 1:max 2:poll 3:interval 4:ms"},
	{"pinned version", "redis-py==4.6.0", "1:redis-py==4.6.0 1:redis 2:py 3:4 4:6 5:0"},
	{"redis url", "redis://prod-cache:6379", "1:redis://prod-cache:6379 1:redis 2:prod 3:cache 4:6379"},
	{"quoted value", "WHERE status='pending'", "1:where 2:status 3:pending"},
	{"screaming snake", "CERTIFICATE_VERIFY_FAILED",
		"1:certificate_verify_failed 1:certificate 2:verify 3:failed"},
	{"pascal case", "SocketTimeoutException", "1:sockettimeoutexception 1:socket 2:timeout 3:exception"},
	{"java class", "java.net.SocketTimeoutException",
		"1:java.net.sockettimeoutexception 1:java 2:net 3:sockettimeoutexception 3:socket 4:timeout 5:exception"},
	{"camel case", "getHTTPResponse", "1:gethttpresponse 1:get 2:http 3:response"},
	{"acronym", "HTTPError", "1:httperror 1:http 2:error"},
	{"acronym alone", "HTTP", "1:http"},
	{"acronym then digit", "IPv4", "1:ipv4 1:i 2:pv 3:4"},
	{"digits in snake case", "http_status_code_5xx",
		"1:http_status_code_5xx 1:http 2:status 3:code 4:5 5:xx"},
	{"percentile", "p50", "1:p50 1:p 2:50"},
	{"duration", "2.4s", "1:2.4s 1:2 2:4s 2:4 3:s"},
	{"number list", "1,000 and 3.14", "1:1 2:000 3:and 4:3.14 4:3 5:14"},
	{"dunder", "__init__", "1:__init__ 1:init"},
	{"leading underscore", "_private", "1:_private 1:private"},
	{"only underscores", "a ___ _._ b", "1:a 2:b"},
	{"underscore segment", "foo.___.bar", "1:foo.___.bar 1:foo 2:bar"},
	{"full stop", "It timed out.", "1:it 2:timed 3:out"},
	{"flag", "--verbose", "1:verbose"},
	{"hyphenated", "well-known", "1:well-known 1:well 2:known"},
	{"path", "api/v1/order", "1:api/v1/order 1:api 2:v1 2:v 3:1 4:order"},
	{"https url", "see https://example.com/a?b=1&c=2#x.",
		"1:see 2:https://example.com/a?b=1&c=2#x 2:https 3:example 4:com 5:a 6:b 7:1 8:c 9:2 10:x"},
	{"email", "oncall@example.com", "1:oncall@example.com 1:oncall 2:example 3:com"},
	{"timestamp", "2026-02-16T05:09:07+08:00",
		"1:2026-02-16t05:09:07+08:00 1:2026 2:02 3:16t05 3:16 4:t 5:05 6:09 7:07 8:08 9:00"},
	{"chinese", "超时", "1:超时"},
	{"chinese phrase", "证书过期", "1:证书 2:书过 3:过期"},
	{"chinese sentence", "锁定版本，避免升级。", "1:锁定 2:定版 3:版本 4:避免 5:免升 6:升级"},
	{"chinese single", "超 时", "1:超 2:时"},
	{"mixed latin then han", "Redis超时", "1:redis 2:超时"},
	{"mixed han then latin", "超时Redis", "1:超时 2:redis"},
	{"mixed identifier", "调用get_user_profile超时",
		"1:调用 2:get_user_profile 2:get 3:user 4:profile 5:超时"},
	{"mixed sentence", "Redis 连接超时，重试 3 次",
		"1:redis 2:连接 3:接超 4:超时 5:重试 6:3 7:次"},
	{"japanese", "サーバーのタイムアウト",
		"1:サー 2:ーバ 3:バー 4:ーの 5:のタ 6:タイ 7:イム 8:ムア 9:アウ 10:ウト"},
	{"korean", "서버 타임아웃", "1:서버 2:타임 3:임아 4:아웃"},
	{"emoji", "🔥 超时 ❤️ fix 1️⃣ 👍🏽ok", "1:超时 2:fix 3:1 4:ok"},
	{"combining mark", "Cafe\u0301Bar", "1:cafe\u0301bar 1:cafe\u0301 2:bar"},
	{"mark after joiner", "a.\u0301b", "1:a 2:b"},
	{"turkish capital i", "İstanbul", "1:istanbul"},
	{"greek final sigma", "ΟΔΟΣ", "1:οδοσ"},
	{"full width", "ＡＢＣ", "1:ａｂｃ"},
	{"invalid utf-8", "a\xffb", "1:a 2:b"},
	{"whole too long", strings.Repeat("a", 30) + "." + strings.Repeat("b", 40) + " c",
		"1:" + strings.Repeat("a", 30) + " 2:" + strings.Repeat("b", 40) + " 3:c"},
	{"part too long", strings.Repeat("x", 65) + " y", "2:y"},
	{"longest term", strings.Repeat("x", 64), "1:" + strings.Repeat("x", 64)},
}

func TestTokens(t *testing.T) {
	for _, tc := range tokenCases {
		t.Run(tc.name, func(t *testing.T) {
			got := []string{}
			for _, tok := range Tokens(tc.text) {
				got = append(got, fmt.Sprintf("%d:%s", tok.Position, tok.Term))
			}
			if diff := cmp.Diff(strings.Fields(tc.want), got); diff != "" {
				t.Errorf("Tokens(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

func TestTokensOffsets(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []Token
	}{
		{"identifier", "x requests.exceptions.ConnectTimeout", []Token{
			{"x", 0, 1, 1},
			{"requests.exceptions.connecttimeout", 2, 36, 2},
			{"requests", 2, 10, 2},
			{"exceptions", 11, 21, 3},
			{"connecttimeout", 22, 36, 4},
			{"connect", 22, 29, 4},
			{"timeout", 29, 36, 5},
		}},
		{"segment with underscores", "settings.CACHE_TIMEOUT", []Token{
			{"settings.cache_timeout", 0, 22, 1},
			{"settings", 0, 8, 1},
			{"cache_timeout", 9, 22, 2},
			{"cache", 9, 14, 2},
			{"timeout", 15, 22, 3},
		}},
		{"han bigrams", "Redis超时了", []Token{
			{"redis", 0, 5, 1},
			{"超时", 5, 11, 2},
			{"时了", 8, 14, 3},
		}},
		{"han unigram", "，超。", []Token{{"超", 3, 6, 1}}},
		{"mark in cluster", "Cafe\u0301Bar", []Token{
			{"cafe\u0301bar", 0, 9, 1},
			{"cafe\u0301", 0, 6, 1},
			{"bar", 6, 9, 2},
		}},
		{"term longer than span", "\u023A", []Token{{"\u2C65", 0, 2, 1}}},
		{"emoji", "🔥ok", []Token{{"ok", 4, 6, 1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Tokens(tc.text)); diff != "" {
				t.Errorf("Tokens(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}
