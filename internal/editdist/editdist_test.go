package editdist

import "testing"

func TestLevenshtein(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "status", 6},
		{"status", "status", 0},
		{"metrc", "metric", 1}, // an insertion
		{"catch_next_tme", "catch_next_time", 1},
		{"stauts", "status", 2}, // a swap is two edits here
		{"SEV2", "P2", 3},
		{"kitten", "sitting", 3},
		{"超时", "超时时间", 2}, // by character, not by byte
		{"密码", "密钥", 1},
	} {
		if got := Levenshtein(tc.a, tc.b); got != tc.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := Levenshtein(tc.b, tc.a); got != tc.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d (not symmetric)", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestOSA(t *testing.T) {
	for _, tc := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"readtimeout", "readtimeout", 3, 0},
		{"readtimout", "readtimeout", 3, 1},
		{"stauts", "status", 3, 1}, // a swap is one edit
		{"ca", "abc", 9, 3},        // optimal string alignment, not Damerau: no edit of a swapped pair
		{"redis", "radius", 9, 2},
		{"密码", "密钥", 9, 3},                 // by byte: 密码 and 密钥 differ in their last three
		{"connection", "xxxxxxxxxx", 3, 3}, // stops at the limit
		{"abcdefgh", "", 2, 2},
	} {
		if got := OSA(tc.a, tc.b, tc.limit); got != tc.want {
			t.Errorf("OSA(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.limit, got, tc.want)
		}
	}
}

// TestOSALimit: below the limit the distance is exact; at or above it, the
// answer is at least the limit.
func TestOSALimit(t *testing.T) {
	pairs := [][2]string{{"timeout", "timeuot"}, {"exception", "exceptoin"}, {"socket", "sockets"}, {"redis", "kafka"}, {"", "abc"}}
	for _, p := range pairs {
		exact := OSA(p[0], p[1], 1<<30)
		for limit := 0; limit <= exact+2; limit++ {
			got := OSA(p[0], p[1], limit)
			if exact < limit && got != exact || exact >= limit && got < limit {
				t.Errorf("OSA(%q, %q, %d) = %d; the exact distance is %d", p[0], p[1], limit, got, exact)
			}
		}
	}
}
