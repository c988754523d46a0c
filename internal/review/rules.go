package review

import (
	"cmp"
	"errors"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/fupan/fupan/internal/traceback"
)

// The rules a JSON Schema cannot say, on one review. Cross-file rules (ids,
// related) are in repo.go.

var fileNameRE = lazyRegexp(`^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$`)

// ParseFileName splits a review file name into its date and slug.
func ParseFileName(base string) (date, slug string, ok bool) {
	m := fileNameRE().FindStringSubmatch(base)
	if m == nil {
		return "", "", false
	}
	if _, err := time.Parse(time.DateOnly, m[1]); err != nil {
		return "", "", false
	}
	return m[1], m[2], true
}

// Slug returns the file-name slug of a title: "Order API 500s" gives
// "order-api-500s", at most 60 characters; a title with no ASCII letters
// or digits (a Chinese one) gives "".
func Slug(title string) string {
	slug := slugify(title)
	if len(slug) > 60 {
		slug = strings.TrimRight(slug[:60], "-")
	}
	return slug
}

// FileName returns the file name of a review of the given date and title:
// "2026-02-16-order-api-500s.md". A title with no slug (see Slug) gives
// the slug "review".
func FileName(date, title string) string {
	slug := Slug(title)
	if slug == "" {
		slug = "review"
	}
	return date + "-" + slug + ".md"
}

// namedDateRE is a date at the start of a file name, written as the
// convention wants or not: 2026-02-16, 20260216, 2026_2_16, 2026-02-30.
var namedDateRE = lazyRegexp(`^\d{4}[-_. ]?\d{1,2}[-_. ]?\d{1,2}(?:[-_. ]+|$)`)

// nameSlug is the part of a file name, without .md, that names the
// review, without the date it may start with: what a rename keeps.
func nameSlug(name string) string {
	if m := namedDateRE().FindString(name); m != "" {
		return name[len(m):]
	}
	return name
}

func checkFileName(r *Review, d *doc) []Finding {
	base := path.Base(r.Path)
	date, slug, ok := ParseFileName(base)
	if !ok {
		want := "YYYY-MM-DD-slug.md"
		if _, err := time.Parse(time.DateOnly, r.Date); err == nil {
			// The date from the front matter, the slug from the name
			// (else from the title): never a date twice.
			want = FileName(r.Date, cmp.Or(Slug(nameSlug(strings.TrimSuffix(base, ".md"))), r.Title))
		}
		return []Finding{{Line: 1, Col: 1, Severity: Error, Message: fmt.Sprintf(
			"the file name %q breaks the convention YYYY-MM-DD-slug.md (slug: lowercase letters, digits and single hyphens): rename it, e.g. to %s", base, want)}}
	}
	if d != nil && r.Date != "" && r.Date != date {
		// The rename keeps the slug, less a date it starts with (one
		// left there by an earlier rename); else it is the title's.
		if _, err := time.Parse(time.DateOnly, r.Date); err == nil {
			return []Finding{d.find(Error, "/date", false,
				"date %s differs from the date %s in the file name: the date is the day the incident began; mend whichever is wrong: rename the file to %s, or set date: %s",
				r.Date, date, r.Date+"-"+cmp.Or(nameSlug(slug), Slug(r.Title), "review")+".md", date)}
		}
	}
	return nil
}

func checkRules(r *Review, d *doc, cfg *Config) []Finding {
	var out []Finding
	add := func(f Finding) { out = append(out, f) }

	if r.Severity != "" && !slices.Contains(cfg.SeverityNames(), r.Severity) {
		f := d.find(Error, "/severity", false, "severity %q is not one of the configured severities %s", r.Severity, strings.Join(cfg.SeverityNames(), ", "))
		if s := suggest(r.Severity, cfg.SeverityNames()); s != "" {
			f.Message += fmt.Sprintf(": did you mean %q?", s)
		}
		add(f)
	}
	if len(cfg.Services) > 0 {
		for i, s := range r.Services {
			if !slices.Contains(cfg.Services, s) {
				f := d.find(Error, "/services/"+strconv.Itoa(i), false, "service %q is not in the catalog in fupan.yaml", s)
				if sg := suggest(s, cfg.Services); sg != "" {
					f.Message += fmt.Sprintf(": did you mean %q?", sg)
				} else {
					f.Message += ": add it to services in fupan.yaml"
				}
				add(f)
			}
		}
	}
	out = append(out, checkWindow(r, d)...)
	out = append(out, checkTraceback(r, d)...)
	for i, line := range d.strings("/config") {
		if _, _, ok := cutSetting(line); !ok && line != "" {
			add(d.find(Error, "/config/"+strconv.Itoa(i), false,
				"config line %q has no ' = ': write each setting in effect as 'name = value', e.g. settings.CACHE_TIMEOUT = 30", line))
		}
	}
	for i, v := range d.strings("/versions") {
		if msg := checkPin(v); msg != "" && v != "" {
			add(d.find(Error, "/versions/"+strconv.Itoa(i), false, "%s", msg))
		}
	}
	for i, a := range r.Actions {
		ptr := "/actions/" + strconv.Itoa(i) + "/owner"
		switch {
		case strings.HasPrefix(a.Owner, "@"):
			add(d.find(Error, ptr, false, "owner %q is a person: an action is owned by a team, e.g. team-orders", a.Owner))
		case len(cfg.Teams) > 0 && a.Owner != "" && !slices.Contains(cfg.Teams, a.Owner):
			f := d.find(Error, ptr, false, "owner %q is not one of the teams in fupan.yaml", a.Owner)
			if s := suggest(a.Owner, cfg.Teams); s != "" {
				f.Message += fmt.Sprintf(": did you mean %q?", s)
			}
			add(f)
		}
	}
	return out
}

