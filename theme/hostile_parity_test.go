package theme

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fupan/fupan/internal/gen"
	"github.com/fupan/fupan/internal/traceback"
)

// hostileSize is the size of the hostile logs given to the browser, and
// hostileLimit the milliseconds it may take to read one. In linear time
// it takes tens; each shape took seconds or more where a step was
// quadratic.
const (
	hostileSize  = 1 << 20
	hostileLimit = 2000
)

// A jsResult is what the page returns for one text: the function's value
// or its error, and the milliseconds it took.
type jsResult struct {
	Value json.RawMessage `json:"value"`
	Error string          `json:"error"`
	MS    float64         `json:"ms"`
}

// timedEach calls fn of the module at path (under /assets/) in the page on
// each text, timing each call with performance.now().
func timedEach(t *testing.T, ctx context.Context, path, fn string, texts []string) []jsResult {
	t.Helper()
	var out []jsResult
	for _, text := range texts {
		in, _ := json.Marshal(text)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[jsResult](`(async () => {
  const m = await import("/assets/`+path+`");
  const s = `+string(in)+`;
  const t0 = performance.now();
  let value = null, error = "";
  try { value = m.`+fn+`(s); } catch (e) { error = e.message; }
  return { value, error, ms: performance.now() - t0 };
})()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, got)
	}
	return out
}

// sameTraceback reports where the JavaScript result js differs from Go's
// want and werr.
func sameTraceback(t *testing.T, name string, want *traceback.Traceback, werr error, js jsResult) {
	t.Helper()
	if (werr != nil) != (js.Error != "") {
		t.Errorf("%s: Go error %v, JavaScript error %q", name, werr, js.Error)
		return
	}
	if werr != nil {
		return
	}
	var got traceback.Traceback
	if err := json.Unmarshal(js.Value, &got); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if diff := cmp.Diff(*want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("%s (-go +js):\n%s", name, diff)
	}
}

// TestTracebackHostile requires traceback.js to parse each hostile log as
// internal/traceback does, in linear time.
func TestTracebackHostile(t *testing.T) {
	logs := gen.HostileLogs(hostileSize)
	var texts []string
	for _, l := range logs {
		texts = append(texts, l.Text)
	}
	got := timedEach(t, staticPage(t), "search/traceback.js", "parse", texts)
	for i, l := range logs {
		want, werr := traceback.Parse(l.Text)
		sameTraceback(t, l.Name, want, werr, got[i])
		if got[i].MS > hostileLimit {
			t.Errorf("%s: %.0f ms, want under %d (time quadratic in the length?)", l.Name, got[i].MS, hostileLimit)
		}
		t.Logf("%s: %.1f ms", l.Name, got[i].MS)
	}
}
