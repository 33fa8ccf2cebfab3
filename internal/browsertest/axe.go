package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

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
