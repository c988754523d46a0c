package history

import (
	"net/url"
	"strings"

	"github.com/go-git/go-git/v5"
)

// ForgeURL returns the web address of the repository on its forge, such as
// "https://github.com/acme/reviews": configured (the repo_url setting) when
// set, else the address of the origin remote. Remote addresses in the https,
// ssh ("ssh://git@host/owner/repo.git"), scp-like ("git@host:owner/repo.git")
// and git:// forms become "https://host/owner/repo"; user names, passwords
// and ".git" are dropped. It returns "" when there is neither, or the remote
// is a local path.
func ForgeURL(repo *git.Repository, configured string) string {
	if configured = strings.TrimSpace(configured); configured != "" {
		if u, ok := webURL(configured); ok {
			return u
		}
		return strings.TrimSuffix(configured, "/")
	}
	if repo == nil {
		return ""
	}
	r, err := repo.Remote("origin")
	if err != nil { // no origin
		return ""
	}
	for _, raw := range r.Config().URLs {
		if u, ok := webURL(raw); ok {
			return u
		}
	}
	return ""
}

// webURL turns a git remote address into the web address of the repository.
func webURL(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	scheme, host, path := "https", "", ""
	if i := strings.Index(raw, "://"); i >= 0 {
		u, err := url.Parse(raw)
		if err != nil {
			return "", false
		}
		switch strings.ToLower(u.Scheme) {
		case "https", "http":
			scheme, host = strings.ToLower(u.Scheme), u.Host // a web port is kept
		case "ssh", "git", "git+ssh", "ssh+git":
			host = u.Hostname() // the ssh or git port is not the web's
		default:
			return "", false // file:// and the like: no forge
		}
		path = u.Path
	} else {
		// scp-like: [user@]host:path, with no slash before the colon.
		h, p, ok := strings.Cut(raw, ":")
		if !ok || strings.Contains(h, "/") || len(h) < 2 {
			return "", false // a local path (or a Windows drive)
		}
		if at := strings.LastIndex(h, "@"); at >= 0 {
			h = h[at+1:]
		}
		host, path = h, p
	}
	path = strings.Trim(path, "/")
	path = strings.TrimSuffix(path, ".git")
	path = strings.TrimSuffix(path, "/")
	if host == "" || path == "" {
		return "", false
	}
	return scheme + "://" + strings.ToLower(host) + "/" + path, true
}

// BlobURL returns the address of the file at path, at a branch or commit
// ref, on a GitHub-style forge at base: base/blob/ref/path. It returns ""
// when base or ref is empty.
func BlobURL(base, ref, path string) string {
	return link(base, "blob", ref, path)
}

// EditURL returns the address of the forge's editor for the file at path
// on branch: base/edit/branch/path. It returns "" when base or branch is
// empty.
func EditURL(base, branch, path string) string {
	return link(base, "edit", branch, path)
}

// HistoryURL returns the address of the list of commits that changed the
// file at path on branch: base/commits/branch/path. It returns "" when base
// or branch is empty.
func HistoryURL(base, branch, path string) string {
	return link(base, "commits", branch, path)
}

// CommitURL returns the address of the commit hash: base/commit/hash. It
// returns "" when base or hash is empty.
func CommitURL(base, hash string) string {
	return link(base, "commit", hash, "")
}

func link(base, kind, ref, path string) string {
	if base == "" || ref == "" {
		return ""
	}
	s := strings.TrimSuffix(base, "/") + "/" + kind + "/" + escapePath(ref)
	if path = strings.Trim(path, "/"); path != "" {
		s += "/" + escapePath(path)
	}
	return s
}

// escapePath escapes each segment of a slash-separated path.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
