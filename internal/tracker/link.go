package tracker

import (
	"net/url"
	"strconv"
	"strings"
)

// An Issue is a GitHub issue.
type Issue struct {
	Owner, Repo string
	Number      int
}

// URL is the issue's address on github.com.
func (i Issue) URL() string {
	return "https://github.com/" + i.Owner + "/" + i.Repo + "/issues/" + strconv.Itoa(i.Number)
}

// GitHubIssue parses a link to a GitHub issue,
// https://github.com/OWNER/REPO/issues/N (a trailing slash, query or
// #fragment allowed); ok is false for any other link.
func GitHubIssue(link string) (Issue, bool) {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || !strings.EqualFold(u.Host, "github.com") {
		return Issue{}, false
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) != 4 || parts[2] != "issues" || parts[0] == "" || parts[1] == "" {
		return Issue{}, false
	}
	n, err := strconv.Atoi(parts[3])
	if err != nil || n <= 0 {
		return Issue{}, false
	}
	return Issue{Owner: parts[0], Repo: parts[1], Number: n}, true
}
