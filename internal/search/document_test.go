package search

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf16"
)

// TestEveryTextFieldSearched: each text field of the review format that
// holds words a reader may search for finds its review.
func TestEveryTextFieldSearched(t *testing.T) {
	const src = `---
title: Nightly export stalled
date: 2026-03-04
status: draft
severity: SEV3
services: [export-job]
summary: The nightly export stalled for 3 hours.
traceback_absent: the OOM killer ended the worker without a stack
verification:
  traffic: replayed one night
  watch:
    - {metric: export_rows_written_total, expect: down}
    - {metric: export_retry_count, expect: flat}
edge_inputs:
  none: a tenant without quota is skipped
  empty: an emptystring bucket name is refused
  long: overlong prefixes are truncated
  negative: negativeoffset values wrap around
actions:
  - {do: Cap the batch size, owner: team-warehouse, status: open}
related: [2025-01-01-older-export-stall]
---
Body.
`
	fsys := fstest.MapFS{"reviews/2026-03-04-export-stalled.md": {Data: []byte(src)}}
	ix, err := Open(t.Context(), fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, q := range []string{
		"killer",                    // traceback_absent
		"export_rows_written_total", // verification.watch
		"export_retry_count",
		"quota", "emptystring", "overlong", "negativeoffset", // edge_inputs
		"team-warehouse", // an action's owner
	} {
		hits, err := ix.Search(t.Context(), q+" ", 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].ID != "2026-03-04-export-stalled" {
			t.Errorf("%q: got %v, want the review", q, ids(hits))
		}
	}
}

// TestHighlightUnits: a fragment's highlights in UTF-16 code units and code
// points select the same text as its byte offsets.
func TestHighlightUnits(t *testing.T) {
	text := "é 🔥 Redis超时 ConnectTimeout"
	hl := [][2]int{{strings.Index(text, "超时"), strings.Index(text, "超时") + len("超时")}, {strings.Index(text, "Connect"), len(text)}}
	u16, cps := inUnits(text, hl, true), inUnits(text, hl, false)
	units := utf16.Encode([]rune(text))
	runes := []rune(text)
	for i, h := range hl {
		want := text[h[0]:h[1]]
		if got := string(utf16.Decode(units[u16[i][0]:u16[i][1]])); got != want {
			t.Errorf("utf16 %v: %q, want %q", u16[i], got, want)
		}
		if got := string(runes[cps[i][0]:cps[i][1]]); got != want {
			t.Errorf("code points %v: %q, want %q", cps[i], got, want)
		}
	}
}
