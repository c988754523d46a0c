package site

import (
	"bytes"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/fupan/fupan/internal/review"
)

// llms writes llms.txt, the site described for language models and other
// programs (https://llmstxt.org): an H1 title, a blockquote that says what
// the site is, how to read and search it, then sections of links: the
// data files, every review's Markdown source (newest first, each with its
// date, severity, services and summary), and the pages a reader may skip
// (## Optional). Links are absolute with a base URL, else relative to the
// site's root. It is written in English whatever the site's language:
// what the reviews say is quoted as written.
func (s *site) llms() error {
	// Sized for what it will hold (3.9 MB at 10,000 reviews), and put as
	// it is: never grown, nor copied to be put.
	size := 8 << 10
	for _, rv := range s.reviews {
		if line, ok := s.llmsLines[rv]; ok {
			size += len(line)
		} else {
			size += 512
		}
	}
	b := bytes.NewBuffer(make([]byte, 0, size))
	link := func(text, target, note string) {
		b.WriteString("- [")
		b.WriteString(linkText(text))
		b.WriteString("](")
		b.WriteString(s.abs(target))
		b.WriteString(")")
		if note != "" {
			b.WriteString(": ")
			b.WriteString(note)
		}
		b.WriteString("\n")
	}
	b.WriteString("# " + oneLine(s.title) + "\n\n")
	b.WriteString("> " + strconv.Itoa(len(s.reviews)) + " incident reviews (post-mortems), one per incident: what failed and its impact, " +
		"the traceback and the failure chain, the config and versions in effect, why it was not caught, " +
		"the guard for next time, where to look first when it happens again, and the action items.\n\n")
	b.WriteString("Each review is a Markdown file with YAML front matter (the facts: title, date, severity, services, summary, window, traceback, failure, config, versions, actions) " +
		"and a Markdown body (timeline, discussion). Its id is its file name, YYYY-MM-DD-slug; its page is reviews/ID/ and " + s.sourcesSaid() + ". " +
		"reviews.json holds every review's front matter as JSON, newest first, described by reviews.schema.json.\n\n")
	b.WriteString("To search, the search page (search/?q=QUERY) runs in the browser. Its query syntax: words (code identifiers such as requests.exceptions.ConnectTimeout, settings.CACHE_TIMEOUT or redis-py==4.6.0 are words), \"a phrase\", " +
		"and filters: service:NAME, severity:SEV1, status:final, exception:KeyError, tag:redis, since:2025-01, until:2025-12-31. " +
		"Without a browser, read reviews.json; with the review repository, `fupan mcp` serves search, similar (prior incidents like a traceback), get_review and open_actions to coding assistants.\n\n")

	b.WriteString("## Data\n\n")
	link("reviews.json", "reviews.json", "every review's front matter as JSON, newest first")
	link("reviews.schema.json", "reviews.schema.json", "the JSON Schema of reviews.json")
	link("Atom feed", "atom.xml", "the newest reviews")

	b.WriteString(llmsReviews)
	for _, rv := range s.reviews {
		line, ok := s.llmsLines[rv]
		if !ok {
			at := b.Len()
			target := "reviews/" + url.PathEscape(rv.ID) + "/"
			if s.src != nil {
				target = s.sources.target(rv.ID)
			}
			note := []string{rv.Date, rv.Severity}
			if len(rv.Services) > 0 {
				note = append(note, strings.Join(rv.Services, ", "))
			}
			text := oneLine(strings.Join(note, " · "))
			if sum := cut(oneLine(rv.Summary), 240); sum != "" {
				text += ". " + sum
			}
			link(rv.Title, target, text)
			if s.render.keep { // a Builder's: the next build takes it
				s.llmsLines[rv] = string(b.Bytes()[at:])
			}
			continue
		}
		b.WriteString(line)
	}

	b.WriteString(llmsOptional)
	link("Search", "search/", "the search page (JavaScript)")
	link("All reviews", "reviews/", "the list of reviews, newest first")
	link("Open actions", "actions/", "every open action item, the earliest due first")
	link("Insights", "insights/", "charts of the reviews")
	s.put("llms.txt", b.Bytes())
	return nil
}

// The headings around the reviews' lines of llms.txt.
const (
	llmsReviews  = "\n## Reviews\n\n"
	llmsOptional = "\n## Optional\n\n"
)

// lastLLMs returns the line of each review of the last build o in the
// llms.txt of the site at dir, one a review in the order of o; none when
// that file is not the one the manifest stamps. A line depends only on
// its review and on the options, the same for a build that starts from
// the last (see update).
func lastLLMs(o *site, m *Manifest, dir string) map[*review.Review]string {
	lines := map[*review.Review]string{}
	data, ok := readStamped(filepath.Join(dir, "llms.txt"), m.Files["llms.txt"])
	if !ok {
		return lines
	}
	// The lines are taken from the file's bytes, never changed, as they
	// are: not copied into a string first.
	_, rest, ok := strings.Cut(unsafe.String(unsafe.SliceData(data), len(data)), llmsReviews)
	list, _, found := strings.Cut(rest, llmsOptional)
	if !ok || !found || strings.Count(list, "\n") != len(o.reviews) {
		return lines
	}
	for _, rv := range o.reviews {
		i := strings.IndexByte(list, '\n') + 1
		lines[rv], list = list[:i], list[i:]
	}
	return lines
}

// sourcesSaid says where the sources of the reviews are.
func (s *site) sourcesSaid() string {
	if !s.sources.packed() {
		return "its source reviews/ID/index.md"
	}
	return "its source is in a file of reviews/sources/ with a few others, under the heading ## ID, as its link (…#ID) says"
}

// oneLine folds every run of white space in s, line breaks included, into
// one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// linkText is s as the text of a Markdown link, on one line, with the
// characters that would end or break the link escaped.
func linkText(s string) string { return linkEscaper.Replace(oneLine(s)) }

// linkEscaper escapes what would end or break a Markdown link's text; made
// once, as a Replacer is costly to make and safe to share.
var linkEscaper = strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`)

// cut shortens s to at most n bytes, at a space when there is one, with
// an ellipsis.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	if j := strings.LastIndexByte(s[:i], ' '); j > n/2 {
		i = j
	}
	return strings.TrimRight(s[:i], " ,;:.") + "…"
}
