package review

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// ConfigFile is the name of the optional configuration at the repository root.
const ConfigFile = "fupan.yaml"

// DefaultSeverities apply when fupan.yaml sets none.
var DefaultSeverities = []string{"SEV1", "SEV2", "SEV3", "SEV4"}

// Config is fupan.yaml. Every field is optional.
type Config struct {
	Title      string            `yaml:"title"`      // the site's title
	BaseURL    string            `yaml:"base_url"`   // where the site is published
	Language   string            `yaml:"language"`   // en or zh-CN
	Timezone   string            `yaml:"timezone"`   // IANA name, e.g. Asia/Shanghai
	RepoURL    string            `yaml:"repo_url"`   // else derived from the git remote
	Severities []string          `yaml:"severities"` // default SEV1…SEV4
	Services   []string          `yaml:"services"`   // the service catalog; checked when set
	Teams      []string          `yaml:"teams"`      // action owners; checked when set
	Lint       map[string]string `yaml:"lint"`       // rule name: error, warning or off
	Secrets    SecretsConfig     `yaml:"secrets"`    // the secret scan's allow-list
	// Fields are the custom fields of the reviews (see custom.go).
	Fields CustomFields `yaml:"fields"`
	// Publish are the publish profiles, by name (see publish.go).
	Publish map[string]PublishProfile `yaml:"publish"`
}

// SecretsConfig is secrets in fupan.yaml.
type SecretsConfig struct {
	// Allow lists the ids of secret rules whose findings are false
	// positives in this repository, e.g. [jwt].
	Allow []string `yaml:"allow"`
}

// SeverityNames returns the configured severities, most severe first, or
// DefaultSeverities when none are set.
func (c *Config) SeverityNames() []string {
	if len(c.Severities) > 0 {
		return c.Severities
	}
	return DefaultSeverities
}

// Level returns the level fupan.yaml sets for a lint rule (error,
// warning, notice or off), or the rule's default.
func (c *Config) Level(rule string) string { return c.level(rule) }

func (c *Config) level(rule string) string {
	if l, ok := c.Lint[rule]; ok {
		return l
	}
	if l, ok := lintDefaults[rule]; ok {
		return l
	}
	return "warning"
}

var yamlLinesRE = lazyRegexp(`line (\d+): (.*)`)

