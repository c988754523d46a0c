package review

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
)

// CheckBaseURL says what is wrong with s as the address a site is
// published at (base_url in fupan.yaml, fupan build --base-url), or
// returns nil. It must be an absolute http or https URL with a host, no
// user name or password, no query and no fragment, whose path is clean:
// no empty segment (//), no . or .. segment, no backslash and no encoded
// slash or backslash (%2f, %5c).
//
// The rule is strict because the path is where the pages a server shows at
// any depth (404.html) load their scripts and styles from: a path that a
// browser reads as the start of another host (//evil.example/, which
// /%2fevil.example/ and /\evil.example/ decode or normalise to) would load
// them from that host.
func CheckBaseURL(s string) error {
	const want = "want an http or https address such as https://acme.github.io/reviews/"
	if strings.Contains(s, `\`) {
		return errors.New(`it holds a backslash, which a browser reads as '/' (and '/\host' as another host): write '/' or remove it`)
	}
	u, err := url.Parse(s)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("not a URL (%v): %s", err, want)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		if u.Scheme == "" {
			return errors.New("not an absolute URL: " + want)
		}
		return fmt.Errorf("scheme %q: %s", u.Scheme, want)
	case u.Opaque != "" || u.Host == "" || u.Hostname() == "":
		return errors.New("no host: " + want)
	case u.User != nil:
		return errors.New("it holds a user name or password: remove them, a published site is read without")
	case u.RawQuery != "" || u.ForceQuery || strings.Contains(s, "?"):
		return errors.New("it holds a query (?…): remove it, the base URL is a folder")
	case u.Fragment != "" || strings.Contains(s, "#"):
		return errors.New("it holds a fragment (#…): remove it, the base URL is a folder")
	}
	escaped := strings.ToLower(u.EscapedPath())
	if strings.Contains(escaped, "%2f") || strings.Contains(escaped, "%5c") ||
		strings.Contains(u.Path, "%2f") || strings.Contains(u.Path, "%2F") ||
		strings.Contains(u.Path, "%5c") || strings.Contains(u.Path, "%5C") || strings.Contains(u.Path, `\`) {
		return errors.New("its path holds an encoded slash or backslash (%2f, %5c), which a browser may read as the start of another host: remove it")
	}
	p := u.Path
	if p == "" {
		p = "/"
	}
	clean := path.Clean(p)
	if clean != "/" && strings.HasSuffix(p, "/") {
		clean += "/"
	}
	if clean != p {
		c := *u
		c.Path, c.RawPath = clean, ""
		if strings.Contains(p, "//") {
			return fmt.Errorf("its path %q has an empty segment (//), which a browser reads as the start of another host: write %s", u.Path, c.String())
		}
		return fmt.Errorf("its path %q has a . or .. segment: write %s", u.Path, c.String())
	}
	return nil
}

// PageURL returns the address of the page of the review id on a site
// published at base: BASE/reviews/ID/, as the site lays it out. It is ""
// when base is "" or CheckBaseURL refuses it: never a link to where no
// site can be.
func PageURL(base, id string) string {
	if base == "" || CheckBaseURL(base) != nil {
		return ""
	}
	return strings.TrimSuffix(base, "/") + "/" + Dir + "/" + url.PathEscape(id) + "/"
}
