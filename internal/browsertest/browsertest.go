// Package browsertest drives end-to-end browser tests from Go: it starts a
// headless Chromium with chromedp, checks pages with axe-core for WCAG 2.1 A/AA
// problems, and takes screenshots for people who want to look at the screens.
//
// Browser tests are named TestBrowser… so that CI can run them on their own
// with -run Browser. Where Chromium (or axe-core) is missing they skip, unless
// SCHAKEL_REQUIRE_BROWSER=1 is set, as CI does: then they fail.
//
// Environment:
//
//	SCHAKEL_CHROMIUM         path or name of the browser (default /usr/bin/chromium, then chromium or chromium-browser on PATH)
//	SCHAKEL_AXE              path of axe.min.js (default: node_modules/axe-core/axe.min.js or .ci/node_modules/axe-core/axe.min.js, looked up from the working directory to the module root)
//	SCHAKEL_REQUIRE_BROWSER  1: a missing browser or axe-core fails the test instead of skipping it
//	SCHAKEL_SCREENSHOTS      directory that Screenshot writes to; unset: relative screenshots are not taken
package browsertest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Timeout is the time one test may spend in the browser context that New
// returns.
const Timeout = 60 * time.Second

// requireBrowser reports whether a missing browser or axe-core must fail the
// test rather than skip it.
func requireBrowser() bool { return os.Getenv("SCHAKEL_REQUIRE_BROWSER") == "1" }

// skipOrFatal skips the test, or fails it under SCHAKEL_REQUIRE_BROWSER=1.
func skipOrFatal(t testing.TB, msg string) {
	t.Helper()
	if requireBrowser() {
		t.Fatal(msg + " [SCHAKEL_REQUIRE_BROWSER=1]")
	}
	t.Skip(msg)
}

// chromiumCandidates are tried in order when SCHAKEL_CHROMIUM is unset.
var chromiumCandidates = []string{"/usr/bin/chromium", "chromium", "chromium-browser"}

// findChromium returns the browser to run, or "" when there is none. A
// SCHAKEL_CHROMIUM that names no executable is an error: whoever set it wants
// the browser tests to run.
func findChromium() (string, error) {
	if p := os.Getenv("SCHAKEL_CHROMIUM"); p != "" {
		full, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("SCHAKEL_CHROMIUM=%q: %w", p, err)
		}
		return full, nil
	}
	for _, p := range chromiumCandidates {
		if full, err := exec.LookPath(p); err == nil {
			return full, nil
		}
	}
	return "", nil
}

// New starts a headless Chromium for the test and returns a context for one
// tab in it, with a deadline of Timeout. Everything stops when the test ends.
// Without a browser the test is skipped (failed under SCHAKEL_REQUIRE_BROWSER=1).
func New(t testing.TB) context.Context {
	t.Helper()
	return NewWithTimeout(t, Timeout)
}

// NewWithTimeout is New with another deadline, for a test that walks many
// pages (every screen at several sizes).
func NewWithTimeout(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	exe, err := findChromium()
	if err != nil {
		t.Fatal(err)
	}
	if exe == "" {
		skipOrFatal(t, "browser suite skipped: Chromium not found (install Debian's chromium, or set SCHAKEL_CHROMIUM)")
	}

	// The profile lives in a subdirectory of t.TempDir, which we remove
	// ourselves (with retries) once the browser has stopped: a helper process
	// of Chromium can still be writing there for a moment, and the TempDir
	// cleanup would then report "directory not empty".
	profile := filepath.Join(t.TempDir(), "profile")
	out := &lockedBuffer{}
	t.Cleanup(func() {
		removeAllRetry(profile)
		if t.Failed() && out.Len() > 0 {
			s := out.String()
			if len(s) > 8<<10 {
				s = "…" + s[len(s)-8<<10:]
			}
			t.Logf("browser output:\n%s", s)
		}
	})

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// A browser set to Dutch, as in the region: the family screens
		// follow Accept-Language until the family chooses.
		chromedp.Flag("lang", "nl-NL"),
		chromedp.Flag("accept-lang", "nl-NL,nl"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(out),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelBrowser)

	// Start the browser now, on a context without a deadline: the deadline of
	// the first Run would bound the life of the whole browser.
	if err := chromedp.Do(browserCtx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	ctx, cancel := context.WithTimeout(browserCtx, timeout)
	t.Cleanup(cancel)
	return ctx
}

// removeAllRetry removes dir, retrying for a while when a process that is
// about to exit still writes in it.
func removeAllRetry(dir string) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := os.RemoveAll(dir)
		if err == nil || errors.Is(err, os.ErrNotExist) || time.Now().After(deadline) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// lockedBuffer collects the browser's output from another goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
