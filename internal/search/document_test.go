package search

import (
	"testing"
	"testing/fstest"
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
