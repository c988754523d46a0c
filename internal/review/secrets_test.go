package review

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// The test secrets are put together from parts, so that this file holds
// no string that a secret scanner (fupan's, or a forge's) reports.
func join(parts ...string) string { return strings.Join(parts, "") }

// A secretShape is a line that holds a secret: the rule that must find
// it, and the secret itself (its position is the finding's).
type secretShape struct {
	name, rule string
	line       string // "%s" is the secret
	secret     string
	multiline  bool // the line is several lines: only for block places
}

var secretShapes = []secretShape{
	{name: "AWS access key id", rule: "aws-access-token", line: "export AWS_ACCESS_KEY_ID=%s", secret: join("AKIA", "Z3MJQ7TXV4NB2LKQ")},
	// The example key of AWS's documentation is reported too: a review is
	// no place for a key-shaped string, and a real key could end so.
	{name: "AWS documentation's example key", rule: "aws-access-token", line: "aws configure set aws_access_key_id %s", secret: join("AKIA", "IOSFODNN7EXAMPLE")},
	{name: "AWS secret access key", rule: "aws-secret-access-key", line: "aws_secret_access_key = %s", secret: join("wJalrXUtnFEMI/K7MDENG", "/bPxRfiCYzQ8rT2vLm9")},
	{name: "GitHub personal access token", rule: "github-pat", line: "git clone https://x:%s@github.com/acme/orders", secret: join("ghp_", "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5")},
	{name: "GitHub OAuth token", rule: "github-oauth", line: "GITHUB_TOKEN=%s gh api /user", secret: join("gho_", "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa")},
	{name: "GitHub App token", rule: "github-app-token", line: "token %s expired at 05:09", secret: join("ghs_", "16C7e42F292c6912E7710c838347Ae178B4a")},
	{name: "GitHub fine-grained token", rule: "github-fine-grained-pat", line: "the job used %s for the push", secret: join("github_pat_", "11ABCDEFG0abcdefghijkl_", strings.Repeat("mN3pQ5rS7t", 5), "uV9wX1yZ3")},
	{name: "GitLab token", rule: "gitlab-pat", line: "PRIVATE-TOKEN: %s", secret: join("glpat-", "x9Kd8Lm2Np4Qr6St8Uv0")},
	{name: "Slack bot token", rule: "slack-token", line: "SLACK_BOT=%s", secret: join("xoxb-", "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx")},
	{name: "Slack webhook", rule: "slack-webhook-url", line: "curl -X POST https://hooks.slack.com/services/%s -d '{}'", secret: join("T024BE7LD/B08", "1AL3J5QD/qZ8wR4tY6uI2oP0aS3dF5gH7")},
	{name: "Stripe live key", rule: "stripe-access-token", line: "stripe.api_key = '%s'", secret: join("sk_live_", "4eC39HqLyjWDarjtT1zdp7dc")},
	{name: "Google API key", rule: "gcp-api-key", line: "https://maps.googleapis.com/maps/api/geocode/json?key=%s", secret: join("AIza", "SyD3asb2pEZVqMkmL6M9N6nHZRR8znhrh0X")},
	{name: "OpenAI key", rule: "openai-api-key", line: "OPENAI_API_KEY=%s", secret: join("sk-proj-", strings.Repeat("Ab3De5Fg7H", 5))},
	{name: "Twilio key", rule: "twilio-api-key", line: "twilio --api-key %s", secret: join("SK", "2d4f6a8c0e1b3d5f7a9c1e3b5d7f9a1c")},
	{name: "JWT", rule: "jwt", line: "cookie session=%s", secret: join("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", ".", "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ", ".", "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")},
	{name: "bearer token in a curl line", rule: "authorization-header", line: `curl -s -H "Authorization: Bearer %s" https://api.internal/v1/order`, secret: "Zm9vYmFyYmF6cXV4MTIzNDU2"},
	{name: "API key header in a curl line", rule: "authorization-header", line: "curl -H 'X-API-Key: %s' https://api.internal/", secret: "7f3c9a1e5b2d8f4a6c0e"},
	{name: "password in curl --user", rule: "curl-auth-user", line: "curl -u admin:%s https://erp.internal/stock", secret: "Zq8wR4tY6u"},
	{name: "password in a database URL", rule: "url-password", line: "DATABASE_URL=postgresql://orders:%s@db-1:5432/orders", secret: "Zq8wR4tY6u"},
	{name: "password in a redis URL, no user", rule: "url-password", line: "redis://:%s@prod-cache:6379/0", secret: "hunter2"},
	{name: "password assignment", rule: "secret-assignment", line: "DB_PASSWORD=%s", secret: "Zq8$wR4!tY6u"},
	{name: "quoted secret in JSON", rule: "secret-assignment", line: `{"client_secret": "%s"}`, secret: "4f9a2c7e1b8d3f6a0c5e9b2d7f1a4c8e"},
	{name: "Python keyword argument", rule: "secret-assignment", line: "redis.Redis(host='prod-cache', password='%s')", secret: "Xk9#mP2vL8nQ4"},
	{name: "a flag's value", rule: "secret-assignment", line: "mysql --password %s -e 'select 1'", secret: "Zq8wR4tY6u9"},
	{name: "an api key in YAML", rule: "secret-assignment", line: "api_key: %s", secret: "3f2504e0-4f89-11d3-9a0c-0305e82c3301"},
	{name: "a password in Chinese", rule: "secret-assignment", line: "数据库密码：%s", secret: "Zq8wR4tY6u"},
	{name: "private key", rule: "private-key", multiline: true, secret: join("-----BEGIN RSA ", "PRIVATE KEY-----"),
		line: "%s\nMIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\n-----END RSA PRIVATE KEY-----"},
	{name: "private key in a JSON string", rule: "private-key", secret: join("-----BEGIN ", "PRIVATE KEY-----"),
		line: `"private_key": "%s\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n"`},
}

