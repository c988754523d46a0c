package review

import (
	"strconv"
	"strings"
	"testing"
)

const (
	blameAdvice          = "write what made the action reasonable at the time (what was known, what the tooling allowed) and which guard was missing, not who erred"
	counterfactualAdvice = "say what was known and reasonable at the time, and which guard (a test, an alert, a check) was missing, instead of what someone should have done"
)

func TestBlamelessLint(t *testing.T) {
	runFindingCases(t, []findingCase{
		{
			name:  "human error in the summary",
			edits: []string{"  For 32 minutes 12%", "  Human error: for 32 minutes 12%"},
			want:  []string{f + "9:3: warning: \"Human error\" in summary blames a person: " + blameAdvice},
		},
		{
			name:  "should have in why_not_caught",
			edits: []string{"and no test ran the", "and the on-call should have run the"},
			want:  []string{f + "34:75: warning: \"should have\" in why_not_caught is a counterfactual: " + counterfactualAdvice},
		},
		{
			name:  "粗心 in catch_next_time",
			edits: []string{"  A contract test runs", "  不再因为粗心漏测：A contract test runs"},
			want:  []string{f + "37:7: warning: \"粗心\" in catch_next_time blames a person: " + blameAdvice},
		},
		{
			name:  "本应该 in the body",
			edits: []string{"- 05:09 first 500", "- 05:09 first 500，值班同学本应该先看告警"},
			want:  []string{f + "56:23: warning: \"本应该\" in the body is a counterfactual: " + counterfactualAdvice},
		},
		{
			name:  "each in the body, with the line and column of each",
			edits: []string{"- 05:09 first 500", "- 05:09 operator error\n- 05:10 we shouldn't have deployed; 甩锅 is no fix"},
			want: []string{
				f + "56:9: warning: \"operator error\" in the body blames a person: " + blameAdvice,
				f + "57:12: warning: \"shouldn't have\" in the body is a counterfactual: " + counterfactualAdvice,
				f + "57:37: warning: \"甩锅\" in the body blames a person: " + blameAdvice,
			},
		},
		{
			name:  "in contributing_factors",
			edits: []string{"related: []", "contributing_factors:\n  - the deploy ran at 05:00\n  - a careless deploy\nrelated: []"},
			want:  []string{f + "53:7: warning: \"careless\" in contributing_factors[1] blames a person: " + blameAdvice},
		},
		{
			name:  "levels from fupan.yaml",
			edits: []string{"- 05:09 first 500", "- 05:09 human error; we could have known"},
			extra: map[string]string{"fupan.yaml": "lint:\n  blame: error\n  counterfactual: off\n"},
			want:  []string{f + "56:9: error: \"human error\" in the body blames a person: " + blameAdvice},
		},
		{
			name:  "the person_handle rule stays",
			edits: []string{"and no test ran the", "and @bob skipped the test that ran the"},
			want:  []string{f + "34:63: warning: why_not_caught names a person (@bob): say which test, review, alert or guard was missing, not who"},
		},
	})
}