func checkWindow(r *Review, d *doc) []Finding {
	var out []Finding
	w := r.Window
	if !w.Start.IsZero() && !w.End.IsZero() && !w.End.After(w.Start.Time) {
		out = append(out, d.find(Error, "/window/end", false,
			"window.end %s is not after window.start %s: the window is when the errors began and ended", w.End.Format(time.RFC3339), w.Start.Format(time.RFC3339)))
	}
	for _, t := range []struct {
		name string
		v    Time
	}{{"detected", w.Detected}, {"mitigated", w.Mitigated}} {
		if !w.Start.IsZero() && !t.v.IsZero() && t.v.Before(w.Start.Time) {
			out = append(out, d.find(Error, "/window/"+t.name, false,
				"window.%s %s is before window.start %s: it must fall inside or after the window", t.name, t.v.Format(time.RFC3339), w.Start.Format(time.RFC3339)))
		}
	}
	if !w.Detected.IsZero() && !w.Mitigated.IsZero() && w.Mitigated.Before(w.Detected.Time) {
		out = append(out, d.find(Error, "/window/mitigated", false,
			"window.mitigated is before window.detected: an incident is mitigated after it is detected"))
	}
	return out
}

func checkTraceback(r *Review, d *doc) []Finding {
	if r.Traceback != "" && r.TracebackAbsent != "" {
		return []Finding{d.find(Error, "/traceback_absent", true, "give traceback or traceback_absent, not both: remove traceback_absent")}
	}
	if r.Traceback == "" {
		return nil
	}
	tb, err := traceback.Parse(r.Traceback)
	if err != nil {
		f := d.find(Error, "/traceback", false, "traceback: %v: paste the whole traceback as printed, ending with its exception line", err)
		var te *traceback.Error
		if errors.As(err, &te) && te.Line > 0 {
			if loc, ok := d.at["/traceback"]; ok {
				n := loc.value
				f.Line = d.lineOff + n.Line + te.Line - 1
				if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
					f.Line++
				}
				f.Col = 1
			}
			f.Message = fmt.Sprintf("traceback: %s: paste the whole traceback as printed, ending with its exception line", te.Msg)
		}
		f.Err = err
		return []Finding{f}
	}
	r.Parsed = tb
	if i, other, ok := otherLanguage(r.Traceback, tb.Language); ok {
		// A warning: the first traceback is parsed and used as before.
		f := d.find(Warning, "/traceback", false,
			"traceback holds %s and, from this line, %s: keep only the traceback of this failure and move the other into the body",
			languageNames[tb.Language], languageNames[other])
		if loc, ok := d.at["/traceback"]; ok {
			f.Line, f.Col = valueLine(d, loc.value, i, 0)
		}
		return []Finding{f}
	}
	final := tb.Final().Type
	if len(r.Failure.Exceptions) > 0 && !slices.Contains(r.Failure.Exceptions, final) {
		return []Finding{d.find(Error, "/failure/exceptions", false,
			"failure.exceptions must include the traceback's final exception %s: add it, exactly as the traceback names it", final)}
	}
	return nil
}

// cutSetting splits a config line at the first " = ".
func cutSetting(line string) (name, value string, ok bool) {
	name, value, ok = strings.Cut(line, " = ")
	name, value = strings.TrimSpace(name), strings.TrimSpace(value)
	return name, value, ok && name != ""
}

var pinRE = lazyRegexp(`^[A-Za-z0-9][A-Za-z0-9._\-]*(\[[A-Za-z0-9._,\-]+\])?==[A-Za-z0-9][A-Za-z0-9._+!\-]*$`)

// checkPin returns what is wrong with a versions entry, or "".
func checkPin(v string) string {
	if pinRE().MatchString(v) {
		return ""
	}
	name := v
	for _, op := range []string{"===", "==", ">=", "<=", "~=", "!=", ">", "<", "^", "~", "@", " "} {
		if i := strings.Index(name, op); i > 0 {
			name = name[:i]
		}
	}
	return fmt.Sprintf("version %q is not pinned: write name==version with the exact version in effect, e.g. %s==1.2.3", v, strings.TrimSpace(name))
}
