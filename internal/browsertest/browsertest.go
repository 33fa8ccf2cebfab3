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
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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

// Viewport makes the tab width × height CSS pixels, as on a phone (390 ×
// 844) or a desktop (1280 × 900). The page's own viewport meta tag applies:
// a page that says width=device-width is laid out at width.
func Viewport(t testing.TB, ctx context.Context, width, height int64) {
	t.Helper()
	opt := chromedp.EmulateLandscape
	if height > width {
		opt = chromedp.EmulatePortrait
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height, opt)); err != nil {
		t.Fatalf("viewport %d×%d: %v", width, height, err)
	}
}

// ScrollWidth returns how wide the page is laid out, in CSS pixels
// (document.documentElement.scrollWidth): more than the viewport's width
// means the reader has to scroll sideways.
func ScrollWidth(t testing.TB, ctx context.Context) int64 {
	t.Helper()
	w, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatalf("scroll width: %v", err)
	}
	return w
}

// WidestElements lists up to n elements that reach past width, widest
// first, as "tag#id.class (right edge px)", to say what makes a page too wide.
func WidestElements(t testing.TB, ctx context.Context, width int64, n int) []string {
	t.Helper()
	js := fmt.Sprintf(`(() => {
		const out = [];
		for (const el of document.querySelectorAll('body *')) {
			const r = el.getBoundingClientRect();
			if (r.right > %d + 0.5) {
				let name = el.tagName.toLowerCase();
				if (el.id) name += '#' + el.id;
				if (typeof el.className === 'string' && el.className.trim()) name += '.' + el.className.trim().split(/\s+/).join('.');
				out.push([Math.round(r.right), name + ' (' + Math.round(r.right) + ' px)']);
			}
		}
		out.sort((a, b) => b[0] - a[0]);
		return out.slice(0, %d).map(x => x[1]);
	})()`, width, n)
	els, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](js))
	if err != nil {
		t.Fatalf("widest elements: %v", err)
	}
	return els
}

// Navigate loads url and returns the HTTP status of the document.
func Navigate(t testing.TB, ctx context.Context, url string) int {
	t.Helper()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
	if err != nil {
		t.Fatalf("navigate to %s: %v", url, err)
	}
	if resp == nil {
		return 0
	}
	return int(resp.Status)
}

// FetchStatus asks the page for url with fetch, as the browser would load
// it (its cookies, following redirects), and returns the final status
// without rendering anything: a cheap look before deciding to open a page.
func FetchStatus(t testing.TB, ctx context.Context, url string) int {
	t.Helper()
	js := fmt.Sprintf(`fetch(%s, {credentials: 'same-origin'}).then(r => r.status)`, jsString(url))
	st, err := chromedp.Run(ctx, chromedp.Evaluate[int](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("fetch %s: %v", url, err)
	}
	return st
}

// Text returns the visible text of the first element that matches the CSS
// selector, waiting for it to appear.
func Text(t testing.TB, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// WaitText waits until the text of the first element that matches the CSS
// selector contains want, checking on every change of the page, and
// returns that text. Only the browser context's deadline ends the wait.
func WaitText(t testing.TB, ctx context.Context, sel, want string) string {
	t.Helper()
	js := fmt.Sprintf(`(() => { const el = document.querySelector(%s); return el !== null && el.textContent.includes(%s); })()`,
		jsString(sel), jsString(want))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingMutation(), chromedp.WithPollingTimeout(0))); err != nil {
		t.Fatalf("waiting for %q in %s: %v", want, sel, err)
	}
	return Text(t, ctx, sel)
}

// Exists reports whether an element matches the CSS selector now, without
// waiting.
func Exists(t testing.TB, ctx context.Context, sel string) bool {
	t.Helper()
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`document.querySelector(%s) !== null`, jsString(sel))))
	if err != nil {
		t.Fatalf("looking for %s: %v", sel, err)
	}
	return ok
}

