package review

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fupan/fupan/internal/editdist"
)

// Suggest returns the candidate closest to s when one is clearly what was
// meant ("did you mean"), or "": the rule of every suggestion of fupan, for
// a field, a setting or a review's id.
func Suggest(s string, candidates []string) string { return suggest(s, candidates) }

// suggest returns the candidate closest to s by edit distance, when it is
// close enough to be what was meant and no other is as close ("did you
// mean"), or "".
func suggest(s string, candidates []string) string {
	// A third of the letters may be wrong: "metrc", "stauts" and
	// "catch_next_tme" find their field; "SEV2" does not find "P2".
	best, bestDist, tie := "", max(1, utf8.RuneCountInString(s)/3)+1, false
	ls := strings.ToLower(s)
	for _, c := range candidates {
		switch d := editdist.Levenshtein(ls, strings.ToLower(c)); {
		case d < bestDist:
			best, bestDist, tie = c, d, false
		case d == bestDist && c != best:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// slugify lowercases s and turns every run of other characters into one
// hyphen: "Redis Timeout!" becomes "redis-timeout". Non-ASCII letters are
// dropped, so a Chinese title gives "" and the caller picks a fallback.
func slugify(s string) string {
	return JoinRuns(strings.ToLower(s), func(r rune) bool {
		return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))
	})
}

// JoinRuns returns the runs of the characters of s that keep keeps, each
// joined to the next by one "-" (so none at the ends): the shape of a
// slug, and of a service's name as a filter value is typed.
func JoinRuns(s string, keep func(rune) bool) string {
	var b strings.Builder
	gap := false
	for _, r := range s {
		if !keep(r) {
			gap = true
			continue
		}
		if gap && b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteRune(r)
		gap = false
	}
	return b.String()
}