// The phrases of the blameless rules, in English and Chinese, in every
// field they apply to and in the body; and the look-alikes that are not.
func TestBlamelessPhrases(t *testing.T) {
	places := []struct {
		name string
		put  func(t *testing.T, s string) string
	}{
		{"summary", func(t *testing.T, s string) string {
			return edit(t, "  For 32 minutes 12%", "  "+s+" For 32 minutes 12%")
		}},
		{"why_not_caught", func(t *testing.T, s string) string {
			return edit(t, "  cache with an unreachable server.", "  cache with an unreachable server. "+s)
		}},
		{"catch_next_time", func(t *testing.T, s string) string {
			return edit(t, "  expects the fallback path.", "  expects the fallback path. "+s)
		}},
		{"contributing_factors", func(t *testing.T, s string) string {
			q := yamlSingle(s)
			if strings.Contains(s, "'") {
				q = strconv.Quote(s)
			}
			return edit(t, "related: []", "contributing_factors:\n  - "+q+"\nrelated: []")
		}},
		{"body", func(t *testing.T, s string) string { return edit(t, "- 05:09 first 500", "- 05:09 first 500\n\n"+s) }},
	}
	for _, tt := range []struct {
		text, rule, match string // match "": no finding
	}{
		{"It was human error.", LintBlame, "human error"},
		{"Two Human-Errors in a row.", LintBlame, "Human-Errors"},
		{"An operator error on the console.", LintBlame, "operator error"},
		{"The engineer was careless.", LintBlame, "careless"},
		{"Carelessness in the rollout.", LintBlame, "Carelessness"},
		{"It was negligent to skip it.", LintBlame, "negligent"},
		{"It was their fault.", LintBlame, "their fault"},
		{"The deploy team was blamed.", LintBlame, "blamed"},
		{"Ops dropped the ball.", LintBlame, "dropped the ball"},
		{"Who wrote this retry loop?", LintBlame, "Who wrote this"},
		{"人为失误导致配置错误。", LintBlame, "人为失误"},
		{"值班同学粗心，漏看告警。", LintBlame, "粗心"},
		{"发布失误导致缓存击穿。", LintBlame, "失误导致"},
		{"不要甩锅给下游。", LintBlame, "甩锅"},
		{"这段代码谁写的？", LintBlame, "谁写的"},
		{"We should have run the canary.", LintCounterfactual, "should have"},
		{"We should've run the canary.", LintCounterfactual, "should've"},
		{"We should’ve run the canary.", LintCounterfactual, "should’ve"},
		{"It shouldn't have shipped.", LintCounterfactual, "shouldn't have"},
		{"It should not have shipped.", LintCounterfactual, "should not have"},
		{"SHOULD HAVE been caught in review.", LintCounterfactual, "SHOULD HAVE"},
		{"It should have been caught.", LintCounterfactual, "should have"},
		{"Someone could have noticed.", LintCounterfactual, "could have"},
		{"We could've rolled back.", LintCounterfactual, "could've"},
		{"The team ought to have paged.", LintCounterfactual, "ought to have"},
		{"If only the alert had fired.", LintCounterfactual, "If only"},
		{"值班同学本应该先回滚。", LintCounterfactual, "本应该"},
		{"这个告警早就应该加上。", LintCounterfactual, "早就应该"},
		{"如果当时有金丝雀，就能发现。", LintCounterfactual, "如果当时"},
		// Look-alikes.
		{"The postmortem is blameless.", "", ""},
		{"We ran git blame on cache.py.", "", ""},
		{"The error rate was 12%.", "", ""},
		{"The client raised a user error 400.", "", ""},
		{"The 500s could have been caused by the proxy.", "", ""},
		{"The cache could not have served it: it was empty.", "", ""},
		{"The cache couldn't have served it: it was empty.", "", ""},
		{"The log said `retry should have succeeded` at 05:09.", "", ""},
		{"The client logged \"could have been a timeout\".", "", ""},
		{"The retry should back off for 2 s.", "", ""},
		{"Shoulders of the latency curve.", "", ""},
		{"一个人为因素都没有。", "", ""},
		{"“本应该重试”是日志原文。", "", ""},
	} {
		for _, pl := range places {
			t.Run(pl.name+": "+tt.text, func(t *testing.T) {
				text := pl.put(t, tt.text)
				var got []string
				for _, l := range load(t, map[string]string{validName: text}) {
					if strings.Contains(l, "blames a person") || strings.Contains(l, "is a counterfactual") {
						got = append(got, l)
					}
				}
				if tt.match == "" {
					if len(got) > 0 {
						t.Errorf("findings on a look-alike:\n%s", strings.Join(got, "\n"))
					}
					return
				}
				line, col := at(t, text, tt.match)
				want := map[string]string{LintBlame: "blames a person", LintCounterfactual: "is a counterfactual"}[tt.rule]
				if len(got) != 1 || !strings.HasPrefix(got[0], f+strconv.Itoa(line)+":"+strconv.Itoa(col)+": warning: \""+tt.match+"\" in ") || !strings.Contains(got[0], want) {
					t.Errorf("findings:\n%s\nwant one at %d:%d, %q %s", strings.Join(got, "\n"), line, col, tt.match, want)
				}
			})
		}
	}
}

// missing_contributing_factors is off unless fupan.yaml sets it, and then
// asks a final review for the list.
func TestMissingContributingFactors(t *testing.T) {
	runFindingCases(t, []findingCase{
		{name: "off by default"},
		{
			name:  "required for final",
			extra: map[string]string{"fupan.yaml": "lint:\n  missing_contributing_factors: error\n"},
			want:  []string{f + "4:9: error: missing contributing_factors (required for status final by lint.missing_contributing_factors in fupan.yaml): list the conditions that together let it happen, e.g. - the client had no retry on a connect timeout"},
		},
		{
			name:  "an empty list is at its key",
			edits: []string{"related: []", "contributing_factors: []\nrelated: []"},
			extra: map[string]string{"fupan.yaml": "lint:\n  missing_contributing_factors: warning\n"},
			want:  []string{f + "51:1: warning: missing contributing_factors (required for status final by lint.missing_contributing_factors in fupan.yaml): list the conditions that together let it happen, e.g. - the client had no retry on a connect timeout"},
		},
		{
			name:  "given",
			edits: []string{"related: []", "contributing_factors: [no retry on connect timeout, the alert fired after 5 minutes]\nrelated: []"},
			extra: map[string]string{"fupan.yaml": "lint:\n  missing_contributing_factors: error\n"},
		},
		{
			name:  "not asked of a draft",
			edits: []string{"status: final", "status: draft"},
			extra: map[string]string{"fupan.yaml": "lint:\n  missing_contributing_factors: error\n"},
		},
		{
			name:  "a list of strings",
			edits: []string{"related: []", "contributing_factors: [{cause: x}]\nrelated: []"},
			want:  []string{f + "51:24: error: contributing_factors[0] is a mapping, want string: the conditions that together let it happen, several causes rather than one root cause, e.g. [the client had no retry on a connect timeout, the alert fired only after 5 minutes]"},
		},
	})
}
