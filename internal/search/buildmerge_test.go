package search

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// A planned segment: what scorch's merge planner is told of a segment.
type planned struct {
	id   uint64
	docs int64
}

func (s planned) Id() uint64          { return s.id }
func (s planned) FullSize() int64     { return s.docs }
func (s planned) LiveSize() int64     { return s.docs }
func (s planned) HasVector() bool     { return false }
func (s planned) FileSize() int64     { return s.docs }
func (s planned) LiveFileSize() int64 { return s.docs }

// mergeOptions are the merge plan options scorch reads from config: the
// defaults, with config's "scorchMergePlanOptions" over them.
func mergeOptions(t *testing.T, config map[string]any) *mergeplan.MergePlanOptions {
	t.Helper()
	o := mergeplan.DefaultMergePlanOptions
	b, err := json.Marshal(config["scorchMergePlanOptions"])
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	if err := mergeplan.ValidateMergePlannerOptions(&o); err != nil {
		t.Fatal(err)
	}
	return &o
}

// simulateRebuild adds n reviews in batches of diskBatchSize, runs the
// merge planner after each batch, as scorch's merger does, and carries
// out its plan at once. It returns the reviews copied by the merges and
// the most segments the index had.
func simulateRebuild(t *testing.T, o *mergeplan.MergePlanOptions, n int) (copied int64, most int) {
	t.Helper()
	var segs []mergeplan.Segment
	next := uint64(0)
	for added := 0; added < n; added += diskBatchSize {
		next++
		segs = append(segs, planned{next, diskBatchSize})
		most = max(most, len(segs))
		p, err := mergeplan.Plan(segs, o)
		if err != nil {
			t.Fatal(err)
		}
		if p == nil {
			continue
		}
		for _, task := range p.Tasks {
			merged := map[uint64]bool{}
			var docs int64
			for _, s := range task.Segments {
				merged[s.Id()] = true
				docs += s.LiveSize()
			}
			kept := segs[:0]
			for _, s := range segs {
				if !merged[s.Id()] {
					kept = append(kept, s)
				}
			}
			next++
			segs = append(kept, planned{next, docs})
			copied += docs
		}
	}
	return copied, most
}

// A rebuild's merges copy each review about once a tier of ten batches,
// not once for every merge of the whole index: the copying grows with
// n log n and the segments with log n, so that the cost of each batch
// (scorch looks at every segment) stays small at 100,000 reviews.
func TestRebuildMergesInTiers(t *testing.T) {
	o := mergeOptions(t, buildConfig())
	for _, n := range []int{1_000, 10_000, 100_000} {
		copied, most := simulateRebuild(t, o, n)
		tiers := math.Ceil(math.Log10(float64(n) / diskBatchSize))
		if perReview := float64(copied) / float64(n); perReview > tiers {
			t.Errorf("%d reviews: each copied %.1f times by merges, want at most %v (one a tier)", n, perReview, tiers)
		}
		if limit := 10*int(tiers) + 1; most > limit {
			t.Errorf("%d reviews: %d segments at once, want at most %d (ten a tier)", n, most, limit)
		}
	}
}
