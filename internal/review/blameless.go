package review

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// The blameless lints. A review is about where the failure chain broke
// and which guard was missing, not about who erred, nor about what
// someone should have done with what was learnt afterwards. Two rules,
// in English and Chinese, on summary, why_not_caught, catch_next_time,
// contributing_factors and the body:
//
//   - blame: "human error", "operator error", "careless", "negligent",
//     "their fault", "blamed", "dropped the ball", "who wrote this";
//     人为失误, 操作失误, 粗心, 马虎, 疏忽, 失误导致, 甩锅, 背锅, 谁写的;
//   - counterfactual: "should have" (should've, shouldn't have, should
//     not have, should also have), "could have", "ought to have", "if
//     only"; 本应该, 本该, 早就应该, 早该, 当初应该, 如果当时.
//
// Not matched: the words inside others (blameless, "git blame", which
// names a tool), "could not have" (a statement of what was impossible),
// "could have been caused by" and its like (a possibility, which the
// speculation rule is about), and words that are quoted rather than the
// review's own: code blocks, `code spans`, "quotations" and “引文”,
// 「引文」, and Markdown block quotes (> …), where a log line or a chat
// message is cited as it was.

// A phraseRule is a lint rule that looks for phrases in prose.
type phraseRule struct {
	lint     string
	words    []string // triggers: a text with none of them is not searched
	re       *regexp.Regexp
	skip     func(match string) bool // a match that is not one
	instead  string                  // what the message says to write instead
	describe string                  // "blames a person"
}

var blamelessRules = sync.OnceValue(func() []*phraseRule {
	return []*phraseRule{
		{
			lint: LintBlame,
			words: []string{"human", "operator", "engineer", "pilot", "careless", "neglig", "sloppy", "incompeten",
				"fault", "blam", "dropped the ball", "wrote this", "wrote that", "wrote the",
				"人为", "操作失误", "粗心", "马虎", "疏忽", "失误", "甩锅", "背锅", "谁写的", "低级错误", "不负责任", "追责"},
			re:       regexp.MustCompile(`(?i)\b(?:human|operator|engineer|pilot)[ -]errors?\b|\bcareless(?:ly|ness)?\b|\bnegligen(?:t|tly|ce)\b|\bslopp(?:y|ily|iness)\b|\bincompeten(?:t|ce|cy)\b|\b(?:his|her|their|your|my|our)\s+fault\b|\b(?:git\s+)?blam(?:e|ed|es|ing)\b|\bdropped\s+the\s+ball\b|\bwho\s+wrote\s+(?:this|that|the)\b|人为(?:失误|错误)|操作失误|粗心|马虎|疏忽|失误导致|甩锅|背锅|谁写的|低级错误|不负责任|追责`),
			skip:     func(m string) bool { return strings.HasPrefix(strings.ToLower(m), "git") },
			describe: "blames a person",
			instead:  "write what made the action reasonable at the time (what was known, what the tooling allowed) and which guard was missing, not who erred",
		},
		{
			lint:     LintCounterfactual,
			words:    []string{"should", "could", "ought", "if only", "本应", "本该", "早就应", "早该", "早应", "本来应该", "当初应该", "如果当时", "要是当时"},
			re:       regexp.MustCompile(`(?i)\b(?:should|could|ought\s+to)(?:n['’]t|\s+not|\s+never)?(?:\s+(?:also|really|just|easily|simply|clearly|obviously|definitely|certainly))?\s+have\b(?:\s+been\s+\w+)?|\b(?:should|could)['’]ve\b|\bif\s+only\b|本应该|本应|本该|早就应该|早该|早应该|本来应该|当初应该|如果当时|要是当时`),
			skip:     notCounterfactual,
			describe: "is a counterfactual",
			instead:  "say what was known and reasonable at the time, and which guard (a test, an alert, a check) was missing, instead of what someone should have done",
		},
	}
})

// notCounterfactual reports whether a match of "could have" is not a
// counterfactual: "could not have" (what was impossible), or "could have
// been caused" and its like (a possibility).
func notCounterfactual(m string) bool {
	l := strings.ToLower(m)
	if strings.HasPrefix(l, "could") && (strings.Contains(l, "n't") || strings.Contains(l, "n’t") || strings.Contains(l, " not ") || strings.Contains(l, " never ")) {
		return true
	}
	for _, p := range []string{"been caused", "been due", "been triggered", "been related", "been linked", "been the"} {
		if strings.HasSuffix(l, p) && strings.HasPrefix(l, "could") {
			return true
		}
	}
	return false
}

