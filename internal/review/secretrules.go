package review

import (
	"regexp"
	"sync"
)

// The secret rules. The providers' token shapes are ported from gitleaks'
// default rule set (github.com/zricethezav/gitleaks/v8, config/gitleaks.toml,
// v8.30.1, MIT licence), keeping its rule ids, so that a team that knows
// gitleaks knows the names. Its detector is not used as a library: it
// brings some sixty modules (viper, archive readers, a terminal UI kit)
// for the couple of dozen regular expressions a review needs. The rules
// for what gitleaks does not say the same way (passwords in URLs,
// Authorization headers anywhere, assignments) are fupan's own.
//
// A rule's regular expression runs only on the lines that hold one of its
// triggers (see secretScanner): the group named "s" is the secret, and a
// group "u", the user name, makes a password equal to it no secret: a
// well-known default such as RabbitMQ's guest:guest.

// A secretRule is one kind of credential.
type secretRule struct {
	ID          string   // the rule id, for secrets.allow in fupan.yaml
	Kind        string   // what it is, with an article: "an AWS access key id"
	Placeholder string   // what to write instead
	triggers    []string // literal text on a line that may hold it
	fold        bool     // the triggers match in any case
	re          *regexp.Regexp
	need        string  // when set, a line holds one of these bytes, or re is not run
	wordStart   bool    // a trigger counts only at the start of a word
	assigned    bool    // a trigger counts only where a value is assigned to it (assignedAt)
	entropy     float64 // the secret's least Shannon entropy, bits per byte
	// keep, when set, says whether a match is a credential rather than a
	// placeholder or a reference (credentialLike, passwordLike).
	keep func(secret string) bool
	// scan, when set, replaces re: it finds the secrets of the logical
	// line (or block) that begins at line, for multi-line shapes: each
	// the range reported, and maybe the range of what to mask.
	scan func(src []byte, line int) [][]int
}

// token returns the rule of a provider's token: the secret is the group
// "s" of re, found on a line that holds one of triggers (in their case),
// with at least entropy bits per byte (0: any).
func token(id, kind, placeholder string, entropy float64, re string, triggers ...string) *secretRule {
	return &secretRule{ID: id, Kind: kind, Placeholder: placeholder, triggers: triggers, re: regexp.MustCompile(re), entropy: entropy}
}

// end is what may follow a token: not a character of one.
const end = `(?:[^0-9A-Za-z_-]|$)`

