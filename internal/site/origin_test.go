package site

import (
	"bytes"
	"cmp"
	"io/fs"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/fupan/fupan/internal/review"
	"github.com/fupan/fupan/reviews"
	"github.com/fupan/fupan/theme"
)

// TestSameOrigin: on every page of the site, every URL the page loads
// something from (a script, a style sheet, an image, a frame, a form's
// target, a URL in an inline script, style or JSON) stays on the site's
// own origin, under its base path: relative, root-relative under the base
// path, or absolute on the base URL's origin. 404.html is shown at any
// depth, so it is read at two depths and must load the same files from
// both. A base URL whose path a browser reads as another host is refused,
// whether it comes from fupan.yaml or from the options.
func TestSameOrigin(t *testing.T) {
	withConfig := func(yaml string) fs.FS {
		fsys := fstest.MapFS{"fupan.yaml": {Data: []byte(yaml)}}
		for name, f := range reviews.FS().(fstest.MapFS) {
			fsys[name] = f
		}
		return fsys
	}
	for _, tc := range []struct {
		name    string
		fsys    fs.FS
		opt     Options
		base    string // the base URL the pages are read at
		wantErr bool   // the base URL is refused
	}{
		{name: "no base URL", fsys: reviews.FS(), base: "https://site.example/"},
		{name: "a sub-path", fsys: reviews.FS(), opt: Options{BaseURL: "https://acme.github.io/reviews/"}, base: "https://acme.github.io/reviews/"},
		{name: "a deep sub-path without the final slash", fsys: reviews.FS(), opt: Options{BaseURL: "https://acme.github.io/a/b"}, base: "https://acme.github.io/a/b/"},
		{name: "a sub-path from fupan.yaml", fsys: withConfig("base_url: http://intranet.example:8080/ops/reviews/\n"), base: "http://intranet.example:8080/ops/reviews/"},
		{name: "an escaped sub-path", fsys: reviews.FS(), opt: Options{BaseURL: "https://acme.github.io/rev%20iews/%3Fx/"}, base: "https://acme.github.io/rev%20iews/%3Fx/"},
		{name: "fupan serve", fsys: reviews.FS(), opt: Options{BaseURL: "http://127.0.0.1:8080/", Live: true}, base: "http://127.0.0.1:8080/"},

		{name: "a path that starts another host", fsys: reviews.FS(), opt: Options{BaseURL: "https://acme.github.io//evil.example/"}, wantErr: true},
		{name: "an encoded slash", fsys: reviews.FS(), opt: Options{BaseURL: "https://acme.github.io/%2fevil.example/"}, wantErr: true},
		{name: "an encoded slash in capitals", fsys: reviews.FS(), opt: Options{BaseURL: "https://acme.github.io/%2Fevil.example/"}, wantErr: true},
		{name: "a backslash", fsys: reviews.FS(), opt: Options{BaseURL: `https://acme.github.io/\evil.example/`}, wantErr: true},
		{name: "an encoded backslash", fsys: reviews.FS(), opt: Options{BaseURL: "https://acme.github.io/%5cevil.example/"}, wantErr: true},
		{name: "a dot-dot segment", fsys: reviews.FS(), opt: Options{BaseURL: "https://acme.github.io/reviews/../..//evil.example/"}, wantErr: true},
		{name: "user info", fsys: reviews.FS(), opt: Options{BaseURL: "https://evil.example@acme.github.io/"}, wantErr: true},
		{name: "fupan.yaml: a path that starts another host", fsys: withConfig("base_url: https://acme.github.io//evil.example/\n"), wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := tc.opt
			opt.Theme = theme.FS()
			if tc.wantErr {
				// Refused by the check (fupan.yaml), and by Build all the
				// same, which a caller may call without checking first.
				repo, err := review.Load(tc.fsys, review.Options{})
				if err != nil {
					t.Fatal(err)
				}
				files, err := Build(repo, opt)
				if err == nil {
					t.Errorf("Build with base URL %q succeeded, want an error", cmp.Or(opt.BaseURL, repo.Config.BaseURL))
					checkSameOrigin(t, files, "https://acme.github.io/")
				}
				return
			}
			files, err := Build(load(t, tc.fsys), opt)
			if err != nil {
				t.Fatal(err)
			}
			checkSameOrigin(t, files, tc.base)
		})
	}
}