// trimMatch is the part of a match a message quotes: without the
// "been …" the rule reads to tell a possibility.
func trimMatch(m string) string {
	if i := strings.Index(strings.ToLower(m), " been "); i >= 0 {
		return m[:i]
	}
	return m
}

var blamelessTriggers = sync.OnceValue(func() *triggerSet {
	var ts []trigger
	for i, r := range blamelessRules() {
		for _, w := range r.words {
			ts = append(ts, trigger{text: []byte(w), id: i, fold: true})
		}
	}
	return newTriggerSet(ts)
})

// phraseIn returns the first match of the rule in text with quoted parts
// masked (maskQuoted), as [start, end), or nil.
func (r *phraseRule) phraseIn(text []byte) [][2]int {
	var out [][2]int
	masked := maskQuoted(text)
	for _, m := range r.re.FindAllIndex(masked, -1) {
		if s := string(text[m[0]:m[1]]); r.skip == nil || !r.skip(s) {
			out = append(out, [2]int{m[0], m[1]})
		}
	}
	return out
}

// rulesIn returns which blameless rules have a trigger in text.
func rulesIn(text []byte) (has [2]bool) {
	blamelessTriggers().find(text, func(t *trigger, _, _ int) { has[t.id] = true })
	return has
}

// lintBlameless adds the findings of the blameless rules.
func lintBlameless(r *Review, d *doc, src []byte, add func(rule string, f Finding)) {
	fields := []struct{ ptr, text string }{
		{"/summary", r.Summary}, {"/why_not_caught", r.WhyNotCaught}, {"/catch_next_time", r.CatchNextTime},
	}
	for i, c := range r.ContributingFactors {
		fields = append(fields, struct{ ptr, text string }{"/contributing_factors/" + strconv.Itoa(i), c})
	}
	for _, fld := range fields {
		text := []byte(fld.text)
		has := rulesIn(text)
		for i, rule := range blamelessRules() {
			if !has[i] {
				continue
			}
			if ms := rule.phraseIn(text); len(ms) > 0 {
				m := trimMatch(fld.text[ms[0][0]:ms[0][1]])
				f := d.find(Warning, fld.ptr, false, "%q in %s %s: %s", m, fieldPath(fld.ptr), rule.describe, rule.instead)
				f.Line, f.Col = d.textPos(src, fld.ptr, m)
				add(rule.lint, f)
			}
		}
	}
	bodyBlameless(src, r.BodyLine, func(i int, off int, m string) {
		line, col := position(src, off)
		rule := blamelessRules()[i]
		add(rule.lint, Finding{Line: line, Col: col, Field: "body", Message: fmt.Sprintf("%q in the body %s: %s", trimMatch(m), rule.describe, rule.instead)})
	})
}

// bodyBlameless calls fn with the file offset of every blameless match in
// the body that starts on file line bodyLine, outside code blocks and
// block quotes.
func bodyBlameless(src []byte, bodyLine int, fn func(rule, off int, match string)) {
	off := lineStart(src, bodyLine)
	if bodyLine == 0 || off < 0 || off >= len(src) {
		return
	}
	lines := map[int]bool{} // starts of the lines with a trigger
	blamelessTriggers().find(src[off:], func(_ *trigger, _, line int) { lines[off+line] = true })
	if len(lines) == 0 {
		return
	}
	for start, line := range proseLines(src, off) {
		if !lines[start] || bytes.HasPrefix(bytes.TrimLeft(line, " "), []byte(">")) {
			continue
		}
		has := rulesIn(line)
		for i, rule := range blamelessRules() {
			if has[i] {
				for _, m := range rule.phraseIn(line) {
					fn(i, start+m[0], string(line[m[0]:m[1]]))
				}
			}
		}
	}
}

// maskQuoted returns text with what it quotes blanked out, byte for byte
// (so offsets stay): `code spans`, "quotations", “quotations”, 「引文」
// and “引文”. An unclosed quote masks nothing.
func maskQuoted(text []byte) []byte {
	var out []byte
	for _, q := range [][2]string{{"`", "`"}, {`"`, `"`}, {"“", "”"}, {"「", "」"}, {"『", "』"}} {
		from := 0
		for {
			i := bytes.Index(text[from:], []byte(q[0]))
			if i < 0 {
				break
			}
			i += from
			j := bytes.Index(text[i+len(q[0]):], []byte(q[1]))
			if j < 0 {
				break
			}
			j += i + len(q[0]) + len(q[1])
			if out == nil {
				out = bytes.Clone(text)
			}
			for k := i; k < j; k++ {
				out[k] = ' '
			}
			from = j
		}
		if out != nil {
			text = out
		}
	}
	return text
}
