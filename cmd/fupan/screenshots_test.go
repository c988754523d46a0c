package main

import (
	"bytes"
	"context"
	"flag"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fupan/fupan/internal/browsertest"
)

var updateScreenshots = flag.Bool("screenshots", false, "take the README's screenshots again, in headless Chromium, from a site built of the examples")

// The README's screenshots: the page each shows, and what it waits for
// before the picture is taken.
var screenshots = []struct {
	file, path, ready string
}{
	{"review.png", "/reviews/2025-03-18-profile-cache-redis-timeout/", `document.readyState === "complete"`},
	{"search.png", "/search/?q=ConnectTimeout", `document.querySelectorAll("[data-review-id]").length > 0`},
}

const (
	screenshotDir = "../../.github/screenshots"
	// A 1200×760 window at scale 1 is legible in the README on GitHub
	// and keeps each PNG small.
	screenshotWidth, screenshotHeight = 1200, 760
	screenshotMaxBytes                = 200 << 10
)

// TestScreenshots checks the README's screenshots: each is linked from the
// README, is a PNG of the window's size and is small. With -screenshots it
// takes them first: go test ./cmd/fupan -run TestScreenshots -screenshots.
func TestScreenshots(t *testing.T) {
	if *updateScreenshots {
		takeScreenshots(t)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range screenshots {
		name := filepath.Join(screenshotDir, s.file)
		if link := ".github/screenshots/" + s.file; !bytes.Contains(readme, []byte("("+link+")")) {
			t.Errorf("README.md does not show %s", link)
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Errorf("%v: take it with -screenshots", err)
			continue
		}
		if len(data) > screenshotMaxBytes {
			t.Errorf("%s is %d bytes, more than %d", name, len(data), screenshotMaxBytes)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if cfg.Width != screenshotWidth || cfg.Height != screenshotHeight {
			t.Errorf("%s is %d×%d, want %d×%d", name, cfg.Width, cfg.Height, screenshotWidth, screenshotHeight)
		}
	}
}

// takeScreenshots builds the examples' site, serves it, and writes each
// screenshot, re-encoded at PNG's best compression.
func takeScreenshots(t *testing.T) {
	site := filepath.Join(t.TempDir(), "public")
	var out, errOut bytes.Buffer
	if code := Run(context.Background(), []string{"build", "--out", site}, nil, &out, &errOut); code != exitOK {
		t.Fatalf("fupan build: exit %d\n%s", code, errOut.String())
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(site)))
	defer srv.Close()

	ctx := browsertest.New(t)
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(screenshotWidth, screenshotHeight)); err != nil {
		t.Fatal(err)
	}
	for _, s := range screenshots {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+s.path)); err != nil {
			t.Fatalf("%s: %v", s.path, err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](s.ready)); err != nil {
			t.Fatalf("%s: waiting for %s: %v", s.path, s.ready, err)
		}
		// Fonts and the highlighting settle.
		if err := chromedp.Do(ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("%s: %v", s.path, err)
		}
		img, err := png.Decode(bytes.NewReader(shot))
		if err != nil {
			t.Fatalf("%s: %v", s.path, err)
		}
		var b bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(screenshotDir, s.file)
		if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s: %s, %d bytes", name, strings.TrimPrefix(img.Bounds().String(), "(0,0)-"), b.Len())
	}
}
