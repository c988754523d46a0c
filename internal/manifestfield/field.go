// Package manifestfield writes and reads one field of a manifest line:
// the tab-separated text files in which the search index and the site
// record what they were made from. A field is written as it is, unless it
// holds a tab or a line break or begins with a double quote (a file name
// may hold any of them); then it is quoted as Go quotes a string.
package manifestfield

import (
	"strconv"
	"strings"
)

// Quote returns s as a field of a manifest line.
func Quote(s string) string {
	if strings.ContainsAny(s, "\t\n\r") || strings.HasPrefix(s, `"`) {
		return strconv.Quote(s)
	}
	return s
}

// Unquote reads a field written by Quote.
func Unquote(f string) (string, error) {
	if !strings.HasPrefix(f, `"`) {
		return f, nil
	}
	return strconv.Unquote(f)
}
