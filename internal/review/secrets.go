package review

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Secrets are an error: a review is published, and its file is in git
// history for good. The scan reads the file as written, every line of the
// front matter (values, block scalars, comments) and of the body (code
// blocks too), so a finding is at the secret's own line and column. A
// finding names the kind of secret and the rule, never the secret; and
// since other findings may quote a value (an unknown key, a config line),
// every finding on the file has its secrets masked (maskSecrets).
//
// What is not a secret: a line holding "fupan:allow-secret", and the
// rules listed under secrets.allow in fupan.yaml.

// AllowSecretMarker on a line of a review tells the secret scan that what
// it finds on that line is no secret.
const AllowSecretMarker = "fupan:allow-secret"

// SecretRuleIDs returns the ids of the secret rules, for secrets.allow.
func SecretRuleIDs() []string {
	rules := secretRules()
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = r.ID
	}
	return ids
}

// A foundSecret is a secret in a source: the rule and its byte range.
type foundSecret struct {
	rule       *secretRule
	start, end int
	key        string // the name assigned to, for secret-assignment
	// material, when set, is the range of the secret to mask, where it is
	// not [start, end): the key of a PEM block, whose header is not secret.
	material [2]int
}

// secretScanner finds the lines worth a rule's regular expression in one
// pass over the source (a triggerSet of every rule's triggers).
type secretScanner struct{ triggers *triggerSet }

var scanner = sync.OnceValue(func() *secretScanner {
	var ts []trigger
	for i, r := range secretRules() {
		for _, t := range r.triggers {
			ts = append(ts, trigger{text: []byte(t), id: i, fold: r.fold})
		}
	}
	return &secretScanner{newTriggerSet(ts)}
})

// find returns the secrets of src, in order, one per range: where two
// rules find overlapping ranges, the rule listed first (the more
// specific) keeps it.
func (s *secretScanner) find(src []byte) []foundSecret {
	type job struct{ rule, line int }
	var jobs []job
	seen := map[job]bool{}
	s.triggers.find(src, func(t *trigger, i, line int) {
		r := secretRules()[t.id]
		if r.wordStart && i > 0 && isWordByte(src[i-1]) || r.assigned && !assignedAt(src, i, i+len(t.text)) {
			return
		}
		if j := (job{t.id, line}); !seen[j] {
			seen[j] = true
			jobs = append(jobs, j)
		}
	})
	if len(jobs) == 0 {
		return nil
	}
	var found []foundSecret
	for _, j := range jobs {
		found = append(found, secretRules()[j.rule].find(src, j.line)...)
	}
	// The first rule of the list keeps a range; then in file order.
	slices.SortStableFunc(found, func(a, b foundSecret) int { return ruleIndex(a.rule) - ruleIndex(b.rule) })
	var kept []foundSecret
	for _, f := range found {
		if !slices.ContainsFunc(kept, func(k foundSecret) bool { return f.start < k.end && k.start < f.end }) {
			kept = append(kept, f)
		}
	}
	slices.SortFunc(kept, func(a, b foundSecret) int { return a.start - b.start })
	return kept
}

func ruleIndex(r *secretRule) int { return slices.Index(secretRules(), r) }

// find runs the rule on the line of src that starts at line.
func (r *secretRule) find(src []byte, line int) []foundSecret {
	if r.scan != nil {
		var out []foundSecret
		for _, sp := range r.scan(src, line) {
			f := foundSecret{rule: r, start: sp[0], end: sp[1]}
			if len(sp) == 4 {
				f.material = [2]int{sp[2], sp[3]}
			}
			out = append(out, f)
		}
		return out
	}
	text := src[line:]
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	if r.need != "" && !bytes.ContainsAny(text, r.need) {
		return nil
	}
	var out []foundSecret
	si, ki, fi, ui := r.re.SubexpIndex("s"), r.re.SubexpIndex("k"), r.re.SubexpIndex("f"), r.re.SubexpIndex("u")
	for _, m := range r.re.FindAllSubmatchIndex(text, -1) {
		f := foundSecret{rule: r}
		if si >= 0 {
			f.start, f.end = m[2*si], m[2*si+1]
		} else {
			// An assignment: the value follows the match.
			f.start, f.end = assignedValue(text, m[1])
			for _, k := range []int{ki, fi} {
				if k >= 0 && m[2*k] >= 0 {
					f.key = string(text[m[2*k]:m[2*k+1]])
				}
			}
			if f.key == "" {
				f.key = strings.TrimRight(string(text[m[0]:m[1]]), " \t=:>：\"']")
			}
		}
		if f.start < 0 || f.start >= f.end {
			continue
		}
		secret := string(text[f.start:f.end])
		if ui >= 0 && m[2*ui] >= 0 && string(text[m[2*ui]:m[2*ui+1]]) == secret {
			continue // user:user, a default
		}
		if r.entropy > 0 && entropy(secret) < r.entropy || isTemplate(secret) {
			continue
		}
		if r.keep != nil && !r.keep(secret) {
			continue
		}
		f.start += line
		f.end += line
		out = append(out, f)
	}
	return out
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// assignedAt reports whether a secret's name whose last word is src[start:i]
// is assigned a value there: followed by a separator (= : := => ：), maybe
// after a closing quote or bracket, or by a space when it is a flag
// (--password VALUE). A name that goes on (token_ttl) is not.
func assignedAt(src []byte, start, i int) bool {
	if i < len(src) && (src[i] == 's' || src[i] == 'S') {
		i++ // credentials
	}
	if i < len(src) && (src[i] == '"' || src[i] == '\'' || src[i] == ']') {
		i++
	}
	if i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		j := start
		for j > 0 && (isWordByte(src[j-1]) || src[j-1] == '-') {
			j--
		}
		return bytes.HasPrefix(src[j:], []byte("--"))
	}
	if i < len(src) && (src[i] == '=' || src[i] == ':') {
		return true
	}
	return bytes.HasPrefix(src[i:], []byte("："))
}

