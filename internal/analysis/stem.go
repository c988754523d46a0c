package analysis

import (
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
)

// Stem returns the English stem of a word (Snowball's Porter2, as bleve
// ships it): throttled, throttling and throttle give throttl. Only plain
// words are stemmed ([Stemmable]); identifiers never are. The browser's
// client/stem.js is a port that must give the same stem for every word.
func Stem(word string) string {
	env := snowballstem.NewEnv(word)
	english.Stem(env)
	return env.Current()
}

// Stemmable tells whether a term is a word that is stemmed: ASCII
// lower-case letters only, at least 3 of them.
func Stemmable(term string) bool {
	if len(term) < 3 {
		return false
	}
	for i := 0; i < len(term); i++ {
		if term[i] < 'a' || term[i] > 'z' {
			return false
		}
	}
	return true
}
