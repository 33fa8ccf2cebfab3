package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

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