// loadConfig reads fupan.yaml from the root of fsys; a missing file is the
// zero Config. Problems are findings on fupan.yaml.
func loadConfig(fsys fs.FS) (Config, []Finding) {
	var cfg Config
	data, err := fs.ReadFile(fsys, ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	at := func(line int, format string, args ...any) Finding {
		return Finding{File: ConfigFile, Line: line, Col: 1, Severity: Error, Message: fmt.Sprintf(format, args...)}
	}
	if err != nil {
		return cfg, []Finding{at(1, "cannot read: %v", err)}
	}
	src, bad := cleanSource(data)
	if bad != nil {
		bad.File = ConfigFile
		return cfg, []Finding{*bad}
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		if _, ok := errors.AsType[*yaml.TypeError](err); !ok {
			f := syntaxFinding(src, 1, max(1, len(bytes.Split(bytes.TrimSuffix(src, []byte("\n")), []byte("\n")))), err)
			f.File = ConfigFile
			return Config{}, []Finding{f}
		}
		var out []Finding
		for _, m := range yamlLinesRE().FindAllStringSubmatch(err.Error(), -1) {
			n, _ := strconv.Atoi(m[1])
			msg := m[2]
			if f, ok := strings.CutPrefix(msg, "field "); ok {
				name, _, _ := strings.Cut(f, " ")
				msg = fmt.Sprintf("unknown setting %q", name)
				if s := suggest(name, configKeys); s != "" {
					msg += fmt.Sprintf(": did you mean %q?", s)
				} else {
					msg += ": the settings are " + strings.Join(configKeys, ", ")
				}
			}
			if t := unmarshalRE().FindStringSubmatch(msg); t != nil {
				msg = wrongType(src, n, t[1], t[2])
			} else if t := twiceRE().FindStringSubmatch(msg); t != nil {
				msg = fmt.Sprintf("setting %q is given twice (first on line %s): keep one", t[1], t[2])
			}
			out = append(out, at(n, "%s", msg))
		}
		if len(out) == 0 {
			out = append(out, at(1, "%s", strings.TrimPrefix(err.Error(), "yaml: ")))
		}
		return Config{}, out
	}
	var out []Finding
	if cfg.Language != "" && cfg.Language != "en" && cfg.Language != "zh-CN" {
		out = append(out, at(configLine(src, "language"), "language %q is not supported: use en or zh-CN", cfg.Language))
	}
	if cfg.Timezone != "" {
		if _, err := time.LoadLocation(cfg.Timezone); err != nil {
			out = append(out, at(configLine(src, "timezone"), "timezone %q is unknown: use an IANA name such as Asia/Shanghai or UTC", cfg.Timezone))
		}
	}
	if cfg.BaseURL != "" {
		if err := CheckBaseURL(cfg.BaseURL); err != nil {
			line, col := configValuePos(src, "base_url")
			out = append(out, Finding{File: ConfigFile, Line: line, Col: col, Severity: Error, Field: "base_url",
				Message: fmt.Sprintf("base_url %q: %v", cfg.BaseURL, err), Err: err})
		}
	}
	for rule, level := range cfg.Lint {
		if !slices.Contains(lintRules, rule) {
			line, col := configKeyPos(src, "lint", rule)
			msg := fmt.Sprintf("unknown lint rule %q", rule)
			if s := suggest(rule, lintRules); s != "" {
				msg += fmt.Sprintf(": did you mean %q?", s)
			} else {
				msg += ": the rules are " + strings.Join(lintRules, ", ")
			}
			out = append(out, Finding{File: ConfigFile, Line: line, Col: col, Severity: Error, Field: "lint." + rule, Message: msg})
		} else if rule == LintRecurrence && level == "notice" {
			// a recurrence may be told without a warning
		} else if level != "error" && level != "warning" && level != "off" {
			out = append(out, at(configLine(src, rule), "lint level %q for %s: use error, warning or off", level, rule))
		}
	}
	out = append(out, checkFields(&cfg)...)
	out = append(out, checkPublish(&cfg, src)...)
	ids := SecretRuleIDs()
	for i, id := range cfg.Secrets.Allow {
		if !slices.Contains(ids, id) {
			line, col := configPos(src, "secrets", "allow", strconv.Itoa(i))
			msg := fmt.Sprintf("unknown secret rule %q in secrets.allow", id)
			if s := suggest(id, ids); s != "" {
				msg += fmt.Sprintf(": did you mean %q?", s)
			} else {
				msg += ": the rules are " + strings.Join(ids, ", ")
			}
			out = append(out, Finding{File: ConfigFile, Line: line, Col: col, Severity: Error, Field: "secrets.allow[" + strconv.Itoa(i) + "]", Message: msg})
		}
	}
	SortFindings(out)
	return cfg, out
}

var configKeys = []string{"base_url", "fields", "language", "lint", "publish", "repo_url", "secrets", "services", "severities", "teams", "timezone", "title"}

// configLine is the first line of src that starts a key, for messages.
func configLine(src []byte, key string) int {
	for i, line := range bytes.Split(src, []byte("\n")) {
		if bytes.HasPrefix(bytes.TrimLeft(line, " "), []byte(key+":")) {
			return i + 1
		}
	}
	return 1
}

// unmarshalRE is yaml.v3's error for a value of the wrong type: its tag
// and the Go type wanted (the value, which it quotes, is left out).
var unmarshalRE = lazyRegexp("^cannot unmarshal !!(\\w+)(?: `.*`)? into (.*)$")

// twiceRE is yaml.v3's error for a setting given twice.
var twiceRE = lazyRegexp(`^mapping key "(.*)" already defined at line (\d+)$`)

// wrongType says that the setting on line n of src is a YAML tag where a
// Go type is wanted, in words: "severities is a single value, want a list".
func wrongType(src []byte, n int, tag, goType string) string {
	kinds := map[string]string{"str": "a single value", "int": "a number", "float": "a number", "bool": "true or false",
		"seq": "a list", "map": "a mapping", "null": "empty"}
	want := "a single value"
	switch {
	case strings.HasPrefix(goType, "[]"):
		want = "a list, e.g. [a, b]"
	case strings.HasPrefix(goType, "map["), strings.Contains(goType, "."):
		want = "a mapping of names to values, one 'name: value' per line, indented"
	}
	got := kinds[tag]
	if got == "" {
		got = "!!" + tag
	}
	name := "the setting here"
	if lines := bytes.Split(src, []byte("\n")); n >= 1 && n <= len(lines) {
		if m := keyRE.FindSubmatch(lines[n-1]); m != nil {
			name = string(m[1])
		}
	}
	return fmt.Sprintf("%s is %s, want %s", name, got, want)
}

// configValuePos is the position of the value of a top-level setting, for
// messages about the value; the line of the key when it cannot be told.
func configValuePos(src []byte, key string) (line, col int) {
	var top yaml.Node
	if yaml.Unmarshal(src, &top) == nil && len(top.Content) > 0 && top.Content[0].Kind == yaml.MappingNode {
		m := top.Content[0].Content
		for i := 0; i+1 < len(m); i += 2 {
			if m[i].Value == key {
				return m[i+1].Line, m[i+1].Column
			}
		}
	}
	return configLine(src, key), 1
}

// configPos is the position in fupan.yaml of the value at path: mapping
// keys and list indices from the top ("secrets", "allow", "0"); the
// nearest enclosing value's when the path goes further than the file.
func configPos(src []byte, path ...string) (line, col int) {
	var top yaml.Node
	if yaml.Unmarshal(src, &top) != nil || len(top.Content) == 0 {
		return 1, 1
	}
	n := top.Content[0]
	for _, step := range path {
		next := (*yaml.Node)(nil)
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == step {
					next = n.Content[i+1]
				}
			}
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(step); err == nil && i >= 0 && i < len(n.Content) {
				next = n.Content[i]
			}
		}
		if next == nil {
			break
		}
		n = next
	}
	return n.Line, n.Column
}

// configKeyPos is the position in fupan.yaml of the key name under the
// top-level mapping section; the line of the first "name:" when it cannot
// be told.
func configKeyPos(src []byte, section, name string) (line, col int) {
	var top yaml.Node
	if yaml.Unmarshal(src, &top) == nil && len(top.Content) > 0 && top.Content[0].Kind == yaml.MappingNode {
		m := top.Content[0].Content
		for i := 0; i+1 < len(m); i += 2 {
			if m[i].Value != section || m[i+1].Kind != yaml.MappingNode {
				continue
			}
			for j, k := range m[i+1].Content {
				if j%2 == 0 && k.Value == name {
					return k.Line, k.Column
				}
			}
		}
	}
	return configLine(src, name), 1
}

// LoadConfig reads fupan.yaml from the root of fsys. A missing file gives
// the zero Config; problems are findings on fupan.yaml.
func LoadConfig(fsys fs.FS) (Config, []Finding) { return loadConfig(fsys) }
