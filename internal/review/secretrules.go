package review

import "regexp"

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

// end is what may follow a token: not a character of one.
const end = `(?:[^0-9A-Za-z_-]|$)`

var secretRules = []*secretRule{
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
	{
		ID: "github-pat", Kind: "a GitHub personal access token", Placeholder: "${GITHUB_TOKEN}",
		triggers: []string{"ghp_"},
		re:       regexp.MustCompile(`\b(?P<s>ghp_[0-9a-zA-Z]{36})\b`),
		entropy:  3,
	},
	{
		ID: "github-fine-grained-pat", Kind: "a GitHub fine-grained personal access token", Placeholder: "${GITHUB_TOKEN}",
		triggers: []string{"github_pat_"},
		re:       regexp.MustCompile(`\b(?P<s>github_pat_\w{82})\b`),
		entropy:  3,
	},
	{
		ID: "github-oauth", Kind: "a GitHub OAuth access token", Placeholder: "${GITHUB_TOKEN}",
		triggers: []string{"gho_"},
		re:       regexp.MustCompile(`\b(?P<s>gho_[0-9a-zA-Z]{36})\b`),
		entropy:  3,
	},
	{
		ID: "github-app-token", Kind: "a GitHub App token", Placeholder: "${GITHUB_TOKEN}",
		triggers: []string{"ghu_", "ghs_"},
		re:       regexp.MustCompile(`\b(?P<s>(?:ghu|ghs)_[0-9a-zA-Z]{36})\b`),
		entropy:  3,
	},
	{
		ID: "github-refresh-token", Kind: "a GitHub refresh token", Placeholder: "${GITHUB_TOKEN}",
		triggers: []string{"ghr_"},
		re:       regexp.MustCompile(`\b(?P<s>ghr_[0-9a-zA-Z]{36})\b`),
		entropy:  3,
	},
	{
		ID: "gitlab-pat", Kind: "a GitLab personal access token", Placeholder: "${GITLAB_TOKEN}",
		triggers: []string{"glpat-"},
		re:       regexp.MustCompile(`\b(?P<s>glpat-[\w-]{20}(?:[\w-]{0,280}\.[0-9a-z]{9})?)` + end),
		entropy:  3,
	},
	{
		ID: "slack-token", Kind: "a Slack token", Placeholder: "${SLACK_TOKEN}",
		triggers: []string{"xox", "xapp-"},
		re:       regexp.MustCompile(`\b(?P<s>(?:xox[abeoprs]|xoxe\.xox[bp])-[0-9A-Za-z-]{10,}|(?i:xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+))`),
		entropy:  2,
	},
	{
		ID: "slack-webhook-url", Kind: "a Slack webhook URL", Placeholder: "https://hooks.slack.com/services/***",
		triggers: []string{"hooks.slack.com"},
		re:       regexp.MustCompile(`hooks\.slack\.com/(?:services|workflows|triggers)/(?P<s>[A-Za-z0-9+/]{43,56})`),
	},
	{
		ID: "stripe-access-token", Kind: "a Stripe secret key", Placeholder: "${STRIPE_SECRET_KEY}",
		triggers: []string{"sk_live_", "sk_test_", "sk_prod_", "rk_live_", "rk_test_", "rk_prod_"},
		re:       regexp.MustCompile(`\b(?P<s>(?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99})\b`),
		entropy:  2,
	},
	{
		ID: "gcp-api-key", Kind: "a Google API key", Placeholder: "${GOOGLE_API_KEY}",
		triggers: []string{"AIza"},
		re:       regexp.MustCompile(`\b(?P<s>AIza[\w-]{35})` + end),
		entropy:  3.5,
	},
	{
		ID: "gcp-oauth-client-secret", Kind: "a Google OAuth client secret", Placeholder: "${GOOGLE_CLIENT_SECRET}",
		triggers: []string{"GOCSPX-"},
		re:       regexp.MustCompile(`\b(?P<s>GOCSPX-[\w-]{28})` + end),
		entropy:  3,
	},
	{
		ID: "openai-api-key", Kind: "an OpenAI API key", Placeholder: "${OPENAI_API_KEY}",
		triggers: []string{"sk-proj-", "sk-svcacct-", "sk-admin-", "T3BlbkFJ"},
		re:       regexp.MustCompile(`\b(?P<s>sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20})` + end),
		entropy:  3,
	},
	{
		ID: "anthropic-api-key", Kind: "an Anthropic API key", Placeholder: "${ANTHROPIC_API_KEY}",
		triggers: []string{"sk-ant-"},
		re:       regexp.MustCompile(`\b(?P<s>sk-ant-(?:api|admin)\d\d-[\w-]{80,})` + end),
		entropy:  3,
	},
	{
		ID: "npm-access-token", Kind: "an npm access token", Placeholder: "${NPM_TOKEN}",
		triggers: []string{"npm_"},
		re:       regexp.MustCompile(`\b(?P<s>npm_[a-zA-Z0-9]{36})\b`),
		entropy:  2,
	},
	{
		ID: "pypi-upload-token", Kind: "a PyPI upload token", Placeholder: "${PYPI_TOKEN}",
		triggers: []string{"pypi-AgEIcHlwaS5vcmc"},
		re:       regexp.MustCompile(`\b(?P<s>pypi-AgEIcHlwaS5vcmc[\w-]{50,1000})`),
		entropy:  3,
	},
	{
		ID: "sendgrid-api-token", Kind: "a SendGrid API key", Placeholder: "${SENDGRID_API_KEY}",
		triggers: []string{"SG."},
		re:       regexp.MustCompile(`\b(?P<s>SG\.[\w-]{16,32}\.[\w-]{16,64})` + end),
		entropy:  2,
	},
	{
		ID: "twilio-api-key", Kind: "a Twilio API key", Placeholder: "${TWILIO_API_KEY}",
		triggers: []string{"SK"}, wordStart: true,
		re:      regexp.MustCompile(`\b(?P<s>SK[0-9a-fA-F]{32})\b`),
		entropy: 3,
	},
	{
		ID: "huggingface-access-token", Kind: "a Hugging Face access token", Placeholder: "${HF_TOKEN}",
		triggers: []string{"hf_"},
		re:       regexp.MustCompile(`\b(?P<s>hf_[a-zA-Z]{34})\b`),
		entropy:  2,
	},
	{
		ID: "digitalocean-pat", Kind: "a DigitalOcean personal access token", Placeholder: "${DIGITALOCEAN_TOKEN}",
		triggers: []string{"dop_v1_"},
		re:       regexp.MustCompile(`\b(?P<s>dop_v1_[a-f0-9]{64})\b`),
		entropy:  3,
	},
	{
		ID: "shopify-access-token", Kind: "a Shopify access token", Placeholder: "${SHOPIFY_TOKEN}",
		triggers: []string{"shpat_", "shpca_", "shppa_", "shpss_"},
		re:       regexp.MustCompile(`\b(?P<s>shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b`),
		entropy:  2,
	},
	{
		ID: "square-access-token", Kind: "a Square access token", Placeholder: "${SQUARE_ACCESS_TOKEN}",
		triggers: []string{"EAAA", "sq0atp-", "sq0csp-"},
		re:       regexp.MustCompile(`\b(?P<s>(?:EAAA|sq0atp-|sq0csp-)[\w-]{22,60})` + end),
		entropy:  2,
	},
	{
		ID: "heroku-api-key-v2", Kind: "a Heroku API key", Placeholder: "${HEROKU_API_KEY}",
		triggers: []string{"HRKU-AA"},
		re:       regexp.MustCompile(`\b(?P<s>HRKU-AA[0-9a-zA-Z_-]{58})` + end),
		entropy:  3,
	},
	{
		ID: "private-key", Kind: "a private key (a PEM block)", Placeholder: "-----BEGIN … KEY----- *** -----END … KEY-----",
		triggers: []string{"-----BEGIN"},
		scan:     scanPrivateKey,
	},
	{
		ID: "jwt", Kind: "a JSON Web Token", Placeholder: "<JWT>",
		triggers: []string{"eyJ"},
		re:       regexp.MustCompile(`\b(?P<s>eyJ[A-Za-z0-9_-]{10,}={0,2}\.eyJ[A-Za-z0-9_-]{10,}={0,2}(?:\.[A-Za-z0-9_-]*={0,2})?)`),
		entropy:  3,
	},
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