// Fill sets the value of the form control that matches the CSS selector (an
// input of any type, a textarea or a select) and fires the input and change
// events a user's typing or choosing would fire. Setting the value, rather than
// typing keys, works the same for date fields in every locale.
func Fill(t testing.TB, ctx context.Context, sel, value string) {
	t.Helper()
	js := fmt.Sprintf(`(() => {
		const el = document.querySelector(%s);
		el.focus();
		el.value = %s;
		el.dispatchEvent(new Event('input', {bubbles: true}));
		el.dispatchEvent(new Event('change', {bubbles: true}));
		return el.value;
	})()`, jsString(sel), jsString(value))
	if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS(sel))); err != nil {
		t.Fatalf("fill %s: %v", sel, err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("fill %s: %v", sel, err)
	}
	if got != value {
		t.Fatalf("fill %s with %q: the field holds %q (not an option of the select?)", sel, value, got)
	}
}

// Check ticks (on=true) or unticks a checkbox or radio button.
func Check(t testing.TB, ctx context.Context, sel string, on bool) {
	t.Helper()
	js := fmt.Sprintf(`(() => {
		const el = document.querySelector(%s);
		if (el.checked !== %t) el.click();
		return el.checked;
	})()`, jsString(sel), on)
	if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS(sel))); err != nil {
		t.Fatalf("check %s: %v", sel, err)
	}
	if got, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err != nil || got != on {
		t.Fatalf("check %s = %t: got %t, %v", sel, on, got, err)
	}
}

// Click clicks the first visible element that matches the CSS selector, and
// does not wait for a page load. Use Submit for a click that loads a page.
func Click(t testing.TB, ctx context.Context, sel string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
}

// Submit clicks the element that matches the CSS selector (a submit button or
// a link), waits for the page that loads, after redirects, and returns its
// HTTP status.
func Submit(t testing.TB, ctx context.Context, sel string) int {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("submit via %s: %v", sel, err)
	}
	if resp == nil {
		return 0
	}
	return int(resp.Status)
}

// Location returns the URL of the page.
func Location(t testing.TB, ctx context.Context) string {
	t.Helper()
	u, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatalf("location: %v", err)
	}
	return u
}

// Screenshot writes a full-page PNG of the current page. A relative path is
// taken inside the directory SCHAKEL_SCREENSHOTS, and nothing is written when
// that variable is unset, so tests can call Screenshot freely. An absolute path
// is always written.
func Screenshot(t testing.TB, ctx context.Context, path string) {
	t.Helper()
	if !filepath.IsAbs(path) {
		dir := os.Getenv("SCHAKEL_SCREENSHOTS")
		if dir == "" {
			return
		}
		path = filepath.Join(dir, path)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", path, err)
		return
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Errorf("screenshot %s: %v", path, err)
		return
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Errorf("screenshot %s: %v", path, err)
		return
	}
	t.Logf("screenshot: %s", path)
}

// Violation is one axe-core rule that failed on a page.
type Violation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"` // minor, moderate, serious or critical
	Help    string   `json:"help"`
	HelpURL string   `json:"helpUrl"`
	Targets []string `json:"targets"` // CSS selectors of the failing elements
}

func (v Violation) String() string {
	targets := v.Targets
	more := ""
	if len(targets) > 3 {
		more = fmt.Sprintf(" (and %d more)", len(targets)-3)
		targets = targets[:3]
	}
	return fmt.Sprintf("%s [%s]: %s; at %s%s (%s)", v.ID, v.Impact, v.Help, strings.Join(targets, ", "), more, v.HelpURL)
}

// Serious reports whether the violation must fail a test.
func (v Violation) Serious() bool { return v.Impact == "serious" || v.Impact == "critical" }

// Axe checks the current page against WCAG 2.0/2.1 A and AA with axe-core.
// Serious and critical violations fail the test; moderate and minor ones are
// logged. page names the page in the messages. Without axe-core the test is
// skipped (failed under SCHAKEL_REQUIRE_BROWSER=1).
func Axe(t testing.TB, ctx context.Context, page string) {
	t.Helper()
	axePath(t)
	vs, err := axeViolations(ctx)
	if err != nil {
		t.Fatalf("axe on %s: %v", page, err)
	}
	for _, v := range vs {
		if v.Serious() {
			t.Errorf("accessibility: %s: %s", page, v)
		} else {
			t.Logf("accessibility (%s, not failing): %s: %s", v.Impact, page, v)
		}
	}
}

