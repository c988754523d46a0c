package review

import "testing"

func TestLint(t *testing.T) {
	runFindingCases(t, []findingCase{
		{
			name:  "a guess in the summary",
			edits: []string{"  For 32 minutes 12%", "  For 32 minutes, probably, 12%"},
			want:  []string{f + "9:19: warning: \"probably\" in summary is a guess: state what was checked, with versions and config"},
		},
		{
			name:  "a guess in Chinese in why_not_caught",
			edits: []string{"  redis-py==4.6.0 does not retry", "  可能是因为 redis-py==4.6.0 does not retry"},
			want:  []string{f + "34:3: warning: \"可能是因为\" in why_not_caught is a guess: state what was checked, with versions and config"},
		},
		{
			name:  "a guess in the body",
			edits: []string{"- 05:09 first 500", "- 05:09 first 500\n- 05:12 I think the cache was slow"},
			want:  []string{f + "57:9: warning: \"I think\" in the body is a guess: state what was checked, with versions and config"},
		},
		{
			name:  "no guess inside a code block of the body",
			edits: []string{"- 05:09 first 500", "```python\nmaybe = retry()  # maybe\n```"},
		},
		{
			name:  "maybe inside an identifier is no guess",
			edits: []string{"  For 32 minutes 12%", "  For 32 minutes maybe_retry() left 12%"},
		},
		{
			name:  "a summary with no measured number",
			edits: []string{"  For 32 minutes 12% of POST /api/v1/order returned 500 because\n  cache.get_user_profile() raised ConnectionError on a 2 s socket timeout.", "  Orders failed because the cache was slow."},
			want:  []string{f + "8:10: warning: summary has no measured number: say how much and how long, e.g. \"p50 of the query rose from 80ms to 2.4s for 32 minutes\""},
		},
		{
			name:  "an open action past its due date",
			edits: []string{"status: open, due: 2026-03-01", "status: open, due: 2026-02-01"},
			want:  []string{f + "50:90: warning: action \"Pin tenacity==8.2.3 in requirements.txt\" is open and past its due date 2026-02-01: do it, mark it done or wontfix, or set a new due date"},
		},
		{
			name:  "a done action past its due date is fine",
			edits: []string{"status: open, due: 2026-03-01", "status: done, due: 2026-02-01"},
		},
		{
			name:  "a person's handle in why_not_caught",
			edits: []string{"and no test ran the", "and @bob skipped the test that ran the"},
			want:  []string{f + "34:63: warning: why_not_caught names a person (@bob): say which test, review, alert or guard was missing, not who"},
		},
		{
			name:  "lint level error",
			edits: []string{"  For 32 minutes 12%", "  For 32 minutes, maybe, 12%"},
			extra: map[string]string{"fupan.yaml": "lint:\n  speculation: error\n"},
			want:  []string{f + "9:19: error: \"maybe\" in summary is a guess: state what was checked, with versions and config"},
		},
		{
			name:  "lint level off",
			edits: []string{"  For 32 minutes 12%", "  For 32 minutes, maybe, 12%"},
			extra: map[string]string{"fupan.yaml": "lint:\n  speculation: off\n"},
		},
		{
			name:  "fupan.yaml with an unknown setting and a bad lint rule",
			extra: map[string]string{"fupan.yaml": "title: Reviews\nlanguge: zh-CN\n"},
			want:  []string{"fupan.yaml:2:1: error: unknown setting \"languge\": did you mean \"language\"?"},
		},
		{
			name:  "fupan.yaml with bad values",
			extra: map[string]string{"fupan.yaml": "language: fr\ntimezone: Mars/Olympus\nlint:\n  guesses: error\n  overdue_action: loud\n"},
			want: []string{
				"fupan.yaml:1:1: error: language \"fr\" is not supported: use en or zh-CN",
				"fupan.yaml:2:1: error: timezone \"Mars/Olympus\" is unknown: use an IANA name such as Asia/Shanghai or UTC",
				"fupan.yaml:4:3: error: unknown lint rule \"guesses\": the rules are speculation, unmeasured_summary, overdue_action, person_handle, blame, counterfactual, missing_contributing_factors",
				"fupan.yaml:5:1: error: lint level \"loud\" for overdue_action: use error, warning or off",
			},
		},
		{
			name:  "fupan.yaml with a misspelt lint rule",
			extra: map[string]string{"fupan.yaml": "title: Reviews\nlint:\n  overdue_action: error\n  speculaton: off\n"},
			want:  []string{"fupan.yaml:4:3: error: unknown lint rule \"speculaton\": did you mean \"speculation\"?"},
		},
	})
}
