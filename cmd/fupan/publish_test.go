package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const leakConfig = `title: Reviews of shop.corp.internal
publish:
  public:
    statuses: [final]
    omit: [config, reproduction, failure.dependency, first_look, actions.owner]
    redact: ['[a-z0-9.-]+\.internal', '10\.[0-9.]+', 'zqproject']
`

// A public review: its redacted and omitted texts are marked.
const leakPublic = `---
title: Orders failed while vault7.corp.internal was down
date: 2026-03-02
status: final
severity: SEV2
services: [order-api]
tags: [vault, zqproject]
summary: >
  For 20 minutes 9% of orders failed: the client at 10.91.3.7 could not
  reach vault7.corp.internal.
window:
  start: 2026-03-02T10:00:00+08:00
  end: 2026-03-02T10:20:00+08:00
traceback: |
  Traceback (most recent call last):
    File "/app/secrets.py", line 12, in fetch
      return client.read("vault7.corp.internal")
  requests.exceptions.ConnectTimeout: vault7.corp.internal timed out
reproduction: |
  curl -s https://zqmarkerrepro.example.com/v1/health
failure:
  function: secrets.fetch()
  caller: api/v1/order
  dependency: https://zqmarkerdependency.example.com
  exceptions: [requests.exceptions.ConnectTimeout]
config:
  - settings.ZQMARKERCONFIG = 30
why_not_caught: No check read vault7.corp.internal from the order path.
catch_next_time: A probe reads a secret from 10.91.3.7 every minute.
contributing_factors: [the zqproject vault had one node, vault7.corp.internal]
first_look:
  metric: zqmarkerfirstlook_total
  log: "zqmarkerfirstlooklog"
  config: ZQMARKERFIRSTLOOKCONFIG
verification:
  traffic: Replayed 10 minutes of orders against vault7.corp.internal on a canary.
  watch:
    - {metric: http_status_code_5xx, expect: down}
    - {metric: vault_read_seconds, expect: flat}
actions:
  - {do: Add a second node to vault7.corp.internal, owner: team-zqmarkerowner, status: open, due: 2036-04-01}
related: [2026-03-03-private-outage, 2026-03-04-draft-outage, 2026-03-05-zqproject-rollout]
---

## Timeline

- 10:00 vault7.corp.internal stops answering (from 10.91.3.7)

` + "```\n$ dig vault7.corp.internal\n```\n"

// leakPrivate and leakDraft are never published; leakRenamed is, under an
// id with the redacted word replaced.
var (
	leakPrivate = strings.NewReplacer("title: Orders failed while vault7.corp.internal was down", "title: zqmarkerprivate outage",
		"date: 2026-03-02", "date: 2026-03-03", "related: [2026-03-03-private-outage, 2026-03-04-draft-outage, 2026-03-05-zqproject-rollout]", "publish: private").Replace(leakPublic)
	leakDraft   = "---\ntitle: zqmarkerdraft outage\ndate: 2026-03-04\nstatus: draft\nseverity: SEV4\nservices: [order-api]\nsummary: 3 zqmarkerdraft requests failed.\n---\n"
	leakRenamed = strings.NewReplacer("title: Orders failed while vault7.corp.internal was down", "title: A rollout",
		"date: 2026-03-02", "date: 2026-03-05", "related: [2026-03-03-private-outage, 2026-03-04-draft-outage, 2026-03-05-zqproject-rollout]", "related: [2026-03-02-vault-outage]").Replace(leakPublic)
)

// leaked are what the public build must not hold, anywhere.
var leaked = []string{"vault7", "corp.internal", "10.91.3.7", "zqproject", "zqmarker"}

// A build with a publish profile holds none of what the profile omits or
// redacts, nor the reviews it leaves out, in any file or file name: pages,
// feed, reviews.json, sitemap and the search index's shards.
func TestPublishProfileLeaksNothing(t *testing.T) {
	repo := filepath.Join(t.TempDir(), "repo")
	if code, _, errOut := runCLI(t, "init", repo); code != exitOK {
		t.Fatalf("fupan init: exit %d\n%s", code, errOut)
	}
	for name, data := range map[string]string{
		"fupan.yaml":                              leakConfig,
		"reviews/2026-03-02-vault-outage.md":      leakPublic,
		"reviews/2026-03-03-private-outage.md":    leakPrivate,
		"reviews/2026-03-04-draft-outage.md":      leakDraft,
		"reviews/2026-03-05-zqproject-rollout.md": leakRenamed,
	} {
		if err := os.WriteFile(filepath.Join(repo, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, out, errOut := runCLI(t, "check", "--repo", repo); code != exitOK {
		t.Fatalf("check: exit %d\n%s%s", code, out, errOut)
	}

	// The build without a profile shows it all: what the test looks for
	// is there to be found.
	internal := filepath.Join(t.TempDir(), "internal")
	if code, _, errOut := runCLI(t, "build", "--repo", repo, "--out", internal); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	all := siteText(t, internal)
	for _, s := range leaked {
		if !strings.Contains(all, s) {
			t.Errorf("the internal build does not hold %q: the test would not see it leak", s)
		}
	}

	public := filepath.Join(t.TempDir(), "public")
	code, out, errOut := runCLI(t, "build", "--repo", repo, "--out", public, "--profile", "public")
	if code != exitOK {
		t.Fatalf("build --profile public: exit %d\n%s", code, errOut)
	}
	if !strings.Contains(out, "3 reviews of 5 (profile public)") {
		t.Errorf("build --profile public said %q", out)
	}
	text := siteText(t, public)
	for _, s := range leaked {
		if i := strings.Index(text, s); i >= 0 {
			t.Errorf("the public build holds %q: …%s…", s, text[max(0, i-120):min(len(text), i+80)])
		}
	}
	for _, want := range []string{"[redacted]", "reviews/2026-03-05-redacted-rollout/index.html", "search/index/entry.json"} {
		if !strings.Contains(text, want) {
			t.Errorf("the public build has no %q", want)
		}
	}
	for _, s := range []string{"zqmarkerprivate", "zqmarkerdraft"} {
		if strings.Contains(errOut+out, s) {
			t.Errorf("the build's output names %s", s)
		}
	}
}

// siteText returns every file name and file of a built site, one after
// the other, lower-cased.
func siteText(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b.WriteString(filepath.ToSlash(rel) + "\n")
		data, err := os.ReadFile(p)
		b.Write(data)
		b.WriteString("\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.ToLower(b.String())
}
