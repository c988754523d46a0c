package terminal

import (
	"strconv"
	"strings"
)

// Count returns n and the English noun, singular for one and plural
// otherwise: "1 problem", "0 problems", "3 matches", "2 entries". The
// plural is made by rule (-s, -es after s, x, z, ch and sh, -ies after a
// consonant and y); a noun that follows no rule is not one fupan counts.
func Count(n int, noun string) string {
	s := strconv.Itoa(n) + " "
	if n == 1 {
		return s + noun
	}
	return s + pluralOf(noun)
}

func pluralOf(noun string) string {
	switch {
	case strings.HasSuffix(noun, "s"), strings.HasSuffix(noun, "x"), strings.HasSuffix(noun, "z"),
		strings.HasSuffix(noun, "ch"), strings.HasSuffix(noun, "sh"):
		return noun + "es"
	case len(noun) > 1 && strings.HasSuffix(noun, "y") && !strings.ContainsRune("aeiou", rune(noun[len(noun)-2])):
		return noun[:len(noun)-1] + "ies"
	}
	return noun + "s"
}