// assignedValue returns the range of the value that starts at i of line:
// up to the closing quote when quoted, else up to a space or a character
// that ends a value in code or prose (, ; & ) ] } >), less a final full
// stop.
func assignedValue(line []byte, i int) (start, end int) {
	if i >= len(line) {
		return -1, -1
	}
	// A quote, or one escaped inside a YAML or JSON string ('' or \").
	for _, q := range []string{"''", `\"`, `"`, "'", "`"} {
		if bytes.HasPrefix(line[i:], []byte(q)) {
			j := bytes.Index(line[i+len(q):], []byte(q))
			if j < 0 {
				return -1, -1
			}
			return i + len(q), i + len(q) + j
		}
	}
	j := i
	for j < len(line) && !strings.ContainsRune(" \t,;&)]}>\"'`", rune(line[j])) {
		j++
	}
	for j > i && (line[j-1] == '.' || line[j-1] == ':') {
		j--
	}
	return i, j
}

// scanPrivateKey finds a PEM private key that begins on the line: the
// header "-----BEGIN … PRIVATE KEY-----" followed by key material (a
// line of base64, or the headers of an encrypted key), on its line
// (a one-line JSON string with \n) or the next. A header alone, or with
// "…" or "***" for a body, is a mention, not a key.
func scanPrivateKey(src []byte, line int) [][]int {
	var out [][]int
	text := src[line:]
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	for _, m := range pemHeaderRE().FindAllIndex(text, -1) {
		after := src[line+m[1]:]
		if len(after) > 512 {
			after = after[:512]
		}
		if b := pemBodyRE().FindSubmatchIndex(after); b != nil {
			body := line + m[1]
			out = append(out, []int{line + m[0], line + m[1], body + b[2], body + b[3]})
		}
	}
	return out
}

var (
	pemHeaderRE = lazyRegexp(`-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----`)
	pemBodyRE   = lazyRegexp(`^(?:\\n|\\r|["'\s|>-])*(?:Proc-Type:[^\n]*\n|Comment:[^\n]*\n|Version:[^\n]*\n|\s)*([A-Za-z0-9+/=]{24,})`)
)