// A secretPlace is where in a review a line goes: each is the valid
// review with the line put into a field, a comment or the body.
type secretPlace struct {
	name, field string
	block       bool // takes several lines
	put         func(t *testing.T, line string) string
}

func indent(line, by string) string {
	return by + strings.ReplaceAll(line, "\n", "\n"+by)
}

var secretPlaces = []secretPlace{
	{"summary (folded)", "summary", false, func(t *testing.T, line string) string {
		return edit(t, "  For 32 minutes 12%", indent(line, "  ")+"\n  For 32 minutes 12%")
	}},
	{"reproduction (literal block)", "reproduction", true, func(t *testing.T, line string) string {
		return edit(t, "reproduction: |\n", "reproduction: |\n"+indent(line, "  ")+"\n")
	}},
	{"why_not_caught", "why_not_caught", false, func(t *testing.T, line string) string {
		return edit(t, "  cache with an unreachable server.", "  cache with an unreachable server.\n"+indent(line, "  "))
	}},
	{"config item", "config[2]", false, func(t *testing.T, line string) string {
		return edit(t, "  - socket_timeout = 2\n", "  - socket_timeout = 2\n  - "+yamlSingle(line)+"\n")
	}},
	{"failure.dependency", "failure.dependency", false, func(t *testing.T, line string) string {
		return edit(t, "  dependency: redis://prod-cache:6379", "  dependency: "+yamlSingle(line))
	}},
	{"a comment of the front matter", "", false, func(t *testing.T, line string) string {
		return edit(t, "---\n\n## Timeline", "# "+line+"\n---\n\n## Timeline")
	}},
	{"body", "body", false, func(t *testing.T, line string) string {
		return edit(t, "- 05:09 first 500", "- 05:09 first 500\n- 05:12 "+line)
	}},
	{"a code block of the body", "body", true, func(t *testing.T, line string) string {
		return edit(t, "- 05:09 first 500", "- 05:09 first 500\n\n```sh\n"+line+"\n```")
	}},
}

