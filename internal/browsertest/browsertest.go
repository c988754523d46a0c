// Package browsertest runs tests in a real headless Chromium through
// chromedp. Outside CI a test without a browser is skipped with a message;
// in CI (CI=true) it fails, so browser tests never silently stop running.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
)

// browsers are the names Chromium goes by on the machines fupan is tested
// on; FUPAN_CHROME overrides them.
var browsers = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Path returns the path of a Chromium binary, or "".
func Path() string {
	if p := os.Getenv("FUPAN_CHROME"); p != "" {
		return p
	}
	for _, name := range browsers {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// New starts a headless Chromium for t and returns a chromedp context for
// one tab, closed when the test ends.
func New(t testing.TB) context.Context {
	t.Helper()
	path := Path()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no Chromium found (chromium, chromium-browser, google-chrome; or set FUPAN_CHROME): CI must run the browser tests; .ci/run installs Debian's chromium")
		}
		t.Skip("no Chromium found: install Debian's chromium (apt-get install chromium) to run the browser tests")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // as root in a container
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), // the network here is closed
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
	})
	// The first run starts the browser, and lives as long as its context:
	// no timeout on it. Tests bound their own steps with Timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	return ctx
}