// scanCurlUser finds the password of curl's -u/--user user:password in the
// curl command that starts on the line, continued with a final backslash.
func scanCurlUser(src []byte, line int) [][]int {
	var out [][]int
	for off := line; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		text := src[off : off+end]
		var ms [][]int
		if bytes.Contains(text, []byte("-u")) || bytes.Contains(text, []byte("--user")) {
			ms = curlUserRE().FindAllSubmatchIndex(text, -1)
		}
		for _, m := range ms {
			user, pw := string(text[m[2]:m[3]]), string(text[m[4]:m[5]])
			if pw != user && passwordLike(pw) && !isTemplate(pw) {
				out = append(out, []int{off + m[4], off + m[5]})
			}
		}
		if !bytes.HasSuffix(bytes.TrimRight(text, " \t"), []byte(`\`)) {
			break
		}
		off += end + 1
	}
	return out
}

var curlUserRE = lazyRegexp(`(?:^|\s)(?:-u|--user)(?:=|[ \t]+)["']?([^\s:"']+):([^\s"']+)`)

// Whether a value is a credential or stands for one.
var (
	envNameRE     = lazyRegexp(`^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Z]+$`)
	wordsRE       = lazyRegexp(`^[a-z]+(?:[ _-][a-z]+)*$`)
	identifierRE  = lazyRegexp(`^[A-Za-z_][A-Za-z_]*(?:\.[A-Za-z_][A-Za-z_]*)+$`)
	placeholderRE = lazyRegexp(`^(?:[*xX.#?•●…_-]+|<.*>|\{.*\}|\[.*\]|\(.*\)|%.*%)$`)
)

// placeholderWords are, as lower-case words, what stands for a secret in
// documentation: "password" itself, "changeme", "redacted".
var placeholderWords = map[string]bool{
	"password": true, "passwd": true, "pass": true, "pwd": true, "pw": true, "secret": true, "token": true,
	"apikey": true, "api_key": true, "changeme": true, "change_me": true, "changeit": true,
	"redacted": true, "masked": true, "hidden": true, "removed": true, "omitted": true,
	"none": true, "null": true, "nil": true, "empty": true, "unset": true, "undefined": true,
	"true": true, "false": true, "required": true, "optional": true, "string": true,
}

// placeholderParts are what a placeholder holds, in lower case.
var placeholderParts = []string{"example", "placeholder", "redacted", "changeme", "change_me", "dummy", "sample",
	"your_", "your-", "yourpassword", "yourtoken", "xxxx", "****", "...", "not-a-real", "notreal"}

// isTemplate reports whether a value is a template's or a shell's
// reference to a secret, not one: ${VAR}, $VAR, {{ … }}, %(name)s, or
// made of one repeated character (xxxx, ****).
func isTemplate(v string) bool {
	if strings.HasPrefix(v, "$") || strings.Contains(v, "${") || strings.Contains(v, "{{") ||
		strings.Contains(v, "%(") || strings.Contains(v, "<") || strings.Contains(v, ">") {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(v); strings.Count(v, string(r)) == utf8.RuneCountInString(v) {
		return true
	}
	return false
}

// passwordLike reports whether the password of a URL or of curl --user is
// a real one: not a placeholder (password, <password>, ***, ${DB_PASSWORD},
// xxx). In that place any other word is a password, whatever its entropy.
func passwordLike(v string) bool {
	if v == "" || isTemplate(v) || placeholderRE().MatchString(v) || placeholderWords[strings.ToLower(v)] {
		return false
	}
	lower := strings.ToLower(v)
	for _, p := range placeholderParts {
		if strings.Contains(lower, p) {
			return false
		}
	}
	return true
}

// credentialLike reports whether a value assigned to a secret's name (or
// sent as a token) looks like a credential: at least 8 characters, high
// in entropy for its length, and not a placeholder, an environment
// variable's name (DB_PASSWORD), a dotted name (settings.SECRET_KEY), a
// call or a path (os.environ[…], /run/secrets/db), or plain lower-case
// words (a sentence: "token: expired").
func credentialLike(v string) bool {
	if len(v) < 8 || len(v) > 512 || !passwordLike(v) {
		return false
	}
	if envNameRE().MatchString(v) || wordsRE().MatchString(v) || identifierRE().MatchString(v) ||
		strings.ContainsAny(v, "([") || strings.HasPrefix(v, "/") || strings.HasPrefix(v, "./") || strings.HasPrefix(v, "~/") {
		return false
	}
	return entropy(v) >= min(3.0, 0.85*math.Log2(float64(len(v))))
}

// entropy is the Shannon entropy of s, in bits per byte.
func entropy(s string) float64 {
	if s == "" {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	n := float64(len(s))
	h := 0.0
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// scanSecrets returns the findings of the secrets in src (a cleaned review
// file) and the secrets themselves, for maskSecrets; d, when the front
// matter decoded, names the field each is in. Secrets on a line with
// AllowSecretMarker, and those of a rule in allow, are left out.
func scanSecrets(src []byte, bodyLine int, d *doc, allow []string) ([]Finding, []string) {
	found := scanner().find(src)
	if len(found) == 0 {
		return nil, nil
	}
	var out []Finding
	var secrets []string
	for _, s := range found {
		lineStart := bytes.LastIndexByte(src[:s.start], '\n') + 1
		lineEnd := len(src)
		if i := bytes.IndexByte(src[s.start:], '\n'); i >= 0 {
			lineEnd = s.start + i
		}
		if bytes.Contains(src[lineStart:lineEnd], []byte(AllowSecretMarker)) || slices.Contains(allow, s.rule.ID) {
			continue
		}
		line, col := position(src, s.start)
		field, where := secretField(src, line, col, bodyLine, d)
		kind, placeholder := s.rule.Kind, s.rule.Placeholder
		if s.key != "" {
			kind = "a secret value assigned to " + s.key
			if name := envName(s.key); name != "" {
				placeholder = "${" + name + "}"
			}
		}
		out = append(out, Finding{Line: line, Col: col, Severity: Error, Field: field, Message: fmt.Sprintf(
			"%s in %s: replace it with *** or a placeholder such as %s, and rotate it: it is in git history now (not a secret? add %s to the line, or %s to secrets.allow in fupan.yaml)",
			kind, where, placeholder, AllowSecretMarker, s.rule.ID)})
		if s.material != [2]int{} {
			secrets = append(secrets, string(src[s.material[0]:s.material[1]]))
		} else {
			secrets = append(secrets, string(src[s.start:s.end]))
		}
	}
	return out, secrets
}

// envName is the name of the environment variable for a setting:
// db.password gives DB_PASSWORD; "" when it has no ASCII letter.
func envName(key string) string {
	var b strings.Builder
	for _, c := range strings.TrimLeft(key, "-") {
		switch {
		case 'a' <= c && c <= 'z':
			b.WriteRune(c - 'a' + 'A')
		case 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			b.WriteRune(c)
		case c < utf8.RuneSelf:
			b.WriteByte('_')
		}
	}
	name := strings.Trim(b.String(), "_")
	if strings.Trim(name, "0123456789_") == "" {
		return ""
	}
	return name
}

// secretField names where a position of the file is: the front matter
// field whose value holds it, or the body (and whether in a code block).
func secretField(src []byte, line, col, bodyLine int, d *doc) (field, where string) {
	if bodyLine > 0 && line >= bodyLine {
		if inCodeBlock(src, bodyLine, line) {
			return "body", "a code block of the body"
		}
		return "body", "the body"
	}
	if bodyLine == 0 {
		return "", "the file"
	}
	if d == nil {
		return "", "the front matter"
	}
	best, bl, bc := "", 0, 0
	for ptr, loc := range d.at {
		if ptr == "" {
			continue
		}
		// Where the field starts: its key, else (a list item) its value.
		n := loc.value
		if loc.key != nil {
			n = loc.key
		}
		l, c := d.lineOff+n.Line, n.Column
		if (l < line || l == line && c <= col) && (l > bl || l == bl && c > bc || l == bl && c == bc && len(ptr) > len(best)) {
			best, bl, bc = ptr, l, c
		}
	}
	if best == "" || inComment(src, line, col, d.at[best], d.lineOff) {
		return "", "a comment of the front matter"
	}
	return fieldPath(best), fieldPath(best)
}

// inComment reports whether a position of the front matter is in a YAML
// comment: on a line that starts with #, or after " #" on its line,
// unless the line is the content of a block scalar (| or >) that began
// before it, where # is text.
func inComment(src []byte, line, col int, loc location, lineOff int) bool {
	off := 0
	for l := 1; l < line; l++ {
		off += bytes.IndexByte(src[off:], '\n') + 1
	}
	text := src[off:]
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	trimmed := bytes.TrimLeft(text, " ")
	if n := loc.value; n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 && lineOff+n.Line < line {
		keyCol := n.Column
		if loc.key != nil {
			keyCol = loc.key.Column
		}
		if len(text)-len(trimmed) >= keyCol {
			return false // the block's content
		}
	}
	before := text
	for i := range text {
		if col--; col == 0 {
			before = text[:i]
			break
		}
	}
	return bytes.HasPrefix(trimmed, []byte("#")) || bytes.Contains(before, []byte(" #"))
}

// inCodeBlock reports whether file line line, in the body that starts on
// bodyLine, is inside a fenced code block.
func inCodeBlock(src []byte, bodyLine, line int) bool {
	var fence codeFence
	off := 0
	for l := 1; l < line && off < len(src); l++ {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			break
		}
		if l >= bodyLine {
			fence.step(src[off : off+end])
		}
		off += end + 1
	}
	return fence.open()
}

// maskSecrets replaces every secret in the findings' messages and fields
// with ***, as written and as Go quotes it (%q), so that no finding
// prints a secret, whatever rule made it.
func maskSecrets(findings []Finding, secrets []string) {
	if len(secrets) == 0 {
		return
	}
	// Longer first: a secret that holds another is masked whole.
	secrets = slices.Clone(secrets)
	slices.SortFunc(secrets, func(a, b string) int { return len(b) - len(a) })
	var pairs []string
	for _, s := range secrets {
		pairs = append(pairs, s, "***")
		if q := strconv.Quote(s); q[1:len(q)-1] != s {
			pairs = append(pairs, q[1:len(q)-1], "***")
		}
	}
	r := strings.NewReplacer(pairs...)
	for i := range findings {
		f := &findings[i]
		f.Message = r.Replace(f.Message)
		f.Field = r.Replace(f.Field)
		if f.Err != nil && r.Replace(f.Err.Error()) != f.Err.Error() {
			f.Err = nil // its text holds a secret
		}
	}
}
