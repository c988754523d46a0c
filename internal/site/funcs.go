package site

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"time"

	"github.com/fupan/fupan/internal/review"
)

func funcs(lang string, t *templates) template.FuncMap {
	return template.FuncMap{
		"items":  t.renderItems,
		"shared": t.renderShared,
		"t":      func(id any) string { return msg(lang, messageID(id)) },
		"tn": func(n int, one, many string) string {
			if n == 1 {
				return msg(lang, one)
			}
			return fmt.Sprintf(msg(lang, many), n)
		},
		"link":  safeLink,
		"sev":   sevClass,
		"lower": strings.ToLower,
		"first": func(s string) string {
			r := []rune(s)
			if len(r) > 0 {
				return string(r[:1])
			}
			return ""
		},
		"add":     func(a, b int) int { return a + b },
		"sub":     func(a, b float64) float64 { return a - b },
		"list":    func(v ...any) []any { return v },
		"isodate": func(t review.Time) string { return t.Format(time.RFC3339) },
	}
}

// messageID is the message id t is given: a string, or a status of a
// review or an action; anything else as fmt prints it.
func messageID(id any) string {
	switch id := id.(type) {
	case string:
		return id
	case review.Status:
		return string(id)
	}
	return fmt.Sprint(id)
}

// safeLink returns the link if it is http, https or mailto, else "" (the
// template then shows the text without a link).
func safeLink(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return u.String()
	}
	return ""
}

// sevClass is the CSS class of a severity, by its rank in the configured
// list: sev1 for the first (the worst), up to sev4.
func sevClass(rank int) string {
	return fmt.Sprintf("sev%d", min(rank, 3)+1)
}
