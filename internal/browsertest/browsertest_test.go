package browsertest

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// csp is as strict as the one Schakel's pages send: no inline or eval'd
// script, so the test shows that axe-core runs in spite of it.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

const goodPage = `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>Zoeken - Schakel</title></head>
<body>
<main>
<h1>Zoeken</h1>
<form action="/echo" method="get">
<p><label for="q">Naam van het gezin</label> <input id="q" name="q" type="text"></p>
<p><label for="d">Datum melding</label> <input id="d" name="d" type="date"></p>
<p><input id="akkoord" name="akkoord" type="checkbox" value="ja"> <label for="akkoord">Akkoord</label></p>
<p><button type="submit">Zoeken</button></p>
</form>
</main>
</body>
</html>`

// badPage has serious violations on purpose: an image without alt text, an
// input without a label, and no lang attribute.
const badPage = `<!doctype html>
<html>
<head><meta charset="utf-8"><title>Slecht</title></head>
<body>
<img src="/foto.png">
<input type="text" name="naam">
</body>
</html>`

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	page := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Security-Policy", csp)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, body)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("GET /{$}", page(goodPage))
	mux.Handle("GET /bad", page(badPage))
	mux.HandleFunc("GET /echo", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		page(fmt.Sprintf(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Resultaat</title></head>`+
			`<body><main><h1>Resultaat</h1><p id="result">%s|%s|%s</p></main></body></html>`,
			html.EscapeString(q.Get("q")), html.EscapeString(q.Get("d")), html.EscapeString(q.Get("akkoord"))))(w, r)
	})
	mux.HandleFunc("GET /weg", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/bad", http.StatusSeeOther)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestBrowserAxe(t *testing.T) {
	axePath(t)
	srv := newServer(t)
	ctx := New(t)

	if got := Navigate(t, ctx, srv.URL+"/"); got != http.StatusOK {
		t.Fatalf("status %d", got)
	}
	vs, err := axeViolations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if v.Serious() {
			t.Errorf("good page: unexpected serious violation %s", v)
		}
	}
	Axe(t, ctx, "good page") // the public entry point must pass too

	Navigate(t, ctx, srv.URL+"/bad")
	vs, err = axeViolations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) == 0 {
		t.Fatal("bad page: axe found no violation")
	}
	var ids []string
	for _, v := range vs {
		t.Logf("bad page: %s", v)
		ids = append(ids, v.ID)
		if len(v.Targets) == 0 {
			t.Errorf("violation %s names no element", v.ID)
		}
	}
	for _, want := range []string{"image-alt", "label", "html-has-lang"} {
		if !slices.Contains(ids, want) {
			t.Errorf("bad page: no %s violation in %v", want, ids)
		}
	}
	if !slices.ContainsFunc(vs, Violation.Serious) {
		t.Errorf("bad page: no serious violation in %v", ids)
	}
}

// recorder is a testing.TB that records errors rather than failing the test.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Logf(format string, args ...any) {}

func TestBrowserAxeReports(t *testing.T) {
	axePath(t)
	srv := newServer(t)
	ctx := New(t)

	Navigate(t, ctx, srv.URL+"/bad")
	rec := &recorder{TB: t}
	Axe(rec, ctx, "the bad page")
	if len(rec.errors) != 3 {
		t.Errorf("Axe reported %d errors, want 3: %q", len(rec.errors), rec.errors)
	}
	all := strings.Join(rec.errors, "\n")
	for _, want := range []string{"the bad page", "image-alt", "Images must have alternative text", "img", "label", "input"} {
		if !strings.Contains(all, want) {
			t.Errorf("Axe's report lacks %q:\n%s", want, all)
		}
	}
}

func TestBrowserHelpers(t *testing.T) {
	srv := newServer(t)
	ctx := New(t)

	Navigate(t, ctx, srv.URL+"/")
	if got := Text(t, ctx, "h1"); got != "Zoeken" {
		t.Errorf("h1 = %q", got)
	}
	if !Exists(t, ctx, "#q") || Exists(t, ctx, "#nope") {
		t.Error("Exists is wrong")
	}
	Fill(t, ctx, "#q", "Jansen & <Zn>")
	Fill(t, ctx, "#d", "2026-03-09")
	Check(t, ctx, "#akkoord", true)
	if status := Submit(t, ctx, "button[type=submit]"); status != http.StatusOK {
		t.Fatalf("submit: status %d", status)
	}
	if got := Location(t, ctx); !strings.HasPrefix(got, srv.URL+"/echo?") {
		t.Errorf("location %q", got)
	}
	if got, want := Text(t, ctx, "#result"), "Jansen & <Zn>|2026-03-09|ja"; got != want {
		t.Errorf("result %q, want %q", got, want)
	}

	// FetchStatus follows redirects and leaves the page where it was.
	for path, want := range map[string]int{"/": 200, "/weg": 200, "/nergens": 404} {
		if got := FetchStatus(t, ctx, srv.URL+path); got != want {
			t.Errorf("FetchStatus(%s) = %d, want %d", path, got, want)
		}
	}
	if got := Location(t, ctx); !strings.HasPrefix(got, srv.URL+"/echo?") {
		t.Errorf("after FetchStatus the page is %q", got)
	}

	// An absolute path is always written.
	shot := filepath.Join(t.TempDir(), "sub", "echo.png")
	Screenshot(t, ctx, shot)
	b, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("%s is not a PNG", shot)
	}

	// A relative path goes under SCHAKEL_SCREENSHOTS, and nowhere without it.
	dir := t.TempDir()
	t.Setenv("SCHAKEL_SCREENSHOTS", "")
	Screenshot(t, ctx, "none.png")
	if _, err := os.Stat("none.png"); err == nil {
		os.Remove("none.png")
		t.Error("Screenshot wrote a relative path without SCHAKEL_SCREENSHOTS")
	}
	t.Setenv("SCHAKEL_SCREENSHOTS", dir)
	Screenshot(t, ctx, "echo.png")
	if _, err := os.Stat(filepath.Join(dir, "echo.png")); err != nil {
		t.Error(err)
	}
}

func TestViolationString(t *testing.T) {
	v := Violation{ID: "label", Impact: "critical", Help: "Form elements must have labels", HelpURL: "https://example.org/label",
		Targets: []string{"#a", "#b", "#c", "#d", "#e"}}
	got := v.String()
	if !strings.Contains(got, "#a, #b, #c (and 2 more)") || strings.Contains(got, "#d") || !v.Serious() {
		t.Errorf("String() = %q", got)
	}
	if (Violation{Impact: "moderate"}).Serious() {
		t.Error("moderate counted as serious")
	}
}

// stopper is a testing.TB whose Skip and Fatal record the message and stop
// the function under test with a panic, which the test recovers.
type stopper struct {
	testing.TB
	skipped, fatal string
}

type stopped struct{}

func (s *stopper) Helper() {}
func (s *stopper) Skip(args ...any) {
	s.skipped = fmt.Sprint(args...)
	panic(stopped{})
}
func (s *stopper) Fatal(args ...any) {
	s.fatal = fmt.Sprint(args...)
	panic(stopped{})
}
func (s *stopper) Fatalf(format string, args ...any) { s.Fatal(fmt.Sprintf(format, args...)) }

func (s *stopper) run(f func(testing.TB)) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(stopped); !ok {
				panic(r)
			}
		}
	}()
	f(s)
}

func TestNewWithoutChromium(t *testing.T) {
	saved := chromiumCandidates
	chromiumCandidates = []string{"/nonexistent/chromium", "schakel-no-such-browser"}
	t.Cleanup(func() { chromiumCandidates = saved })
	t.Setenv("SCHAKEL_CHROMIUM", "")
	newCtx := func(tb testing.TB) { New(tb) }

	t.Setenv("SCHAKEL_REQUIRE_BROWSER", "")
	s := &stopper{TB: t}
	s.run(newCtx)
	if !strings.Contains(s.skipped, "Chromium not found") || s.fatal != "" {
		t.Errorf("without SCHAKEL_REQUIRE_BROWSER: skipped %q, fatal %q", s.skipped, s.fatal)
	}

	t.Setenv("SCHAKEL_REQUIRE_BROWSER", "1")
	s = &stopper{TB: t}
	s.run(newCtx)
	if !strings.Contains(s.fatal, "Chromium not found") || s.skipped != "" {
		t.Errorf("with SCHAKEL_REQUIRE_BROWSER=1: skipped %q, fatal %q", s.skipped, s.fatal)
	}
}

func TestAxeWithoutAxeCore(t *testing.T) {
	t.Chdir(t.TempDir()) // outside the module: no node_modules to find
	t.Setenv("SCHAKEL_AXE", "")

	t.Setenv("SCHAKEL_REQUIRE_BROWSER", "")
	s := &stopper{TB: t}
	s.run(func(tb testing.TB) { axePath(tb) })
	if !strings.Contains(s.skipped, "axe-core not found") || s.fatal != "" {
		t.Errorf("without SCHAKEL_REQUIRE_BROWSER: skipped %q, fatal %q", s.skipped, s.fatal)
	}

	t.Setenv("SCHAKEL_REQUIRE_BROWSER", "1")
	s = &stopper{TB: t}
	s.run(func(tb testing.TB) { axePath(tb) })
	if !strings.Contains(s.fatal, "axe-core not found") || s.skipped != "" {
		t.Errorf("with SCHAKEL_REQUIRE_BROWSER=1: skipped %q, fatal %q", s.skipped, s.fatal)
	}
}
