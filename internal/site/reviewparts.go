package site

import (
	"strings"
)

// Parts of a review page made from its fields: the summary of the body
// shown with the front matter's, and the versions as chips.

// summaryHeadings are the headings of a body's opening section that says
// what the front matter's summary says at more length (lowercase).
var summaryHeadings = []string{"summary", "tl;dr", "tldr", "概要", "摘要", "概述", "总结"}

// splitSummary returns the opening "## Summary" section of a Markdown body
// (without its heading) and the rest; "" and body when it opens otherwise.
// The page shows that section under the summary of the front matter, so
// that the summary is shown in one place, under no second heading.
func splitSummary(body string) (summary, rest string) {
	text := strings.TrimLeft(body, " \t\r\n")
	first, after, _ := strings.Cut(text, "\n")
	title, ok := strings.CutPrefix(strings.TrimSpace(first), "## ")
	if !ok || !isSummaryHeading(title) {
		return "", body
	}
	// The section ends at the next heading of level 2 or 1 outside a
	// fenced code block.
	fence := ""
	off := 0
	for _, line := range strings.SplitAfter(after, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case fence != "":
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
		case strings.HasPrefix(t, "```"), strings.HasPrefix(t, "~~~"):
			fence = t[:3]
		case strings.HasPrefix(line, "## "), strings.HasPrefix(line, "# "):
			return strings.TrimSpace(after[:off]), after[off:]
		}
		off += len(line)
	}
	return strings.TrimSpace(after), ""
}

func isSummaryHeading(title string) bool {
	t := strings.ToLower(strings.TrimSpace(strings.TrimRight(title, "#: ")))
	for _, h := range summaryHeadings {
		if t == h {
			return true
		}
	}
	return false
}

// A VersionChip is one entry of versions: the package and its version.
type VersionChip struct {
	Name, Version string
}

// versionChips splits each "name==1.2.3", "name@1.2.3", "name 1.2.3" or
// "name>=1.2" into its package and version (an operator other than == is
// kept with the version); an entry without one is all name.
func versionChips(versions []string) []VersionChip {
	var out []VersionChip
	for _, v := range versions {
		c := VersionChip{Name: v}
		for _, sep := range []string{"==", "~=", ">=", "<=", "!=", "@", " ", ":", "="} {
			if i := strings.Index(v, sep); i > 0 {
				c.Name, c.Version = strings.TrimSpace(v[:i]), strings.TrimSpace(v[i+len(sep):])
				if sep != "==" && sep != "@" && sep != " " && sep != ":" && sep != "=" {
					c.Version = sep + c.Version
				}
				break
			}
		}
		out = append(out, c)
	}
	return out
}