// checkSameOrigin checks every HTML page of files, read at base, and
// reports a URL that loads something from elsewhere.
func checkSameOrigin(t *testing.T, files Files, base string) {
	t.Helper()
	b, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	pages, urls := 0, 0
	for _, name := range files.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		// Where the page is read: its own address; 404.html at any.
		at := []string{name}
		if name == "404.html" {
			at = []string{"no-such-page", "reviews/no/such/page/"}
		}
		resolved := map[string]string{}
		for _, ref := range loadedURLs(t, name, files[name]) {
			urls++
			for _, p := range at {
				page := b.ResolveReference(&url.URL{Path: p})
				u, ok := sameOrigin(page, b, ref)
				if !ok {
					t.Errorf("%s (read at %s): %q loads from %s, not from the site %s", name, page, ref, u, base)
					continue
				}
				if r, seen := resolved[ref]; seen && r != u {
					t.Errorf("%s: %q is %s read at one depth and %s at another", name, ref, r, u)
				}
				resolved[ref] = u
			}
		}
	}
	if pages < 20 || urls < 100 {
		t.Errorf("checked %d URLs on %d pages: too few", urls, pages)
	}
}

// sameOrigin resolves ref as a browser does on page and reports whether
// it lies under base, on its origin.
func sameOrigin(page, base *url.URL, ref string) (string, bool) {
	// What a browser does first: drop tabs and newlines and the spaces
	// around, and read a backslash as a slash.
	ref = strings.Trim(ref, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	ref = strings.NewReplacer("\t", "", "\n", "", "\r", "", `\`, "/").Replace(ref)
	r, err := url.Parse(ref)
	if err != nil {
		return "unparsable (" + err.Error() + ")", false
	}
	u := page.ResolveReference(r)
	if u.Scheme != base.Scheme || u.Host != base.Host || u.User != nil {
		return u.String(), false
	}
	// A path that is an empty segment and a host in disguise.
	if strings.Contains(u.EscapedPath(), "//") || !strings.HasPrefix(u.EscapedPath(), base.EscapedPath()) {
		return u.String(), false
	}
	return u.String(), true
}

// cssURL is a url(…) in a style sheet or a style attribute.
var cssURL = regexp.MustCompile(`url\(\s*['"]?([^'")\s]*)`)

// scriptURL is a string in an inline script or JSON that reads as an
// absolute or protocol-relative URL (a comment // is not in quotes).
var scriptURL = regexp.MustCompile(`(?i)["'` + "`" + `]((?:[a-z][a-z0-9+.-]*:)?(?:/|\\|%2f|%5c){2}[^\s"'<>` + "`" + `]*)`)

// loadedURLs returns the URLs an HTML page loads something from: every
// src, srcset, poster, data, action, formaction and background; href on
// every element but a and area (which link, not load); a meta refresh;
// url(…) in styles; and whatever reads as an absolute URL in an inline
// script or JSON.
func loadedURLs(t *testing.T, name string, page []byte) []string {
	t.Helper()
	var out []string
	z := html.NewTokenizer(bytes.NewReader(page))
	inScript, inStyle := false, false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.TextToken:
			text := string(z.Text())
			if inStyle {
				for _, m := range cssURL.FindAllStringSubmatch(text, -1) {
					out = append(out, m[1])
				}
			}
			if inScript {
				for _, m := range scriptURL.FindAllStringSubmatch(text, -1) {
					out = append(out, m[1])
				}
			}
		case html.EndTagToken:
			inScript, inStyle = false, false
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			tag := tok.Data
			inScript = tag == "script" && tt == html.StartTagToken
			inStyle = tag == "style" && tt == html.StartTagToken
			var equiv, content string
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				if a.Namespace != "" {
					key = a.Namespace + ":" + key
				}
				switch key {
				case "src", "poster", "data", "action", "formaction", "background", "xlink:href", "xlink href":
					out = append(out, a.Val)
				case "href":
					if tag != "a" && tag != "area" {
						out = append(out, a.Val)
					}
				case "srcset", "imagesrcset":
					for _, c := range strings.Split(a.Val, ",") {
						if f := strings.Fields(c); len(f) > 0 {
							out = append(out, f[0])
						}
					}
				case "style":
					for _, m := range cssURL.FindAllStringSubmatch(a.Val, -1) {
						out = append(out, m[1])
					}
				case "http-equiv":
					equiv = strings.ToLower(a.Val)
				case "content":
					content = a.Val
				}
				if strings.HasPrefix(key, "on") {
					for _, m := range scriptURL.FindAllStringSubmatch(a.Val, -1) {
						out = append(out, m[1])
					}
				}
			}
			if equiv == "refresh" {
				if _, u, ok := strings.Cut(strings.ToLower(content), "url="); ok {
					out = append(out, strings.Trim(u, `'" `))
				}
			}
		}
	}
}
