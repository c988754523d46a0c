package review

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// FuzzSplitFrontMatter: the split never panics and keeps line numbers: the
// body starts on the line after the YAML and the closing fence.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{"---\na: 1\n---\nbody\n", "---\n---\n", "---\na: 1\n...", "---", "", "x\n---\n", "---\n\n\n---\n\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, bad := splitFrontMatter(src)
		if bad != nil {
			if bad.Line != 1 || bad.Col != 1 || bad.Message == "" {
				t.Fatalf("finding %+v, want one at 1:1 with a message", bad)
			}
			return
		}
		if got, want := fm.BodyLine, fm.YAMLLine+bytes.Count(fm.YAML, []byte("\n"))+1; got != want {
			t.Fatalf("BodyLine = %d, want %d (YAML %q)", got, want, fm.YAML)
		}
		if !bytes.HasSuffix(src, fm.Body) {
			t.Fatalf("body %q is not the end of the source", fm.Body)
		}
	})
}

// FuzzDecodeYAML: decoding never panics, and every finding points inside
// the file.
func FuzzDecodeYAML(f *testing.F) {
	f.Add([]byte(validReviewForFuzz))
	for _, s := range []string{"a: &a [*a]", "a: [", "- x", "a: b: c", "? [a]\n: b", "a: !!binary AAAA", "a: 0x1F\nb: 1_000\nc: .inf\nd: ~",
		"a: 1\n\tb: 2", "w:\n  x: 1\n\ty: 2", "a: \"x\nb: 1", "a: 'x\nb: 'y'\nc: 1", "date: 2026-11-31", "sumary: x",
		"a: *b", "a: @x", "a: `x`", "a:b\nc: d", "title: #1", "w:\n  x: #y", "a: x\x1b[0m", "- a: b: c", "traceback: |\n  ```\n  x"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, yml []byte) {
		src, bad := cleanSource(append(append([]byte("---\n"), yml...), "\n---\n"...))
		if bad != nil {
			return // not text: cleanSource's own finding
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		fm, bad := splitFrontMatter(src)
		if bad != nil {
			return // a "---" line inside yml
		}
		d, findings := decodeYAML(fm)
		if d != nil {
			findings = append(findings, validateSchema(d)...)
		}
		for _, fd := range findings {
			if fd.Line < 1 || fd.Line > lines || fd.Col < 1 || fd.Message == "" {
				t.Fatalf("finding %+v outside the file of %d lines, or with no message", fd, lines)
			}
		}
	})
}

// FuzzLoad: no review file makes Load panic, and every finding names the
// file, a line and a column.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(validReviewForFuzz))
	f.Add([]byte("\uFEFF---\r\ntitle: x\r\n---\r\n"))
	f.Add([]byte("---\n" + validReviewForFuzz + "---\nbody\n  ```go\n"))
	f.Add([]byte("---\n" + strings.Replace(validReviewForFuzz, "  redis.exceptions", "  panic: x\n\n  goroutine 1 [running]:\n  main.main()\n  \t/a.go:1 +0x1\n  redis.exceptions", 1) + "---\n"))
	f.Add([]byte("---\n" + strings.Replace(validReviewForFuzz, "traceback: |\n", "traceback: |\n  ~~~\n", 1) + "---\n"))
	f.Add([]byte("---\ntitle: x\n---\nstatus: draft\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "reviews/2026-02-16-x.md"
		repo, err := Load(fstest.MapFS{name: {Data: data}}, Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range repo.Findings {
			if fd.File != name || fd.Line < 1 || fd.Col < 1 || !utf8.ValidString(fd.Message) || strings.TrimSpace(fd.Message) == "" {
				t.Fatalf("bad finding %+v", fd)
			}
		}
	})
}

const validReviewForFuzz = `title: Order API 500s
date: 2026-02-16
status: ready
severity: SEV2
services: [order-api]
summary: 12% failed for 32 minutes.
window: {start: 2026-02-16T05:09:07+08:00, end: 2026-02-16T05:41:00+08:00}
traceback: |
  Traceback (most recent call last):
    File "/app/cache.py", line 42, in get_user_profile
  redis.exceptions.ConnectionError: Timeout
reproduction: curl -sS http://x
failure: {function: f(), caller: api, exceptions: [redis.exceptions.ConnectionError]}
`

// FuzzConfigFields: no fupan.yaml makes LoadConfig or the schema of its
// custom fields panic, and every finding is inside the file.
func FuzzConfigFields(f *testing.F) {
	f.Add([]byte(customConfig))
	for _, s := range []string{"fields: 3", "fields:\n  a: [x]", "fields:\n  a: {type: enum, enum: 3}", "fields:\n  a: {type: string, pattern: \"(\"}", "fields:\n  \"\": string", "fields:\n  a: {required_from: [x]}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, findings := LoadConfig(fstest.MapFS{ConfigFile: {Data: data}})
		// Lines as YAML and editors count them: a lone CR ends one too.
		lines := bytes.Count(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\n")) + bytes.Count(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\r")) + 1
		for _, fd := range findings {
			if fd.Line < 1 || fd.Line > lines || fd.Col < 1 || fd.Message == "" {
				t.Fatalf("finding %+v outside the file of %d lines, or with no message", fd, lines)
			}
		}
		var v any
		if err := json.Unmarshal(SchemaFor(&cfg), &v); err != nil {
			t.Fatalf("SchemaFor: %v", err)
		}
		for i := range cfg.Fields {
			_ = cfg.Fields[i].DisplayLabel()
		}
	})
}
