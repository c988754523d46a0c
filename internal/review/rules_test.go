package review

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fupan/fupan/internal/traceback"
)

// edit returns the valid review with each old string replaced by the next
// new one; it fails the test when an old string is not there.
func edit(t *testing.T, pairs ...string) string {
	t.Helper()
	s := validReview(t)
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("edit: %q is not in the valid review", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

const f = validName + ":"

// A findingCase is a repository made of the valid review with edits, and
// more files, and the findings it must give.
type findingCase struct {
	name  string
	edits []string
	extra map[string]string // more files in the repository
	want  []string
}

func runFindingCases(t *testing.T, cases []findingCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{validName: edit(t, tc.edits...)}
			for k, v := range tc.extra {
				files[k] = v
			}
			if diff := cmp.Diff(tc.want, load(t, files)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRules(t *testing.T) {
	runFindingCases(t, []findingCase{
		{
			name:  "unknown key suggests the field meant",
			edits: []string{"catch_next_time:", "catch_next_tme:"},
			want: []string{
				f + "36:1: error: unknown field \"catch_next_tme\": did you mean \"catch_next_time\"?",
			},
		},
		{
			name:  "unknown nested key",
			edits: []string{"  metric: redis_client_errors_total", "  metrc: redis_client_errors_total"},
			want: []string{
				f + "40:3: error: unknown field \"metrc\": did you mean \"metric\"?",
			},
		},
		{
			name:  "status typo",
			edits: []string{"status: final", "status: finl"},
			want:  []string{f + "4:9: error: status is \"finl\", want one of draft, ready, final: did you mean \"final\"?"},
		},
		{
			name:  "ready needs a reproduction",
			edits: []string{"status: final", "status: ready", "reproduction: |\n  python -c \"import redis; redis.Redis(host='prod-cache', socket_timeout=2).get('x')\"\n", ""},
			want:  []string{f + "4:1: error: missing reproduction (required from status ready): the minimal reproduction: a curl command, a python -c line, a script"},
		},
		{
			name:  "a stray key beside traceback_absent",
			edits: []string{"traceback: |", "traceback_absent: the pod was OOM-killed\nold_traceback: |"},
			want:  []string{f + "16:1: error: unknown field \"old_traceback\": did you mean \"traceback\"?"},
		},
		{
			name:  "traceback_absent is enough",
			edits: []string{"traceback: |\n  Traceback (most recent call last):\n    File \"/app/api/v1/order.py\", line 88, in create_order\n      profile = cache.get_user_profile(user_id)\n    File \"/app/cache.py\", line 42, in get_user_profile\n      raw = client.get(f\"profile:{user_id}\")\n  redis.exceptions.ConnectionError: Timeout connecting to server\n", "traceback_absent: the worker was OOM-killed before it could log\n"},
		},
		{
			name:  "neither traceback nor traceback_absent",
			edits: []string{"traceback: |\n  Traceback (most recent call last):\n    File \"/app/api/v1/order.py\", line 88, in create_order\n      profile = cache.get_user_profile(user_id)\n    File \"/app/cache.py\", line 42, in get_user_profile\n      raw = client.get(f\"profile:{user_id}\")\n  redis.exceptions.ConnectionError: Timeout connecting to server\n", ""},
			want:  []string{f + "4:1: error: missing traceback or traceback_absent (required from status ready): a real, reproducible traceback (Python, Java or Go), as a block string (traceback: |)"},
		},
		{
			name:  "an empty field is a missing field, reported at its key",
			edits: []string{"why_not_caught: >\n  redis-py==4.6.0 does not retry after a connect timeout, and no test ran the\n  cache with an unreachable server.\n", "why_not_caught:\n"},
			want:  []string{f + "33:1: error: missing why_not_caught (required from status final): why no test, review, alert or guard stopped it"},
		},
		{
			name:  "draft needs only the basics",
			edits: []string{"status: final", "status: draft", "catch_next_time:", "catch_next_time_later:"},
			want:  []string{f + "36:1: error: unknown field \"catch_next_time_later\": did you mean \"catch_next_time\"?"},
		},
		{
			name:  "date differs from the file name",
			edits: []string{"date: 2026-02-16", "date: 2026-02-17"},
			want:  []string{f + "3:7: error: date 2026-02-17 differs from the date 2026-02-16 in the file name: the date is the day the incident began; mend whichever is wrong: rename the file to 2026-02-17-order-api-profile-cache.md, or set date: 2026-02-16"},
		},
		{
			name:  "date is not a date",
			edits: []string{"date: 2026-02-16", "date: 16/02/2026"},
			want:  []string{f + "3:7: error: date is \"16/02/2026\", want a date YYYY-MM-DD, e.g. 2026-02-16"},
		},
		{
			name:  "timestamp without offset",
			edits: []string{"end: 2026-02-16T05:41:00+08:00", "end: 2026-02-16T05:41:00"},
			want:  []string{f + "13:8: error: window.end is \"2026-02-16T05:41:00\", want an RFC 3339 timestamp with offset, e.g. 2026-02-16T05:09:07+08:00"},
		},
		{
			name:  "window ends before it starts",
			edits: []string{"end: 2026-02-16T05:41:00+08:00", "end: 2026-02-16T05:01:00+08:00"},
			want:  []string{f + "13:8: error: window.end 2026-02-16T05:01:00+08:00 is not after window.start 2026-02-16T05:09:07+08:00: the window is when the errors began and ended"},
		},
		{
			name:  "detected before the window",
			edits: []string{"detected: 2026-02-16T05:14:00+08:00", "detected: 2026-02-16T04:14:00+08:00"},
			want:  []string{f + "14:13: error: window.detected 2026-02-16T04:14:00+08:00 is before window.start 2026-02-16T05:09:07+08:00: it must fall inside or after the window"},
		},
		{
			name:  "exceptions miss the traceback's final exception",
			edits: []string{"exceptions: [redis.exceptions.ConnectionError]", "exceptions: [ConnectionError]"},
			want:  []string{f + "28:15: error: failure.exceptions must include the traceback's final exception redis.exceptions.ConnectionError: add it, exactly as the traceback names it"},
		},
		{
			name:  "a traceback with no exception line",
			edits: []string{"  redis.exceptions.ConnectionError: Timeout connecting to server\n", ""},
			want:  []string{f + "16:1: error: traceback: " + tracebackMsg(t, "Traceback (most recent call last):\n  File \"/app/api/v1/order.py\", line 88, in create_order\n    profile = cache.get_user_profile(user_id)\n  File \"/app/cache.py\", line 42, in get_user_profile\n    raw = client.get(f\"profile:{user_id}\")") + ": paste the whole traceback as printed, ending with its exception line"},
		},
		{
			name:  "config line without ' = '",
			edits: []string{"  - socket_timeout = 2", "  - socket_timeout: 2"},
			want:  []string{f + "31:5: error: config[1] is a mapping, want string: settings in effect, each 'name = value', e.g. settings.CACHE_TIMEOUT = 30"},
		},
		{
			name:  "config line with '=' but no spaces",
			edits: []string{"  - socket_timeout = 2", "  - socket_timeout=2"},
			want:  []string{f + "31:5: error: config line \"socket_timeout=2\" has no ' = ': write each setting in effect as 'name = value', e.g. settings.CACHE_TIMEOUT = 30"},
		},
		{
			name:  "unpinned version",
			edits: []string{"versions: [redis-py==4.6.0]", "versions: [redis-py>=4.6, tenacity]"},
			want: []string{
				f + "32:12: error: version \"redis-py>=4.6\" is not pinned: write name==version with the exact version in effect, e.g. redis-py==1.2.3",
				f + "32:27: error: version \"tenacity\" is not pinned: write name==version with the exact version in effect, e.g. tenacity==1.2.3",
			},
		},
		{
			name:  "verification watches no symptom going down",
			edits: []string{"{metric: http_status_code_5xx, expect: down}", "{metric: http_status_code_5xx, expect: flat}"},
			want:  []string{f + "46:5: error: verification.watch needs a metric with expect: down (the symptom), besides one that would show a side effect of the fix"},
		},
		{
			name:  "verification watches one metric only",
			edits: []string{"    - {metric: http_client_retry_count, expect: flat}\n", ""},
			want:  []string{f + "46:5: error: verification.watch has 1 item(s), needs at least 2: metrics watched: at least one that goes down (the symptom) and one more that would show a side effect of the fix"},
		},
		{
			name:  "expect is not a direction",
			edits: []string{"expect: flat}", "expect: same}"},
			want:  []string{f + "47:49: error: verification.watch[1].expect is \"same\", want one of down, flat, up"},
		},
		{
			name:  "an action owned by a person",
			edits: []string{"owner: team-orders, status: done", "owner: \"@alice\", status: done"},
			want:  []string{f + "49:69: error: owner \"@alice\" is a person: an action is owned by a team, e.g. team-orders"},
		},
		{
			name:  "tags are lowercase",
			edits: []string{"tags: [redis, timeout, retry]", "tags: [Redis, timeout]"},
			want:  []string{f + "7:8: error: tags[0] \"Redis\" must match ^[a-z0-9-]+$: write \"redis\""},
		},
		{
			name:  "related names no review",
			edits: []string{"related: []", "related: [2026-01-01-redis-timeot]"},
			extra: map[string]string{"reviews/2026-01-01-redis-timeout.md": draft("2026-01-01")},
			want:  []string{f + "51:11: error: related \"2026-01-01-redis-timeot\" is not the id of any review: did you mean \"2026-01-01-redis-timeout\"?"},
		},
		{
			name:  "related names the review itself",
			edits: []string{"related: []", "related: [2026-02-16-order-api-profile-cache]"},
			want:  []string{f + "51:11: error: related names this review itself: remove \"2026-02-16-order-api-profile-cache\""},
		},
		{
			name:  "title too long",
			edits: []string{"title: Order API 500s while the profile cache timed out", "title: " + strings.Repeat("x", 121)},
			want:  []string{f + "2:8: error: title is 121 characters long, at most 120: shorten it"},
		},
		{
			name:  "severity outside the defaults",
			edits: []string{"severity: SEV2", "severity: critical"},
			want:  []string{f + "5:11: error: severity \"critical\" is not one of the configured severities SEV1, SEV2, SEV3, SEV4"},
		},
		{
			name:  "services is a list",
			edits: []string{"services: [order-api]", "services: order-api"},
			want:  []string{f + "6:11: error: services is a string, want array: the services that failed, e.g. [order-api]"},
		},
		{
			name:  "a field given twice",
			edits: []string{"severity: SEV2", "severity: SEV2\nseverity: SEV3"},
			want:  []string{f + "6:1: error: field \"severity\" is given twice (first on line 5): keep one"},
		},
		{
			name:  "services and teams checked against fupan.yaml",
			edits: []string{"services: [order-api]", "services: [order-apii]"},
			extra: map[string]string{"fupan.yaml": "services: [order-api, payment-gateway]\nteams: [team-orders, team-payments]\n"},
			want:  []string{f + "6:12: error: service \"order-apii\" is not in the catalog in fupan.yaml: did you mean \"order-api\"?"},
		},
		{
			name:  "owner outside the teams of fupan.yaml",
			edits: []string{"owner: team-orders, status: done", "owner: team-order, status: done"},
			extra: map[string]string{"fupan.yaml": "teams: [team-orders, team-payments]\n"},
			want:  []string{f + "49:69: error: owner \"team-order\" is not one of the teams in fupan.yaml: did you mean \"team-orders\"?"},
		},
		{
			name:  "configured severities",
			extra: map[string]string{"fupan.yaml": "severities: [P0, P1, P2]\n"},
			want:  []string{f + "5:11: error: severity \"SEV2\" is not one of the configured severities P0, P1, P2"},
		},
	})
}

// tracebackMsg is the traceback package's own message for text, so that
// this test follows its wording.
func tracebackMsg(t *testing.T, text string) string {
	t.Helper()
	_, err := traceback.Parse(text)
	te, ok := errors.AsType[*traceback.Error](err)
	if !ok {
		t.Fatalf("traceback.Parse(%q): err = %v, want a *traceback.Error", text, err)
	}
	return te.Msg
}

// The file name a finding suggests has the front matter's date, once, and
// the slug of the name (else of the title), once.
func TestRenameSuggestion(t *testing.T) {
	const convention = "breaks the convention YYYY-MM-DD-slug.md (slug: lowercase letters, digits and single hyphens): rename it, e.g. to "
	for _, tt := range []struct {
		file, date, want string
	}{
		{"2026-02-17-profile-cache.md", "2026-02-16", "3:7: error: date 2026-02-16 differs from the date 2026-02-17 in the file name: the date is the day the incident began; mend whichever is wrong: rename the file to 2026-02-16-profile-cache.md, or set date: 2026-02-17"},
		// A slug that an earlier rename left a date in.
		{"2026-02-17-2026-02-17-profile-cache.md", "2026-02-16", "3:7: error: date 2026-02-16 differs from the date 2026-02-17 in the file name: the date is the day the incident began; mend whichever is wrong: rename the file to 2026-02-16-profile-cache.md, or set date: 2026-02-17"},
		{"2026-02-17-2026-02-17.md", "2026-02-16", "3:7: error: date 2026-02-16 differs from the date 2026-02-17 in the file name: the date is the day the incident began; mend whichever is wrong: rename the file to 2026-02-16-a-draft.md, or set date: 2026-02-17"},
		// A name off the convention, with a date of its own.
		{"2026-02-17-Profile-Cache.md", "2026-02-16", "1:1: error: the file name \"2026-02-17-Profile-Cache.md\" " + convention + "2026-02-16-profile-cache.md"},
		{"2026-02-16-Profile-Cache.md", "2026-02-16", "1:1: error: the file name \"2026-02-16-Profile-Cache.md\" " + convention + "2026-02-16-profile-cache.md"},
		{"2026-2-17-profile.md", "2026-02-16", "1:1: error: the file name \"2026-2-17-profile.md\" " + convention + "2026-02-16-profile.md"},
		{"20260217-profile.md", "2026-02-16", "1:1: error: the file name \"20260217-profile.md\" " + convention + "2026-02-16-profile.md"},
		{"2026_02_17_profile_cache.md", "2026-02-16", "1:1: error: the file name \"2026_02_17_profile_cache.md\" " + convention + "2026-02-16-profile-cache.md"},
		{"2026-02-30-profile.md", "2026-02-16", "1:1: error: the file name \"2026-02-30-profile.md\" " + convention + "2026-02-16-profile.md"},
		{"2026-02-17.md", "2026-02-16", "1:1: error: the file name \"2026-02-17.md\" " + convention + "2026-02-16-a-draft.md"},
		{"Profile Cache.md", "2026-02-16", "1:1: error: the file name \"Profile Cache.md\" " + convention + "2026-02-16-profile-cache.md"},
		// Digits that are not a date stay in the slug.
		{"2026021799-x.md", "2026-02-16", "1:1: error: the file name \"2026021799-x.md\" " + convention + "2026-02-16-2026021799-x.md"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			name := "reviews/" + tt.file
			want := []string{name + ":" + tt.want}
			if diff := cmp.Diff(want, load(t, map[string]string{name: draft(tt.date)})); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

// draft returns a minimal valid draft review of the given date.
func draft(date string) string {
	return "---\ntitle: A draft\ndate: " + date + "\nstatus: draft\nseverity: SEV4\nservices: [order-api]\nsummary: 3 requests failed.\n---\n"
}