// axePath returns the path of axe.min.js. Without one it skips the test, or
// fails it under SCHAKEL_REQUIRE_BROWSER=1.
func axePath(t testing.TB) string {
	t.Helper()
	path, err := findAxe()
	if err != nil {
		t.Fatal(err)
	}
	if path == "" {
		skipOrFatal(t, "accessibility check skipped: axe-core not found (run `npm ci` in .ci, or set SCHAKEL_AXE to the absolute path of axe.min.js)")
	}
	return path
}

// axeRun runs axe-core on the document and returns its violations in the shape
// of Violation. A target is a list of selectors (one per iframe or shadow
// root on the way to the element); it is joined with " >>> ".
const axeRun = `(async () => {
	const r = await axe.run(document, {
		runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
		resultTypes: ['violations'],
	});
	return r.violations.map(v => ({
		id: v.id,
		impact: v.impact || 'unknown',
		help: v.help,
		helpUrl: v.helpUrl,
		targets: v.nodes.map(n => n.target.map(s => Array.isArray(s) ? s.join(' ') : String(s)).join(' >>> ')),
	}));
})()`

// axeViolations injects axe-core (see findAxe) into the page, unless it is
// there already, and returns every violation that it finds. The source
// is evaluated through the DevTools protocol, which the page's
// Content-Security-Policy does not restrict, so no <script> tag is needed.
func axeViolations(ctx context.Context) ([]Violation, error) {
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === 'object' && typeof window.axe.run === 'function'`))
	if err != nil {
		return nil, err
	}
	if !loaded {
		path, err := findAxe()
		if err != nil {
			return nil, err
		}
		if path == "" {
			return nil, errors.New("axe-core not found")
		}
		src, err := axeSource(path)
		if err != nil {
			return nil, err
		}
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
			return nil, fmt.Errorf("injecting axe-core: %w", err)
		}
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](axeRun, chromedp.EvalAwaitPromise, chromedp.EvalAsValue))
	if err != nil {
		return nil, fmt.Errorf("axe.run: %w", err)
	}
	return vs, nil
}

var axeCache struct {
	sync.Mutex
	src map[string]string
}

// axeSource reads the axe-core file once per test binary.
func axeSource(path string) (string, error) {
	axeCache.Lock()
	defer axeCache.Unlock()
	if s, ok := axeCache.src[path]; ok {
		return s, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	if axeCache.src == nil {
		axeCache.src = make(map[string]string)
	}
	axeCache.src[path] = string(b)
	return string(b), nil
}

// findAxe returns the path of axe.min.js, or "" when there is none. It takes
// SCHAKEL_AXE, else looks in node_modules/axe-core and .ci/node_modules/axe-core
// of the working directory and each parent up to the module root (the
// directory with go.mod).
func findAxe() (string, error) {
	if p := os.Getenv("SCHAKEL_AXE"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("SCHAKEL_AXE: %w", err)
		}
		return p, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		for _, rel := range []string{"node_modules/axe-core/axe.min.js", ".ci/node_modules/axe-core/axe.min.js"} {
			p := filepath.Join(dir, filepath.FromSlash(rel))
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
		}
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return "", nil // the module root: look no further
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// jsString quotes s as a JavaScript string literal (JSON's quoting, which
// also escapes U+2028 and U+2029). Marshalling a string cannot fail; if
// it ever did, the script would be wrong, so the test stops loudly.
func jsString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(fmt.Sprintf("browsertest: quote %q for JavaScript: %v", s, err))
	}
	return string(b)
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

// WaitLocation waits until the page's address starts with prefix and its
// document has loaded, through redirects and refreshes (a page that sends
// the browser to another site, for example). Only the browser context's
// deadline ends the wait.
func WaitLocation(t testing.TB, ctx context.Context, prefix string) {
	t.Helper()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	last := ""
	for {
		// While the browser navigates, the evaluation may fail: poll on.
		state, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + " " + document.readyState`))
		if err == nil {
			last = state
			href, ready, _ := strings.Cut(state, " ")
			if strings.HasPrefix(href, prefix) && ready == "complete" {
				return
			}
		}
		select {
		case <-ctx.Done():
			t.Fatalf("waiting for a page at %s: last %q: %v", prefix, last, ctx.Err())
		case <-tick.C:
		}
	}
}