var secretRules = sync.OnceValue(func() []*secretRule {
	return []*secretRule{
		{
			ID: "aws-access-token", Kind: "an AWS access key id", Placeholder: "<AWS_ACCESS_KEY_ID>",
			triggers: []string{"A3T", "AKIA", "ASIA", "ABIA", "ACCA"}, wordStart: true,
			re:      regexp.MustCompile(`\b(?P<s>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b`),
			entropy: 3,
		},
		{
			ID: "aws-secret-access-key", Kind: "an AWS secret access key", Placeholder: "<AWS_SECRET_ACCESS_KEY>",
			triggers: []string{"aws_secret", "aws-secret", "awssecret"}, fold: true,
			re:      regexp.MustCompile(`(?i)aws[_-]?secret[_-]?(?:access[_-]?)?key["']?\s*(?:=>|:=|=|:)\s*["']?(?P<s>[A-Za-z0-9/+=]{40})` + `(?:[^A-Za-z0-9/+=]|$)`),
			entropy: 3,
		},
		token("github-pat", "a GitHub personal access token", "${GITHUB_TOKEN}", 3,
			`\b(?P<s>ghp_[0-9a-zA-Z]{36})\b`,
			"ghp_"),
		token("github-fine-grained-pat", "a GitHub fine-grained personal access token", "${GITHUB_TOKEN}", 3,
			`\b(?P<s>github_pat_\w{82})\b`,
			"github_pat_"),
		token("github-oauth", "a GitHub OAuth access token", "${GITHUB_TOKEN}", 3,
			`\b(?P<s>gho_[0-9a-zA-Z]{36})\b`,
			"gho_"),
		token("github-app-token", "a GitHub App token", "${GITHUB_TOKEN}", 3,
			`\b(?P<s>(?:ghu|ghs)_[0-9a-zA-Z]{36})\b`,
			"ghu_", "ghs_"),
		token("github-refresh-token", "a GitHub refresh token", "${GITHUB_TOKEN}", 3,
			`\b(?P<s>ghr_[0-9a-zA-Z]{36})\b`,
			"ghr_"),
		token("gitlab-pat", "a GitLab personal access token", "${GITLAB_TOKEN}", 3,
			`\b(?P<s>glpat-[\w-]{20}(?:[\w-]{0,280}\.[0-9a-z]{9})?)`+end,
			"glpat-"),
		token("slack-token", "a Slack token", "${SLACK_TOKEN}", 2,
			`\b(?P<s>(?:xox[abeoprs]|xoxe\.xox[bp])-[0-9A-Za-z-]{10,}|(?i:xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+))`,
			"xox", "xapp-"),
		token("slack-webhook-url", "a Slack webhook URL", "https://hooks.slack.com/services/***", 0,
			`hooks\.slack\.com/(?:services|workflows|triggers)/(?P<s>[A-Za-z0-9+/]{43,56})`,
			"hooks.slack.com"),
		token("stripe-access-token", "a Stripe secret key", "${STRIPE_SECRET_KEY}", 2,
			`\b(?P<s>(?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99})\b`,
			"sk_live_", "sk_test_", "sk_prod_", "rk_live_", "rk_test_", "rk_prod_"),
		token("gcp-api-key", "a Google API key", "${GOOGLE_API_KEY}", 3.5,
			`\b(?P<s>AIza[\w-]{35})`+end,
			"AIza"),
		token("gcp-oauth-client-secret", "a Google OAuth client secret", "${GOOGLE_CLIENT_SECRET}", 3,
			`\b(?P<s>GOCSPX-[\w-]{28})`+end,
			"GOCSPX-"),
		token("openai-api-key", "an OpenAI API key", "${OPENAI_API_KEY}", 3,
			`\b(?P<s>sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20})`+end,
			"sk-proj-", "sk-svcacct-", "sk-admin-", "T3BlbkFJ"),
		token("anthropic-api-key", "an Anthropic API key", "${ANTHROPIC_API_KEY}", 3,
			`\b(?P<s>sk-ant-(?:api|admin)\d\d-[\w-]{80,})`+end,
			"sk-ant-"),
		token("npm-access-token", "an npm access token", "${NPM_TOKEN}", 2,
			`\b(?P<s>npm_[a-zA-Z0-9]{36})\b`,
			"npm_"),
		token("pypi-upload-token", "a PyPI upload token", "${PYPI_TOKEN}", 3,
			`\b(?P<s>pypi-AgEIcHlwaS5vcmc[\w-]{50,1000})`,
			"pypi-AgEIcHlwaS5vcmc"),
		token("sendgrid-api-token", "a SendGrid API key", "${SENDGRID_API_KEY}", 2,
			`\b(?P<s>SG\.[\w-]{16,32}\.[\w-]{16,64})`+end,
			"SG."),
		{
			ID: "twilio-api-key", Kind: "a Twilio API key", Placeholder: "${TWILIO_API_KEY}",
			triggers: []string{"SK"}, wordStart: true,
			re:      regexp.MustCompile(`\b(?P<s>SK[0-9a-fA-F]{32})\b`),
			entropy: 3,
		},
		token("huggingface-access-token", "a Hugging Face access token", "${HF_TOKEN}", 2,
			`\b(?P<s>hf_[a-zA-Z]{34})\b`,
			"hf_"),
		token("digitalocean-pat", "a DigitalOcean personal access token", "${DIGITALOCEAN_TOKEN}", 3,
			`\b(?P<s>dop_v1_[a-f0-9]{64})\b`,
			"dop_v1_"),
		token("shopify-access-token", "a Shopify access token", "${SHOPIFY_TOKEN}", 2,
			`\b(?P<s>shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b`,
			"shpat_", "shpca_", "shppa_", "shpss_"),
		token("square-access-token", "a Square access token", "${SQUARE_ACCESS_TOKEN}", 2,
			`\b(?P<s>(?:EAAA|sq0atp-|sq0csp-)[\w-]{22,60})`+end,
			"EAAA", "sq0atp-", "sq0csp-"),
		token("heroku-api-key-v2", "a Heroku API key", "${HEROKU_API_KEY}", 3,
			`\b(?P<s>HRKU-AA[0-9a-zA-Z_-]{58})`+end,
			"HRKU-AA"),
		{
			ID: "private-key", Kind: "a private key (a PEM block)", Placeholder: "-----BEGIN … KEY----- *** -----END … KEY-----",
			triggers: []string{"-----BEGIN"},
			scan:     scanPrivateKey,
		},
		token("jwt", "a JSON Web Token", "<JWT>", 3,
			`\b(?P<s>eyJ[A-Za-z0-9_-]{10,}={0,2}\.eyJ[A-Za-z0-9_-]{10,}={0,2}(?:\.[A-Za-z0-9_-]*={0,2})?)`,
			"eyJ"),
		{
			ID: "url-password", Kind: "a password in a URL", Placeholder: "user:***@host",
			triggers: []string{"://"}, need: "@",
			re:   regexp.MustCompile(`\b[A-Za-z][A-Za-z0-9+.-]{0,30}://(?P<u>[^\s:/?#@'"<>\[\]()]*):(?P<s>[^\s/?#'"<>]+)@[^\s/?#@'"<>]+`),
			keep: passwordLike,
		},
		{
			ID: "authorization-header", Kind: "a token in an Authorization header", Placeholder: "Authorization: Bearer ${TOKEN}",
			triggers: []string{"bearer", "authorization", "x-api-key", "x-auth-token"}, fold: true,
			re:   regexp.MustCompile(`(?i)(?:\bauthorization["']?\s*[:=]\s*["']?(?:(?:bearer|token|basic|digest)\s+)?|\bbearer\s+|\bx-(?:api-key|auth-token)["']?\s*[:=]\s*["']?)(?P<s>[A-Za-z0-9._~+/=-]{8,})`),
			keep: credentialLike,
		},
		{
			ID: "curl-auth-user", Kind: "a password in curl's --user", Placeholder: "curl -u user:***",
			triggers: []string{"curl"}, fold: true,
			scan: scanCurlUser,
		},
		{
			ID: "secret-assignment", Kind: "a secret value", Placeholder: "***",
			triggers: []string{"password", "passwd", "passphrase", "pwd", "secret", "token", "api_key", "api-key", "apikey",
				"access_key", "access-key", "accesskey", "private_key", "private-key", "privatekey", "signing_key", "signing-key",
				"account_key", "accountkey", "credential", "密码", "口令", "密钥", "令牌"},
			fold: true, assigned: true,
			re:   regexp.MustCompile(`(?i)(?:(?P<k>[\w.-]*(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|signing[_-]?key|account[_-]?key|credentials?)|密码|口令|密钥|令牌)["'\]]?[ \t]*(?:=>|:=|=|:|：)|(?:^|\s)--(?P<f>[\w-]*(?:password|passwd|passphrase|secret|token|api-?key))[ \t]+)[ \t]*`),
			keep: credentialLike,
		},
	}
})