// yamlSingle quotes s as a YAML single-quoted scalar.
func yamlSingle(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// at returns the 1-based line and column, in characters, of the first
// s in text.
func at(t *testing.T, text, s string) (line, col int) {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q is not in the review", s)
	}
	line = strings.Count(text[:i], "\n") + 1
	return line, utf8.RuneCountInString(text[strings.LastIndex(text[:i], "\n")+1:i]) + 1
}

// secretFindings returns the findings that are about secrets.
func secretFindings(findings []Finding) []Finding {
	var out []Finding
	for _, f := range findings {
		if strings.Contains(f.Message, "rotate it") {
			out = append(out, f)
		}
	}
	return out
}

func loadFindings(t *testing.T, files map[string]string) []Finding {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	repo, err := Load(fsys, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return repo.Findings
}

// Every shape of secret is found in every place, at the secret's own
// line and column, naming the kind and the rule but not the secret.
func TestSecretShapes(t *testing.T) {
	for _, sh := range secretShapes {
		for _, pl := range secretPlaces {
			if sh.multiline && !pl.block {
				continue
			}
			t.Run(sh.name+" in "+pl.name, func(t *testing.T) {
				text := pl.put(t, fmt.Sprintf(sh.line, sh.secret))
				got := secretFindings(loadFindings(t, map[string]string{validName: text}))
				if len(got) != 1 {
					t.Fatalf("%d secret findings, want 1:\n%s\nin:\n%s", len(got), strings.Join(lines(got), "\n"), text)
				}
				f := got[0]
				line, col := at(t, text, sh.secret)
				if f.Line != line || f.Col != col || f.Severity != Error {
					t.Errorf("finding at %d:%d (%s), want %d:%d (error): %s", f.Line, f.Col, f.Severity, line, col, f.Message)
				}
				if !strings.Contains(f.Message, " "+sh.rule+" to secrets.allow") {
					t.Errorf("message does not name rule %s: %s", sh.rule, f.Message)
				}
				if f.Field != pl.field {
					t.Errorf("field %q, want %q", f.Field, pl.field)
				}
				if strings.Contains(f.Message, sh.secret) {
					t.Errorf("the message holds the secret: %s", f.Message)
				}
			})
		}
	}
}

// A finding's message, in full, for one shape and place.
func TestSecretMessage(t *testing.T) {
	runFindingCases(t, []findingCase{
		{
			name:  "a password in the dependency's URL",
			edits: []string{"  dependency: redis://prod-cache:6379", "  dependency: redis://:" + "Zq8wR4tY6u" + "@prod-cache:6379"},
			want:  []string{f + "27:24: error: a password in a URL in failure.dependency: replace it with *** or a placeholder such as user:***@host, and rotate it: it is in git history now (not a secret? add fupan:allow-secret to the line, or url-password to secrets.allow in fupan.yaml)"},
		},
		{
			name:  "an assignment in a code block names the setting",
			edits: []string{"- 05:09 first 500", "```\nexport PGPASSWORD=" + "Zq8$wR4!tY6u" + "\n```"},
			want:  []string{f + "57:19: error: a secret value assigned to PGPASSWORD in a code block of the body: replace it with *** or a placeholder such as ${PGPASSWORD}, and rotate it: it is in git history now (not a secret? add fupan:allow-secret to the line, or secret-assignment to secrets.allow in fupan.yaml)"},
		},
		{
			name:  "a front matter that does not decode is scanned too",
			edits: []string{"severity: SEV2", "severity: [SEV2\nsummary_token: " + "Zq8$wR4!tY6u"},
			want: []string{
				f + "5:1: error: YAML syntax error: did not find expected ',' or ']': check the indentation, and quote values that contain ': ' or start with a special character",
				f + "6:16: error: a secret value assigned to summary_token in the front matter: replace it with *** or a placeholder such as ${SUMMARY_TOKEN}, and rotate it: it is in git history now (not a secret? add fupan:allow-secret to the line, or secret-assignment to secrets.allow in fupan.yaml)",
			},
		},
	})
}

// Look-alikes are not secrets: placeholders, references, names that
// merely contain a secret's word, and prose.
func TestSecretLookAlikes(t *testing.T) {
	for _, line := range []string{
		"password = ***",
		"password: '***'",
		"token_ttl = 30",
		"max_tokens = 4096",
		"settings.SESSION_TOKEN_TTL = 3600",
		"postgresql://user:password@host/db",
		"postgresql://user:<password>@host/db",
		"postgresql://app:${DB_PASSWORD}@db-1/orders",
		"redis://:xxx@prod-cache:6379",
		"amqp://guest:guest@localhost:5672//",
		"curl -u admin:admin http://localhost:15672/api/queues",
		"amqp://guest:***@rabbit:5672//",
		"https://deploy@git.internal/acme/orders.git",
		"git@github.com:acme/orders.git",
		"redis://prod-cache:6379",
		"password: <password>",
		"DB_PASSWORD=${DB_PASSWORD}",
		"password=$DB_PASSWORD",
		"password: xxx",
		"password: xxxxxxxxxxxx",
		"secret: changeme",
		"SECRET_KEY = os.environ['SECRET_KEY']",
		"SECRET_KEY = settings.SECRET_KEY",
		"api_key: YOUR_API_KEY",
		"api_key = {{ secrets.API_KEY }}",
		"password_file = /run/secrets/db-password",
		"the token: expired after 30 minutes",
		"the webhook secret: mismatched between the two regions",
		"POST /v1/token rose from 246 ms to 16.9 s",
		"curl -H 'Authorization: Bearer $TOKEN' https://api.internal/",
		`curl -H "Authorization: Bearer ${API_TOKEN}" https://api.internal/`,
		"curl -H 'Authorization: Bearer <token>' https://api.internal/",
		"curl -u user:password https://erp.internal/",
		`curl -u "$ERP_USER:$ERP_PASSWORD" https://erp.internal/`,
		"bearer authentication failed for 12% of requests",
		join("ghp_", strings.Repeat("x", 36)),
		join("AKIA", "XXXXXXXXXXXXXXXX"),
		"the key file starts with -----BEGIN RSA PRIVATE KEY----- and holds nothing else we can show",
		"a sha256 of 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		"RISK_API_VERIFY_TLS = true",
		"settings.CACHE_TIMEOUT = 30",
	} {
		for _, pl := range secretPlaces {
			t.Run(line+" in "+pl.name, func(t *testing.T) {
				got := secretFindings(loadFindings(t, map[string]string{validName: pl.put(t, line)}))
				if len(got) > 0 {
					t.Errorf("a secret in a look-alike:\n%s", strings.Join(lines(got), "\n"))
				}
			})
		}
	}
}

func TestSecretAllow(t *testing.T) {
	jwt := join("eyJhbGciOiJIUzI1NiJ9", ".", "eyJzdWIiOiJvcmRlci1hcGkifQ", ".", "c2lnbmF0dXJlMTIzNDU2")
	runFindingCases(t, []findingCase{
		{
			name:  "the marker on the line",
			edits: []string{"- 05:09 first 500", "- 05:09 the test token " + jwt + " <!-- fupan:allow-secret -->"},
		},
		{
			name:  "the marker in a YAML comment",
			edits: []string{"  dependency: redis://prod-cache:6379", "  dependency: redis://:" + "Zq8wR4tY6u" + "@prod-cache:6379 # fupan:allow-secret"},
		},
		{
			name:  "the marker on another line does not count",
			edits: []string{"- 05:09 first 500", "- 05:09 the test token " + jwt + "\n<!-- fupan:allow-secret -->"},
			want:  []string{f + "56:24: error: a JSON Web Token in the body: replace it with *** or a placeholder such as <JWT>, and rotate it: it is in git history now (not a secret? add fupan:allow-secret to the line, or jwt to secrets.allow in fupan.yaml)"},
		},
		{
			name:  "the rule allowed in fupan.yaml",
			edits: []string{"- 05:09 first 500", "- 05:09 curl -H 'Authorization: Bearer " + jwt + "'"},
			extra: map[string]string{"fupan.yaml": "secrets:\n  allow: [jwt]\n"},
		},
		{
			name:  "an unknown rule in fupan.yaml",
			extra: map[string]string{"fupan.yaml": "secrets:\n  allow: [jwt, jwts, aws]\n"},
			want: []string{
				"fupan.yaml:2:16: error: unknown secret rule \"jwts\" in secrets.allow: did you mean \"jwt\"?",
				"fupan.yaml:2:22: error: unknown secret rule \"aws\" in secrets.allow: the rules are " + strings.Join(SecretRuleIDs(), ", "),
			},
		},
	})
}

// No finding prints a secret, whatever rule made it: those that quote a
// value (an unknown key, a config line, a version) have it masked.
func TestSecretMaskedInEveryFinding(t *testing.T) {
	token := join("ghp_", "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5")
	password := "Zq8$wR4!tY6u"
	text := edit(t,
		"  - socket_timeout = 2\n", "  - socket_timeout = 2\n  - db.password="+password+"\n",
		"versions: [redis-py==4.6.0]", "versions: [redis-py==4.6.0, "+token+"]",
		"related: []", "related: []\n"+token+": 1",
		"status: final", "status: \"final "+token+"\"",
	)
	got := loadFindings(t, map[string]string{validName: text})
	if n := len(secretFindings(got)); n != 4 {
		t.Errorf("%d secret findings, want 4:\n%s", n, strings.Join(lines(got), "\n"))
	}
	if len(got) < 8 {
		t.Errorf("%d findings, want the secrets' and those that quote them:\n%s", len(got), strings.Join(lines(got), "\n"))
	}
	for _, f := range got {
		for _, s := range []string{token, password} {
			if strings.Contains(f.Message, s) || strings.Contains(f.Field, s) || f.Err != nil && strings.Contains(f.Err.Error(), s) {
				t.Errorf("a finding holds a secret: %s (field %s)", f.Message, f.Field)
			}
		}
	}
}

func TestEntropy(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want float64
	}{{"", 0}, {"aaaa", 0}, {"ab", 1}, {"abcd", 2}, {"12345678", 3}} {
		if got := entropy(tt.s); got != tt.want {
			t.Errorf("entropy(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
	if diff := cmp.Diff([]string{"DB_PASSWORD", "PGPASSWORD", ""}, []string{envName("db.password"), envName("--PGPASSWORD"), envName("密码")}); diff != "" {
		t.Errorf("envName (-want +got):\n%s", diff)
	}
}

// The scan never panics, what it finds lies in the source, and its
// findings never hold what they found.
func FuzzSecrets(f *testing.F) {
	for _, sh := range secretShapes {
		f.Add(fmt.Sprintf(sh.line, sh.secret))
	}
	f.Add("curl -u a:b \\\n  -u c:" + "Zq8wR4tY6u\\")
	f.Add("password=''")
	f.Add("-----BEGIN PRIVATE KEY-----")
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(s)
		for _, found := range scanner().find(src) {
			if found.start < 0 || found.end > len(src) || found.start >= found.end {
				t.Fatalf("range %d:%d of %d bytes", found.start, found.end, len(src))
			}
		}
		findings, secrets := scanSecrets(src, 1, nil, nil)
		maskSecrets(findings, secrets)
		for _, f := range findings {
			for _, sec := range secrets {
				if len(sec) >= 8 && strings.Contains(f.Message, sec) {
					t.Fatalf("finding holds %q: %s", sec, f.Message)
				}
			}
		}
	})
}
